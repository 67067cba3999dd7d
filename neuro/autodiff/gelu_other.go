//go:build !amd64

package autodiff

var geluSIMD = false

func geluAVX(y, x *float64, n int, tab *float64) int { panic("autodiff: AVX2 kernel called off amd64") }

func geluBackAVX(ga, gy, x *float64, n int, tab *float64, add int) int {
	panic("autodiff: AVX2 kernel called off amd64")
}
