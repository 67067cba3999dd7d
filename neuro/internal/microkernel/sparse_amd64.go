package microkernel

//go:noescape
func gather32AVX(y *float64, ldy int, w *float64, step int, rows *int32, rowStride, taps, n int, ptr, idx *int32, val *float64)

//go:noescape
func gather32AVX512(y *float64, ldy int, w *float64, step int, rows *int32, rowStride, taps, n int, ptr, idx *int32, val *float64)
