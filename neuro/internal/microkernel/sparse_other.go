//go:build !amd64

package microkernel

func gather32AVX(y, w *float64, step int, rows *int32, nrows int, ptr, idx *int32, val *float64) {
	panic("microkernel: AVX2 kernel called off amd64")
}
