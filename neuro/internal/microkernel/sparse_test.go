package microkernel

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/internal/cpufeat"
)

// randSparse returns a random matrix of nr rows in compressed form with column offsets that
// are multiples of width (cols columns), with density dens, and a random tap list over its rows.
func randSparse(rng *rand.Rand, nr, cols, width int, dens float64, taps int) SparseRows {
	s := SparseRows{Ptr: []int32{0}, Step: cols * width}
	for range nr {
		for c := range cols {
			if rng.Float64() < dens {
				s.Idx = append(s.Idx, int32(c*width))
				s.Val = append(s.Val, rng.NormFloat64())
			}
		}
		s.Ptr = append(s.Ptr, int32(len(s.Idx)))
	}
	for range taps {
		s.Rows = append(s.Rows, int32(rng.IntN(nr+1)-1)) // −1: a zero-padded tap
	}
	return s
}

// Gather32 matches a direct sum on the assembly and the portable path, for empty rows, skipped
// taps and a matrix without entries.
func TestGather32(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	defer func(v bool) { cpufeat.AVX2FMA = v }(cpufeat.AVX2FMA)
	paths := []bool{false}
	if cpufeat.AVX2FMA {
		paths = append(paths, true)
	}
	for _, simd := range paths {
		cpufeat.AVX2FMA = simd
		for _, dens := range []float64{0, 0.05, 0.5, 1} {
			for _, width := range []int{32, 40} {
				const nr, cols, taps = 9, 7, 5
				s := randSparse(rng, nr, cols, width, dens, taps)
				w := make([]float64, taps*s.Step+width)
				y := make([]float64, 32)
				for i := range w {
					w[i] = rng.NormFloat64()
				}
				for i := range y {
					y[i] = rng.NormFloat64()
				}
				want := append([]float64(nil), y...)
				for j, r := range s.Rows {
					if r < 0 {
						continue
					}
					for e := s.Ptr[r]; e < s.Ptr[r+1]; e++ {
						for i := range 32 {
							want[i] += s.Val[e] * w[j*s.Step+int(s.Idx[e])+i]
						}
					}
				}
				got := append([]float64(nil), y...)
				Gather32(got, w, s)
				for i := range want {
					if math.Abs(got[i]-want[i]) > 1e-12*(1+math.Abs(want[i])) {
						t.Fatalf("avx=%v dens=%v: Gather32 y[%d] = %v, direct %v", simd, dens, i, got[i], want[i])
					}
				}
			}
		}
	}
}
