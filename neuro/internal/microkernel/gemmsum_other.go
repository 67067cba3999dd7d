//go:build !amd64

package microkernel

func gemm6x8SumAVX(a, b *float64, sa, ja, sb, jb, k, n int, acc *[48]float64) {
	panic("microkernel: AVX2 kernel called off amd64")
}
