package microkernel

//go:noescape
func gather32AVX(y, w *float64, step int, rows *int32, nrows int, ptr, idx *int32, val *float64)
