package microkernel

import "github.com/neurodyn/neurodyn/neuro/internal/cpufeat"

// GatherTaps32 adds, for each output row i < n and each u < m, to y[i·ldy + u·ystep : … + 32]
// the sum over the entries e ∈ [ptr[i], ptr[i+1]) of val[e]·w[idx[e] + u·wstep : … + 32]: one
// pass over row i's list serves m rows of y at once (a convolution's kernel gradient for m taps
// of one input channel). m is 1 … 4; the caller guarantees that every window lies in y and w.
func GatherTaps32(y []float64, ldy, ystep, n, m int, w []float64, wstep int, ptr, idx []int32, val []float64) {
	if n <= 0 || m <= 0 || ptr[n] == ptr[0] {
		return
	}
	if m > 4 {
		panic("microkernel: GatherTaps32 with more than four taps")
	}
	_ = y[(n-1)*ldy+(m-1)*ystep+31]
	if m == 4 && cpufeat.AVX512 {
		gather4x32AVX512(&y[0], ldy, ystep, n, &w[0], wstep, &ptr[0], &idx[0], &val[0])
		return
	}
	for u := range m {
		Band32(y[u*ystep:], ldy, n, w[u*wstep:], 0, 0, 1, ptr, idx, val)
	}
}
