package ssid

import "github.com/neurodyn/neurodyn/neuro/internal/microkernel"

// lagChunk is the number of samples processed per pass, so that the rows a pass touches stay
// in cache across all lags and channel blocks.
const lagChunk = 256

// lagSums returns full[d][p*nw+q] = Σ_{u=0}^{T−1−d} x_p(u) x_q(u+d) for d < L, channels
// p < np (the "earlier" channels) and q < nw, for the blocks in which need(p, q, d) holds for
// some pair. x is time-major: sample u occupies x[u*stride : u*stride+nw], with stride a
// multiple-of-6 and multiple-of-8 padding of the channels (zero beyond nw).
func lagSums(x []float64, stride, T, nw, np, L int, need func(p, q, d int) bool) [][]float64 {
	npb, nqb := (np+5)/6, (nw+7)/8
	use := make([]bool, L*npb*nqb)
	for d := range L {
		for pb := range npb {
			for qb := range nqb {
				for p := pb * 6; p < min(pb*6+6, np) && !use[(d*npb+pb)*nqb+qb]; p++ {
					for q := qb * 8; q < min(qb*8+8, nw); q++ {
						if need(p, q, d) {
							use[(d*npb+pb)*nqb+qb] = true
							break
						}
					}
				}
			}
		}
	}
	acc := make([][48]float64, L*npb*nqb)
	for u0 := 0; u0 < T; u0 += lagChunk {
		for d := range L {
			n := min(u0+lagChunk, T-d) - u0
			if n <= 0 {
				continue
			}
			for pb := range npb {
				a := x[u0*stride+pb*6:]
				for qb := range nqb {
					k := (d*npb+pb)*nqb + qb
					if use[k] {
						microkernel.Gemm6x8(a, stride, x[(u0+d)*stride+qb*8:], stride, n, &acc[k])
					}
				}
			}
		}
	}
	full := make([][]float64, L)
	for d := range L {
		full[d] = make([]float64, nw*nw)
		for p := range np {
			pb := p / 6
			for q := range nw {
				qb := q / 8
				full[d][p*nw+q] = acc[(d*npb+pb)*nqb+qb][8*(p-6*pb)+q-8*qb]
			}
		}
	}
	return full
}
