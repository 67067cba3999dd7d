package microkernel

//go:noescape
func band32AVX(y *float64, ldy, n int, w *float64, step, first, span int, ptr, idx *int32, val *float64)

//go:noescape
func band32AVX512(y *float64, ldy, n int, w *float64, step, first, span int, ptr, idx *int32, val *float64)
