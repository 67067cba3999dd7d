//go:build !amd64

package ssid

func lag2x8(x0, x1, y []float64, n int, out *[16]float64) { lag2x8Go(x0, x1, y, n, out) }

func lag2x4(x0, x1, y []float64, n int, out *[16]float64) { lag2x4Go(x0, x1, y, n, out) }
