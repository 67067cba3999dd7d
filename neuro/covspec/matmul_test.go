package covspec

import (
	"github.com/neurodyn/neurodyn/neuro/internal/cpufeat"

	"math"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// mulRJt must agree with gonum's Gemm for every shape (odd sizes, tails, short run groups).
func TestMulRJtMatchesGemm(t *testing.T) {
	rng := stream(5, 0)
	for _, n := range []int{1, 2, 3, 4, 5, 7, 64, 129, 300} {
		for _, rows := range []int{1, 2, 3, 4, 5, 8, 9} {
			r := mat.NewDense(rows, n, nil)
			j := mat.NewDense(n, n, nil)
			for _, d := range [][]float64{r.RawMatrix().Data, j.RawMatrix().Data} {
				for i := range d {
					d[i] = rng.NormFloat64()
				}
			}
			got := mat.NewDense(rows, n, nil)
			want := mat.NewDense(rows, n, nil)
			mulRJt(got, r, j)
			blas64.Gemm(blas.NoTrans, blas.Trans, 1, r.RawMatrix(), j.RawMatrix(), 0, want.RawMatrix())
			for k := range rows {
				for i := range n {
					if d := math.Abs(got.At(k, i) - want.At(k, i)); d > 1e-12*math.Sqrt(float64(n))*10 {
						t.Fatalf("n=%d rows=%d: entry (%d,%d) = %v, want %v (AVX2/FMA: %v)", n, rows, k, i, got.At(k, i), want.At(k, i), cpufeat.AVX2FMA)
					}
				}
			}
		}
	}
}
