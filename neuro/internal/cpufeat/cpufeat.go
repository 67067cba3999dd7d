// Package cpufeat reports the CPU features that neurodyn's assembly kernels need, so each
// kernel can fall back to portable Go where they are missing.
package cpufeat

// AVX2FMA reports whether the CPU and the operating system support AVX2 and FMA (always false
// off amd64).
var AVX2FMA = detectAVX2FMA()

// AVX512 reports whether, besides AVX2FMA, the CPU supports AVX-512 F, DQ, BW and VL and the
// operating system saves the opmask and all 32 ZMM registers (always false off amd64).
var AVX512 = AVX2FMA && detectAVX512()
