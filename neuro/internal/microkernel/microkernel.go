// Package microkernel holds the register-blocked kernels shared by neurodyn's hand-tuned
// products: a 6×8 block of dot products accumulated over k steps (ssid's lagged covariances,
// smc's encoder convolutions) and 32-wide sparse gathers for convolutions of sparse inputs
// (Band32 forward, GatherTaps32 kernel gradient). Each runs in AVX2/FMA or AVX-512 assembly
// where the CPU has it and portable Go elsewhere; all paths give the same sums up to rounding.
package microkernel

import "github.com/neurodyn/neurodyn/neuro/internal/cpufeat"

// Gemm6x8 adds to acc the 6×8 block acc[8r+c] += Σ_{u<k} a[u·sa+r]·b[u·sb+c] (r < 6, c < 8).
// a and b are read at strides sa and sb (for packed panels sa = 6, sb = 8; for two windows into
// one time-major series both are the row stride). It panics if a or b is too short.
func Gemm6x8(a []float64, sa int, b []float64, sb int, k int, acc *[48]float64) {
	if k <= 0 {
		return
	}
	_ = a[(k-1)*sa+5]
	_ = b[(k-1)*sb+7]
	if cpufeat.AVX2FMA {
		gemm6x8AVX(&a[0], &b[0], sa, sb, k, acc)
		return
	}
	gemm6x8Go(a, sa, b, sb, k, acc)
}

func gemm6x8Go(a []float64, sa int, b []float64, sb int, k int, acc *[48]float64) {
	for u := range k {
		ar := a[u*sa : u*sa+6 : u*sa+6]
		br := b[u*sb : u*sb+8 : u*sb+8]
		for r, av := range ar {
			row := acc[8*r : 8*r+8 : 8*r+8]
			for c, bv := range br {
				row[c] += av * bv
			}
		}
	}
}
