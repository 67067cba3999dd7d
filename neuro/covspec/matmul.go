package covspec

import (
	"runtime"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/internal/cpufeat"
)

// mulRJt sets u = r·Jᵀ (r and u are rows×n, J is n×n): row k of u is J times row k of r. With
// AVX2/FMA each pair of J rows is multiplied against four rows of r at a time, so J streams
// through the cache once per four runs; rows of J are split across GOMAXPROCS goroutines. Every
// entry is summed in a fixed order, so the result does not depend on the split.
func mulRJt(u, r, j *mat.Dense) {
	if !cpufeat.AVX2FMA {
		blas64.Gemm(blas.NoTrans, blas.Trans, 1, r.RawMatrix(), j.RawMatrix(), 0, u.RawMatrix())
		return
	}
	n, _ := j.Dims()
	workers := min(runtime.GOMAXPROCS(0), max(1, n/64))
	if workers == 1 {
		mulRJtRows(u, r, j, 0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n/workers + 1) &^ 1
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			mulRJtRows(u, r, j, lo, hi)
		}()
	}
	wg.Wait()
}

// mulRJtRows computes the columns lo..hi-1 of u = r·Jᵀ.
func mulRJtRows(u, r, j *mat.Dense, lo, hi int) {
	rows, n := r.Dims()
	n4 := n &^ 3
	rr := r.RawMatrix()
	ur := u.RawMatrix()
	jr := j.RawMatrix()
	var out [8]float64
	row := func(k int) []float64 { return rr.Data[k*rr.Stride : k*rr.Stride+n] }
	for i := lo; i < hi; i += 2 {
		i1 := min(i+1, hi-1) // an odd last row is paired with itself
		j0 := jr.Data[i*jr.Stride : i*jr.Stride+n]
		j1 := jr.Data[i1*jr.Stride : i1*jr.Stride+n]
		for k := 0; k < rows; k += 4 {
			var rs [4][]float64
			for m := range 4 {
				rs[m] = row(min(k+m, rows-1)) // a short last group repeats its last row
			}
			if n4 > 0 {
				dot2x4AVX(&j0[0], &j1[0], &rs[0][0], &rs[1][0], &rs[2][0], &rs[3][0], n4, &out)
			} else {
				out = [8]float64{}
			}
			for m := range 4 {
				if k+m >= rows {
					break
				}
				s0, s1 := out[2*m], out[2*m+1]
				for p := n4; p < n; p++ {
					s0 += j0[p] * rs[m][p]
					s1 += j1[p] * rs[m][p]
				}
				ur.Data[(k+m)*ur.Stride+i] = s0
				ur.Data[(k+m)*ur.Stride+i1] = s1
			}
		}
	}
}
