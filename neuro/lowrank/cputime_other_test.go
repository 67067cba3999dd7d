//go:build !unix

package lowrank

func cpuSeconds() float64 { return 0 }
