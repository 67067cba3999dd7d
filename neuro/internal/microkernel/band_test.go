package microkernel

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Band32 matches a direct sum on every path, for empty positions, odd and even entry counts,
// a nonzero first tap, several spans and a matrix without entries.
func TestBand32(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 11))
	for path := range kernelPaths(t) {
		for _, dens := range []float64{0, 0.05, 0.3, 1} {
			for _, first := range []int{0, 3} {
				for _, span := range []int{1, 2, 5} {
					const n, cols, width, ldy = 13, 7, 40, 37
					npos := first + n + span // padded positions the rows read
					step := cols * width
					ptr := []int32{0}
					var idx []int32
					var val []float64
					for p := range npos {
						for c := range cols {
							if rng.Float64() < dens {
								idx = append(idx, int32(p*step+c*width))
								val = append(val, rng.NormFloat64())
							}
						}
						ptr = append(ptr, int32(len(idx)))
					}
					w := make([]float64, (span+1)*step)
					y := make([]float64, (n-1)*ldy+32)
					for i := range w {
						w[i] = rng.NormFloat64()
					}
					for i := range y {
						y[i] = rng.NormFloat64()
					}
					want := append([]float64(nil), y...)
					for i := range n {
						for e := ptr[i+first]; e < ptr[i+first+span]; e++ {
							j, off := int(idx[e])/step-i-first, int(idx[e])%step
							for c := range 32 {
								want[i*ldy+c] += val[e] * w[j*step+off+c]
							}
						}
					}
					got := append([]float64(nil), y...)
					Band32(got, ldy, n, w, step, first, span, ptr[first:], idx, val)
					for i := range want {
						if math.Abs(got[i]-want[i]) > 1e-12*(1+math.Abs(want[i])) {
							t.Fatalf("%s dens=%v first=%d span=%d: y[%d] = %v, direct %v", path, dens, first, span, i, got[i], want[i])
						}
					}
				}
			}
		}
	}
}
