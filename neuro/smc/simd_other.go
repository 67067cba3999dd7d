//go:build !amd64

package smc

const haveKern, have512 = false, false

func logAVX(dst, src *float64, n int) { panic("smc: logAVX without AVX2") }

func expAVX(dst, src *float64, n int) int { panic("smc: expAVX without AVX2") }

func trans3FwdAVX(soa *float64, n, stride int, z *float64, anc *int32, K int, c *float64, ldc int, out *float64) {
	panic("smc: trans3FwdAVX without AVX2")
}

func trans3BackAVX(soa *float64, n, stride int, z *float64, anc *int32, K int, gf, gsoa, gz *float64) {
	panic("smc: trans3BackAVX without AVX2")
}

func trans2FwdReLUAVX(soa *float64, n, stride int, z *float64, anc *int32, K int, c *float64, ldc int, out *float64) {
	panic("smc: trans2FwdReLUAVX without AVX2")
}

func trans2BackReLUAVX(soa *float64, n, stride int, z *float64, anc *int32, K int, gf, gsoa, gz *float64) {
	panic("smc: trans2BackReLUAVX without AVX2")
}

func trans2BackReLUAVX512(soa *float64, n, stride int, z *float64, anc *int32, K int, gf, gsoa, gz, acc *float64) {
	panic("smc: trans2BackReLUAVX512 without AVX-512")
}

func softplusAVX(eta, ex, lg, q *float64, n int) float64 { panic("smc: softplusAVX without AVX2") }

func poissonSoftplus2AVX(h *float64, stride int, z *float64, K int, off, lam, q *float64, n, ld int, adj, sum *float64, bad *int) {
	panic("smc: poissonSoftplus2AVX without AVX2")
}

func poissonSoftplus3AVX(h *float64, stride int, z *float64, K int, off, lam, q *float64, n, ld int, adj, sum *float64, bad *int) {
	panic("smc: poissonSoftplus3AVX without AVX2")
}

func poissonSoftplus2AVX512(h *float64, stride int, z *float64, K int, off, lam, q *float64, n, ld int, adj, sum *float64, bad *int) {
	panic("smc: poissonSoftplus2AVX512 without AVX-512")
}

func poissonSoftplus3AVX512(h *float64, stride int, z *float64, K int, off, lam, q *float64, n, ld int, adj, sum *float64, bad *int) {
	panic("smc: poissonSoftplus3AVX512 without AVX-512")
}

func poissonAccumAVX(q *float64, ldq int, c *float64, K, n int, a0, a1, a2, a3 *float64) {
	panic("smc: poissonAccumAVX without AVX2")
}

func poissonSpikes2AVX(lam, q *float64, ld, K int, idx *int32, n4, ns int, xs, h0, h1, lw, adj *float64) {
	panic("smc: poissonSpikes2AVX without AVX2")
}

func encBack2AVX(n int, s float64, w, f, z, eps, gz, adj, gf, c, sums *float64) {
	panic("smc: encBack2AVX without AVX2")
}
