package smc

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkPoissonSoftplusKernel times the fused softplus-Poisson kernels on one step of the
// Poisson benchmark (K = 64 particles, d_x = 40, rank 2), per particle. Previous round: AVX2
// ≈ 117 ns per particle (0.59 s of the ≤ 2 s epoch target; PyTorch 18.7 s per epoch).
func BenchmarkPoissonSoftplusKernel(b *testing.B) {
	const K, n, R = 64, 40, 2
	rng := rand.New(rand.NewPCG(1, 2))
	h, off, z := make([]float64, 3*n), make([]float64, n), make([]float64, K*R)
	for i := range h {
		h[i] = rng.NormFloat64()
	}
	for i := range off {
		off[i] = rng.NormFloat64()
	}
	for i := range z {
		z[i] = rng.NormFloat64()
	}
	lam, q := make([]float64, K*n), make([]float64, K*n)
	adj, sum, bad := make([]float64, K*R), make([]float64, K), make([]int, K)
	run := func(b *testing.B, fn softplusKernel) {
		for range b.N {
			fn(&h[0], n, &z[0], K, &off[0], &lam[0], &q[0], n, n, &adj[0], &sum[0], &bad[0])
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*K), "ns/particle")
	}
	if haveKern {
		b.Run("AVX2", func(b *testing.B) { run(b, poissonSoftplus2AVX) })
	}
	if have512 {
		b.Run("AVX512", func(b *testing.B) { run(b, poissonSoftplus2AVX512) })
	}
}
