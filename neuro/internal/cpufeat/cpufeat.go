// Package cpufeat reports the CPU features that neurodyn's assembly kernels need, so each
// kernel can fall back to portable Go where they are missing.
package cpufeat

// AVX2FMA reports whether the CPU and the operating system support AVX2 and FMA (always false
// off amd64).
var AVX2FMA = detectAVX2FMA()
