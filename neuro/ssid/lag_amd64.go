package ssid

import "github.com/neurodyn/neurodyn/neuro/internal/cpufeat"

//go:noescape
func gemm6x8AVX(a, b *float64, stride, n int, acc *[48]float64)

func gemm6x8(a, b []float64, stride, n int, acc *[48]float64) {
	if cpufeat.AVX2FMA && n > 0 {
		_ = a[(n-1)*stride+5]
		_ = b[(n-1)*stride+7]
		gemm6x8AVX(&a[0], &b[0], stride, n, acc)
		return
	}
	gemm6x8Go(a, b, stride, n, acc)
}
