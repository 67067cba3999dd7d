//go:build !amd64

package microkernel

func gather4x32AVX512(y *float64, ldy, ystep, n int, w *float64, wstep int, ptr, idx *int32, val *float64) {
	panic("microkernel: AVX-512 kernel called off amd64")
}
