//go:build !amd64

package microkernel

func band32AVX(y *float64, ldy, n int, w *float64, step, first, span int, ptr, idx *int32, val *float64) {
	panic("microkernel: AVX2 kernel called off amd64")
}

func band32AVX512(y *float64, ldy, n int, w *float64, step, first, span int, ptr, idx *int32, val *float64) {
	panic("microkernel: AVX-512 kernel called off amd64")
}
