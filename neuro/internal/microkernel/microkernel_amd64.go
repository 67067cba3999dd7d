package microkernel

//go:noescape
func gemm6x8AVX(a, b *float64, sa, sb, k int, acc *[48]float64)
