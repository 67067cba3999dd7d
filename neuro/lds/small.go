package lds

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// gemmMin is the product size (multiply-adds) from which BLAS beats the plain loops.
const gemmMin = 4096

// Small dense kernels on row-major slices. The filter's per-step matrices are n×n with n
// typically below 50, where call and allocation overheads of general routines dominate.

// mulNN sets dst (m×n) = a (m×k) · b (k×n).
func mulNN(dst, a, b []float64, m, k, n int) {
	if m*k*n >= gemmMin {
		blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, general(a, m, k), general(b, k, n), 0, general(dst, m, n))
		return
	}
	for i := range m {
		di := dst[i*n : (i+1)*n]
		clear(di)
		for l, av := range a[i*k : (i+1)*k] {
			if av == 0 {
				continue
			}
			bl := b[l*n : (l+1)*n]
			for j, bv := range bl {
				di[j] += av * bv
			}
		}
	}
}

// mulNT sets dst (m×n) = a (m×k) · b (n×k)ᵀ.
func mulNT(dst, a, b []float64, m, k, n int) {
	if m*k*n >= gemmMin {
		blas64.Gemm(blas.NoTrans, blas.Trans, 1, general(a, m, k), general(b, n, k), 0, general(dst, m, n))
		return
	}
	for i := range m {
		ai := a[i*k : (i+1)*k]
		for j := range n {
			dst[i*n+j] = dot(ai, b[j*k:(j+1)*k])
		}
	}
}

// symmetrizeFlat replaces the n×n matrix a by (a + aᵀ)/2.
func symmetrizeFlat(a []float64, n int) {
	for i := range n {
		for j := i + 1; j < n; j++ {
			v := 0.5 * (a[i*n+j] + a[j*n+i])
			a[i*n+j], a[j*n+i] = v, v
		}
	}
}

// cholFlat overwrites the lower triangle of the n×n symmetric a with L, a = L Lᵀ. It reports
// false when a is not numerically positive definite (a pivot ≤ tiny·max diagonal).
func cholFlat(a []float64, n int) bool {
	dmax := 0.0
	for i := range n {
		dmax = math.Max(dmax, a[i*n+i])
	}
	if !(dmax > 0) {
		return false
	}
	for j := range n {
		s := a[j*n+j] - dot(a[j*n:j*n+j], a[j*n:j*n+j])
		if !(s > 1e-14*dmax) {
			return false
		}
		d := math.Sqrt(s)
		a[j*n+j] = d
		for i := j + 1; i < n; i++ {
			a[i*n+j] = (a[i*n+j] - dot(a[i*n:i*n+j], a[j*n:j*n+j])) / d
		}
	}
	return true
}

// cholSolveFlat solves (L Lᵀ) X = B in place for B (n×c), L from cholFlat, working on whole
// rows of B.
func cholSolveFlat(l []float64, n int, b []float64, c int) {
	for i := range n {
		bi := b[i*c : (i+1)*c]
		for k := range i {
			if f := l[i*n+k]; f != 0 {
				bk := b[k*c : (k+1)*c]
				for j := range bi {
					bi[j] -= f * bk[j]
				}
			}
		}
		inv := 1 / l[i*n+i]
		for j := range bi {
			bi[j] *= inv
		}
	}
	for i := n - 1; i >= 0; i-- {
		bi := b[i*c : (i+1)*c]
		for k := i + 1; k < n; k++ {
			if f := l[k*n+i]; f != 0 {
				bk := b[k*c : (k+1)*c]
				for j := range bi {
					bi[j] -= f * bk[j]
				}
			}
		}
		inv := 1 / l[i*n+i]
		for j := range bi {
			bi[j] *= inv
		}
	}
}

// forwardSubst solves L w = e in place (L lower triangular n×n from cholFlat).
func forwardSubst(l []float64, n int, e []float64) {
	for i := range n {
		e[i] = (e[i] - dot(l[i*n:i*n+i], e[:i])) / l[i*n+i]
	}
}

// arena hands out zeroed float64 slices from large chunks to cut per-step allocations.
type arena struct{ buf []float64 }

func (a *arena) get(n int) []float64 {
	if len(a.buf) < n {
		a.buf = make([]float64, max(n, 1<<14))
	}
	s := a.buf[:n:n]
	a.buf = a.buf[n:]
	return s
}

func general(a []float64, r, c int) blas64.General {
	return blas64.General{Rows: r, Cols: c, Stride: c, Data: a}
}
