package microkernel

import (
	"math"
	"math/rand/v2"
	"testing"
)

// GatherTaps32 matches a direct sum on every path, for one to four taps, empty lists, odd and
// even entry counts and a matrix without entries.
func TestGatherTaps32(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 13))
	for path := range kernelPaths(t) {
		for _, dens := range []float64{0, 0.1, 0.5, 1} {
			for m := 1; m <= 4; m++ {
				const n, npos, width, ldy, ystep, wstep = 9, 11, 40, 37, 9 * 37, 40
				ptr := []int32{0}
				var idx []int32
				var val []float64
				for range n {
					for p := range npos {
						if rng.Float64() < dens {
							idx = append(idx, int32(p*width))
							val = append(val, rng.NormFloat64())
						}
					}
					ptr = append(ptr, int32(len(idx)))
				}
				w := make([]float64, npos*width+3*wstep+32)
				y := make([]float64, (n-1)*ldy+3*ystep+32)
				for i := range w {
					w[i] = rng.NormFloat64()
				}
				for i := range y {
					y[i] = rng.NormFloat64()
				}
				want := append([]float64(nil), y...)
				for i := range n {
					for u := range m {
						for e := ptr[i]; e < ptr[i+1]; e++ {
							for c := range 32 {
								want[i*ldy+u*ystep+c] += val[e] * w[int(idx[e])+u*wstep+c]
							}
						}
					}
				}
				got := append([]float64(nil), y...)
				GatherTaps32(got, ldy, ystep, n, m, w, wstep, ptr, idx, val)
				for i := range want {
					if math.Abs(got[i]-want[i]) > 1e-12*(1+math.Abs(want[i])) {
						t.Fatalf("%s dens=%v m=%d: y[%d] = %v, direct %v", path, dens, m, i, got[i], want[i])
					}
				}
			}
		}
	}
}
