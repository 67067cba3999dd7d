//go:build amd64

package smc

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/internal/cpufeat"
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

// BenchmarkPoissonSpikes times the spiking-channel pass of one step of the Poisson benchmark
// (K = 64, d_x = 40, rank 2, 8 spiking channels). Previous round: AVX2 ≈ 1.6 µs per step
// (0.15 s of the ≤ 2 s epoch target; PyTorch 18.7 s per epoch).
func BenchmarkPoissonSpikes(b *testing.B) {
	const K, Dx, R = 64, 40, 2
	rng := rand.New(rand.NewPCG(3, 4))
	k := &kernel{K: K, Dx: Dx, R: R}
	k.x = make([]float64, Dx)
	for i := 0; i < Dx; i += 5 {
		k.x[i] = 1
	}
	k.indexSpikes()
	k.v[sHm] = make([]float64, Dx*R)
	for i := range k.v[sHm] {
		k.v[sHm][i] = rng.NormFloat64()
	}
	st := &trialState{lam: make([]float64, K*Dx), q: make([]float64, K*Dx), lg: make([]float64, K*Dx)}
	for i := range st.lam {
		st.lam[i] = 0.5 + rng.Float64()
		st.q[i] = -rng.Float64()
	}
	q0 := append([]float64(nil), st.q...)
	adj, lw := make([]float64, K*R), make([]float64, K)
	run := func(b *testing.B) {
		for range b.N {
			copy(st.q, q0) // the pass updates q (≈ 0.2 µs of the time)
			k.poissonSpikes(0, st, adj, lw, true)
		}
	}
	if haveKern {
		b.Run("AVX2", run)
	}
	b.Run("portable", func(b *testing.B) {
		defer func() { haveKern = cpufeat.AVX2FMA }()
		haveKern = false
		run(b)
	})
}

// BenchmarkTrans2Back times the rank-2 ReLU transition backward of one step of the Poisson
// benchmark (N = 40 units, K = 64 particles). Previous round: AVX2 0.16 s per epoch of the
// ≤ 2 s target (PyTorch 18.7 s per epoch).
func BenchmarkTrans2Back(b *testing.B) {
	const n, K = 40, 64
	rng := rand.New(rand.NewPCG(5, 6))
	S := soaStride(n)
	soa, z, gf := make([]float64, 7*S), make([]float64, 2*K), make([]float64, 2*K)
	gsoa, gz, anc := make([]float64, 7*S), make([]float64, 2*K), make([]int32, K)
	for i := range soa {
		soa[i] = rng.NormFloat64()
	}
	for i := range z {
		z[i], gf[i] = rng.NormFloat64(), rng.NormFloat64()
	}
	for p := range anc {
		anc[p] = int32(rng.IntN(K))
	}
	if haveKern {
		b.Run("AVX2", func(b *testing.B) {
			for range b.N {
				trans2BackReLUAVX(&soa[0], n, S, &z[0], &anc[0], K, &gf[0], &gsoa[0], &gz[0])
			}
		})
	}
	if have512 {
		acc := make([]float64, 16*K)
		b.Run("AVX512", func(b *testing.B) {
			for range b.N {
				trans2BackReLUAVX512(&soa[0], n, S, &z[0], &anc[0], K, &gf[0], &gsoa[0], &gz[0], &acc[0])
			}
		})
	}
}

// BenchmarkResampleSystematic times systematic resampling of K = 64 particles with weights of
// a typical spread, a different set each call as in a filter (0.08 s of the ≤ 2 s Poisson
// epoch target before; PyTorch 18.7 s per epoch).
func BenchmarkResampleSystematic(b *testing.B) {
	const K, sets = 64, 256
	rng := rand.New(rand.NewPCG(7, 8))
	w, cum, anc := make([]float64, K*sets), make([]float64, K), make([]int32, K)
	for k := range w {
		w[k] = math.Exp(2 * rng.NormFloat64())
	}
	for i := range b.N {
		j := i % sets
		resample(Systematic, w[j*K:(j+1)*K], cum, anc, rng)
	}
}

// BenchmarkTrans2Fwd times the rank-2 ReLU transition means of one step of the Poisson
// benchmark (N = 40 units, K = 64 particles): ≈ 0.6 µs, 0.05 s per epoch of the ≤ 2 s target
// (PyTorch 18.7 s per epoch).
func BenchmarkTrans2Fwd(b *testing.B) {
	const n, K = 40, 64
	rng := rand.New(rand.NewPCG(9, 10))
	S := soaStride(n)
	soa, z, out, c := make([]float64, 7*S), make([]float64, 2*K), make([]float64, 2*K), make([]float64, n)
	anc := make([]int32, K)
	for i := range soa {
		soa[i] = rng.NormFloat64()
	}
	for i := range z {
		z[i] = rng.NormFloat64()
	}
	for p := range anc {
		anc[p] = int32(rng.IntN(K))
	}
	if !haveKern {
		b.Skip("no AVX2/FMA")
	}
	// An AVX-512 version (two particles per pass, eight units per register) measured only 12 %
	// faster: the kernel is bound by its multiplications, which Zen 4 runs at the same rate.
	for range b.N {
		trans2FwdReLUAVX(&soa[0], n, S, &z[0], &anc[0], K, &c[0], 0, &out[0])
	}
}
