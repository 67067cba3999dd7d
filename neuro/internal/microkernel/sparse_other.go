//go:build !amd64

package microkernel

func gather32AVX(y *float64, ldy int, w *float64, step int, rows *int32, rowStride, taps, n int, ptr, idx *int32, val *float64) {
	panic("microkernel: AVX2 kernel called off amd64")
}

func gather32AVX512(y *float64, ldy int, w *float64, step int, rows *int32, rowStride, taps, n int, ptr, idx *int32, val *float64) {
	panic("microkernel: AVX-512 kernel called off amd64")
}
