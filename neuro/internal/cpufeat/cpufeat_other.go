//go:build !amd64

package cpufeat

func detectAVX2FMA() bool { return false }

func detectAVX512() bool { return false }
