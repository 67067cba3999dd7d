//go:build !amd64

package autodiff

var geluSIMD = false

func geluAVX(y, cdf, x *float64, n int, tab *float64) int {
	panic("autodiff: AVX2 kernel called off amd64")
}

func geluBackAVX(ga, gy, x, cdf *float64, n int, tab *float64, add int) int {
	panic("autodiff: AVX2 kernel called off amd64")
}
