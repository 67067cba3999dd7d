//go:build !amd64

package microkernel

func gemm6x8AVX(a, b *float64, sa, sb, k int, acc *[48]float64) {
	panic("microkernel: AVX2 kernel called off amd64")
}
