package microkernel

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randSparse returns a random matrix of nr rows in compressed form with column offsets that
// are multiples of width (cols columns) and density dens, with a table of n output rows of
// taps each (row stride taps+2) over its rows, −1 for a zero-padded tap.
func randSparse(rng *rand.Rand, nr, cols, width int, dens float64, n, taps int) SparseRows {
	s := SparseRows{Ptr: []int32{0}, Step: cols * width, Taps: taps, RowStride: taps + 2}
	for range nr {
		for c := range cols {
			if rng.Float64() < dens {
				s.Idx = append(s.Idx, int32(c*width))
				s.Val = append(s.Val, rng.NormFloat64())
			}
		}
		s.Ptr = append(s.Ptr, int32(len(s.Idx)))
	}
	for range n * s.RowStride {
		s.Rows = append(s.Rows, int32(rng.IntN(nr+1)-1))
	}
	return s
}

// Gather32 matches a direct sum on the assembly and the portable path, for empty rows, skipped
// taps, a matrix without entries and several output rows at a stride.
func TestGather32(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	for simd := range kernelPaths(t) {
		for _, dens := range []float64{0, 0.05, 0.5, 1} {
			for _, width := range []int{32, 40} {
				for _, n := range []int{1, 4} {
					const nr, cols, taps, ldy = 9, 7, 5, 37
					s := randSparse(rng, nr, cols, width, dens, n, taps)
					w := make([]float64, taps*s.Step+width)
					y := make([]float64, (n-1)*ldy+32)
					for i := range w {
						w[i] = rng.NormFloat64()
					}
					for i := range y {
						y[i] = rng.NormFloat64()
					}
					want := append([]float64(nil), y...)
					for i := range n {
						for j, r := range s.Rows[i*s.RowStride : i*s.RowStride+taps] {
							if r < 0 {
								continue
							}
							for e := s.Ptr[r]; e < s.Ptr[r+1]; e++ {
								for c := range 32 {
									want[i*ldy+c] += s.Val[e] * w[j*s.Step+int(s.Idx[e])+c]
								}
							}
						}
					}
					got := append([]float64(nil), y...)
					Gather32(got, ldy, n, w, s)
					for i := range want {
						if math.Abs(got[i]-want[i]) > 1e-12*(1+math.Abs(want[i])) {
							t.Fatalf("%s dens=%v n=%d: y[%d] = %v, direct %v", simd, dens, n, i, got[i], want[i])
						}
					}
				}
			}
		}
	}
}
