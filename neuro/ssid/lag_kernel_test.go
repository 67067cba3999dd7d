package ssid

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The assembly kernel (used where the CPU has AVX2+FMA) and the portable Go kernel must agree,
// so that results do not depend on the machine.
func TestGemmKernelsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	for _, n := range []int{1, 2, 3, 7, 64, 257} {
		for _, stride := range []int{8, 9, 13} {
			a := make([]float64, n*stride+8)
			b := make([]float64, n*stride+8)
			for i := range a {
				a[i], b[i] = rng.NormFloat64(), rng.NormFloat64()
			}
			var got, want [48]float64
			for i := range got {
				got[i] = float64(i) // kernels accumulate into acc
				want[i] = float64(i)
			}
			gemm6x8(a, b, stride, n, &got)
			gemm6x8Go(a, b, stride, n, &want)
			for i := range got {
				if math.Abs(got[i]-want[i]) > 1e-12*(1+math.Abs(want[i])) {
					t.Fatalf("n=%d stride=%d: acc[%d] = %v, portable kernel %v", n, stride, i, got[i], want[i])
				}
			}
		}
	}
}
