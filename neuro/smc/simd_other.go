//go:build !amd64

package smc

const haveKern = false

func kern6x8(a, b *float64, k int, acc *[48]float64) { panic("smc: kern6x8 without AVX2") }

func logAVX(dst, src *float64, n int) { panic("smc: logAVX without AVX2") }

func expAVX(dst, src *float64, n int) int { panic("smc: expAVX without AVX2") }
