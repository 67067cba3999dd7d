package microkernel

//go:noescape
func gather4x32AVX512(y *float64, ldy, ystep, n int, w *float64, wstep int, ptr, idx *int32, val *float64)
