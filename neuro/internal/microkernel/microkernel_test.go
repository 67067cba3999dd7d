package microkernel

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The assembly and portable kernels agree, for packed panels and for two windows into one
// strided series, and both match a direct sum.
func TestGemm6x8(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	for _, k := range []int{0, 1, 2, 3, 7, 64, 257} {
		for _, st := range [][2]int{{6, 8}, {8, 8}, {9, 9}, {13, 8}} {
			sa, sb := st[0], st[1]
			a := make([]float64, max(k, 1)*sa+8)
			b := make([]float64, max(k, 1)*sb+8)
			for i := range a {
				a[i] = rng.NormFloat64()
			}
			for i := range b {
				b[i] = rng.NormFloat64()
			}
			var got, port, want [48]float64
			for i := range got {
				got[i], port[i], want[i] = float64(i), float64(i), float64(i)
			}
			for r := range 6 {
				for c := range 8 {
					for u := range k {
						want[8*r+c] += a[u*sa+r] * b[u*sb+c]
					}
				}
			}
			Gemm6x8(a, sa, b, sb, k, &got)
			gemm6x8Go(a, sa, b, sb, k, &port)
			for i := range got {
				tol := 1e-12 * (1 + math.Abs(want[i]))
				if math.Abs(got[i]-want[i]) > tol || math.Abs(port[i]-want[i]) > tol {
					t.Fatalf("k=%d sa=%d sb=%d: acc[%d] = %v (portable %v), direct sum %v", k, sa, sb, i, got[i], port[i], want[i])
				}
			}
		}
	}
}

func TestGemm6x8PanicsOnShortInput(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("a too-short panel was accepted")
		}
	}()
	var acc [48]float64
	Gemm6x8(make([]float64, 6), 6, make([]float64, 16), 8, 2, &acc)
}
