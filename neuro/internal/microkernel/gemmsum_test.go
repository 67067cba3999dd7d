package microkernel

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/internal/cpufeat"
)

// Gemm6x8Sum sets the direct sum over blocks and steps, on the assembly and the portable path,
// for overlapping blocks (ja = 1, a sliding window), disjoint ones and zero block strides.
func TestGemm6x8Sum(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 8))
	defer func(v bool) { cpufeat.AVX2FMA = v }(cpufeat.AVX2FMA)
	paths := []bool{false}
	if cpufeat.AVX2FMA {
		paths = append(paths, true)
	}
	for _, simd := range paths {
		cpufeat.AVX2FMA = simd
		for _, k := range []int{0, 1, 5, 64} {
			for _, n := range []int{0, 1, 3, 11} {
				for _, st := range [][4]int{{13, 1, 8, 40}, {6, 200, 8, 96}, {9, 0, 10, 0}, {7, 7 * 70, 64, 3}} {
					sa, ja, sb, jb := st[0], st[1], st[2], st[3]
					a := make([]float64, max(n, 1)*ja+max(k, 1)*sa+6)
					b := make([]float64, max(n, 1)*jb+max(k, 1)*sb+8)
					for i := range a {
						a[i] = rng.NormFloat64()
					}
					for i := range b {
						b[i] = rng.NormFloat64()
					}
					var got, want [48]float64
					for i := range got {
						got[i] = float64(i) // overwritten
					}
					for r := range 6 {
						for c := range 8 {
							for i := range n {
								for u := range k {
									want[8*r+c] += a[i*ja+u*sa+r] * b[i*jb+u*sb+c]
								}
							}
						}
					}
					Gemm6x8Sum(a, sa, ja, b, sb, jb, k, n, &got)
					for i := range got {
						if math.Abs(got[i]-want[i]) > 1e-12*(1+math.Abs(want[i])) {
							t.Fatalf("avx=%v k=%d n=%d strides %v: acc[%d] = %v, direct sum %v", simd, k, n, st, i, got[i], want[i])
						}
					}
				}
			}
		}
	}
}

func TestGemm6x8SumPanicsOnShortInput(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("a too-short panel was accepted")
		}
	}()
	var acc [48]float64
	Gemm6x8Sum(make([]float64, 12), 6, 6, make([]float64, 64), 8, 8, 1, 3, &acc)
}
