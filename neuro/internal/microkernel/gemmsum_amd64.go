package microkernel

//go:noescape
func gemm6x8SumAVX(a, b *float64, sa, ja, sb, jb, k, n int, acc *[48]float64)
