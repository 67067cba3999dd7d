//go:build !amd64

package ssid

func gemm6x8(a, b []float64, stride, n int, acc *[48]float64) { gemm6x8Go(a, b, stride, n, acc) }
