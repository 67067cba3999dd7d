package smc

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestGemmAddMatchesNaive checks gemmAdd on all transpose layouts and ragged sizes (edge tiles,
// several inner-dimension blocks) against a triple loop.
func TestGemmAddMatchesNaive(t *testing.T) {
	if !haveKern {
		t.Skip("no AVX2/FMA")
	}
	rng := rand.New(rand.NewPCG(12, 13))
	for _, sz := range [][3]int{{1, 1, 1}, {5, 7, 3}, {6, 8, 256}, {13, 17, 600}, {40, 4, 11}} {
		m, n, k := sz[0], sz[1], sz[2]
		a, b := make([]float64, m*k), make([]float64, k*n)
		for i := range a {
			a[i] = rng.NormFloat64()
		}
		for i := range b {
			b[i] = rng.NormFloat64()
		}
		for _, ta := range []bool{false, true} {
			for _, tb := range []bool{false, true} {
				av, bv := strided{a, k, 1}, strided{b, n, 1}
				if ta { // a holds Aᵀ (k×m)
					av = strided{a, 1, m}
				}
				if tb { // b holds Bᵀ (n×k)
					bv = strided{b, 1, k}
				}
				c := make([]float64, m*n)
				for i := range c {
					c[i] = 1
				}
				cv := strided{c, n, 1}
				if ta != tb { // also a transposed C
					cv = strided{c, 1, m}
				}
				gemmAdd(m, n, k, av, bv, cv, nil)
				for i := range m {
					for j := range n {
						want, mag := 1.0, 1.0
						for u := range k {
							p := av.d[i*av.rs+u*av.cs] * bv.d[u*bv.rs+j*bv.cs]
							want += p
							mag += math.Abs(p)
						}
						if got := c[i*cv.rs+j*cv.cs]; math.Abs(got-want) > 1e-14*mag {
							t.Fatalf("%v ta=%v tb=%v: c[%d,%d] = %v, want %v", sz, ta, tb, i, j, got, want)
						}
					}
				}
			}
		}
	}
}
