//go:build !unix

package optim

func cpuSeconds() float64 { return 0 }
