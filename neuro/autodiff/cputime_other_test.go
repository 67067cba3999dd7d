//go:build !unix

package autodiff

func cpuSeconds() float64 { return 0 }
