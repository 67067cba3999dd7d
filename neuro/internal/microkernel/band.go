package microkernel

import "github.com/neurodyn/neurodyn/neuro/internal/cpufeat"

// Band32 adds, for each output row i < n, to y[i·ldy : … + 32] the sum over the entries
// e ∈ [ptr[i], ptr[i+span]) of val[e]·w[idx[e] − (i+first)·step : … + 32]: a convolution over
// the nonzeros of a padded sequence stored row after row, whose entry idx[e] = p·step + offset
// (p the padded position) makes the entries of span consecutive positions one list per output
// row. The caller guarantees that every such window lies in w.
func Band32(y []float64, ldy, n int, w []float64, step, first, span int, ptr, idx []int32, val []float64) {
	if n <= 0 || span <= 0 {
		return
	}
	_ = y[(n-1)*ldy+31]
	_ = ptr[n-1+span]
	if ptr[n-1+span] == ptr[0] {
		return
	}
	switch {
	case cpufeat.AVX512:
		band32AVX512(&y[0], ldy, n, &w[0], step, first, span, &ptr[0], &idx[0], &val[0])
	case cpufeat.AVX2FMA:
		band32AVX(&y[0], ldy, n, &w[0], step, first, span, &ptr[0], &idx[0], &val[0])
	default:
		for i := range n {
			yi := y[i*ldy : i*ldy+32]
			off := -(i + first) * step
			for e := ptr[i]; e < ptr[i+span]; e++ {
				v, src := val[e], w[off+int(idx[e]):][:32]
				for c := range yi {
					yi[c] += v * src[c]
				}
			}
		}
	}
}
