package smc

import "github.com/neurodyn/neurodyn/neuro/internal/cpufeat"

// haveKern reports whether the AVX2/FMA kernels (logAVX, expAVX, the transition kernels) can run.
var haveKern = cpufeat.AVX2FMA

// have512 reports whether the AVX-512 kernels (poissonSoftplus2AVX512, …) can run; tests set
// it false to run the AVX2 kernels.
var have512 = cpufeat.AVX512

//go:noescape
func logAVX(dst, src *float64, n int)

//go:noescape
func expAVX(dst, src *float64, n int) int

//go:noescape
func trans3FwdAVX(soa *float64, n, stride int, z *float64, anc *int32, K int, c *float64, ldc int, out *float64)

//go:noescape
func trans3BackAVX(soa *float64, n, stride int, z *float64, anc *int32, K int, gf, gsoa, gz *float64)

//go:noescape
func trans2FwdReLUAVX(soa *float64, n, stride int, z *float64, anc *int32, K int, c *float64, ldc int, out *float64)

//go:noescape
func trans2BackReLUAVX(soa *float64, n, stride int, z *float64, anc *int32, K int, gf, gsoa, gz *float64)

//go:noescape
func trans2BackReLUAVX512(soa *float64, n, stride int, z *float64, anc *int32, K int, gf, gsoa, gz, acc *float64)

//go:noescape
func softplusAVX(eta, ex, lg, q *float64, n int) float64

//go:noescape
func poissonSoftplus2AVX(h *float64, stride int, z *float64, K int, off, lam, q *float64, n, ld int, adj, sum *float64, bad *int)

//go:noescape
func poissonSoftplus3AVX(h *float64, stride int, z *float64, K int, off, lam, q *float64, n, ld int, adj, sum *float64, bad *int)

//go:noescape
func poissonSoftplus2AVX512(h *float64, stride int, z *float64, K int, off, lam, q *float64, n, ld int, adj, sum *float64, bad *int)

//go:noescape
func poissonSoftplus3AVX512(h *float64, stride int, z *float64, K int, off, lam, q *float64, n, ld int, adj, sum *float64, bad *int)

//go:noescape
func poissonAccumAVX(q *float64, ldq int, c *float64, K, n int, a0, a1, a2, a3 *float64)

//go:noescape
func poissonSpikes2AVX(lam, q *float64, ld, K int, idx *int32, n4, ns int, xs, h0, h1, lw, adj *float64)

//go:noescape
func encBack2AVX(n int, s float64, w, f, z, eps, gz, adj, gf, c, sums *float64)
