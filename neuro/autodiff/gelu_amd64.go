package autodiff

import "github.com/neurodyn/neurodyn/neuro/internal/cpufeat"

var geluSIMD = cpufeat.AVX2FMA

//go:noescape
func geluAVX(y, cdf, x *float64, n int, tab *float64) (skipped int)

//go:noescape
func geluBackAVX(ga, gy, x, cdf *float64, n int, tab *float64, add int) (skipped int)
