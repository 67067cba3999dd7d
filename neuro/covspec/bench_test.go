package covspec

import (
	"context"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Target ≤ 5 ms for 10,000 points (acceptance); measured 0.5–1.9 ms on the shared 2-core machine.
// The Hu & Sompolinsky NumPy code evaluates the same Cardano formula vectorised.
func BenchmarkIIDDensity10k(b *testing.B) {
	s, _ := NewIID(0.8)
	lo, hi := s.Support()
	x := make([]float64, 10000)
	for i := range x {
		x[i] = lo + (hi-lo)*float64(i)/float64(len(x)-1)
	}
	dst := make([]float64, len(x))
	for b.Loop() {
		DensityInto(dst, s, x)
	}
}

// The time-sampled theory tabulated on the fitting grid (800 points); no peer figure.
func BenchmarkTabulateTimeSampled(b *testing.B) {
	s, _ := NewTimeSampled(0.8, 0.5)
	for b.Loop() {
		if _, err := Tabulate(s, 800); err != nil {
			b.Fatal(err)
		}
	}
}

// Fitting ĝ to 1000 eigenvalues with known α (scan + Brent); no peer figure.
func BenchmarkFit1000(b *testing.B) {
	s, _ := NewTimeSampled(0.7, 0.5)
	tb, _ := Tabulate(s, 4000)
	eigs := make([]float64, 1000)
	for i := range eigs {
		eigs[i] = tb.Quantile((float64(i) + 0.5) / 1000)
	}
	for b.Loop() {
		if _, err := Fit(eigs, FitConfig{Alpha: 0.5}); err != nil {
			b.Fatal(err)
		}
	}
}

// Ten Euler–Maruyama steps of 8 tanh runs at N = 1000 (each one 8×1000 by 1000×1000
// product); reported per step. Measured about 0.9–1.1 ms per step under load (8 runs), against
// about 0.4 ms per run-step for one matrix–vector product with gonum.
func BenchmarkSimulateStepN1000x8(b *testing.B) {
	j, _ := RandomConnectivity(1000, 2, 0, stream(1, 0))
	cfg := SimConfig{J: j, G: 2, Phi: Tanh(), Dt: 0.1, Warmup: 0.9, Runs: 8, Windows: 1, WindowLen: 0.1, Seed: 1}
	for b.Loop() {
		if _, err := Simulate(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/10, "ns/step")
}

// The chaotic-spectrum simulation: N = 1000, g = 2, noiseless tanh, dt = 0.2, 8 runs ×
// (warm-up 100 + 25 windows of 40) = 8,800 time units, 44,000 run-steps (M = 200, α = 5).
// Target: well under 1 minute (notebook budget 5 minutes). Measured 5.6–6.0 s at load ≈ 8
// (5.2 s CPU) with the AVX2 kernel; 10.5–18.8 s with gonum's Gemm.
func BenchmarkSimulateChaosN1000(b *testing.B) {
	cfg := SimConfig{N: 1000, G: 2, Phi: Tanh(), Dt: 0.2, Warmup: 100, Runs: 8, Windows: 25, WindowLen: 40, Seed: 1}
	for b.Loop() {
		if _, err := Simulate(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// Stationary noise-driven DMFT at g = 2, σ = 1 (about 120 iterations on a 2001-point lag grid);
// no peer figure (the spec's reference solves it by frequency iteration).
func BenchmarkDMFTNoise(b *testing.B) {
	for b.Loop() {
		if _, err := DMFTNoise(2, 1, Tanh(), DMFTNoiseConfig{}); err != nil {
			b.Fatal(err)
		}
	}
}

// The step's matrix product, 8 runs at N = 1000: mulRJt (AVX2/FMA kernel when available),
// measured 0.5–1.0 ms under load, against gonum's Gemm below, 2.4–5.3 ms under the same load
// (1.5 ms uncontended).
func BenchmarkMulRJtN1000x8(b *testing.B) {
	benchMul(b, mulRJt)
}

func BenchmarkGemmN1000x8(b *testing.B) {
	benchMul(b, func(u, r, j *mat.Dense) {
		blas64.Gemm(blas.NoTrans, blas.Trans, 1, r.RawMatrix(), j.RawMatrix(), 0, u.RawMatrix())
	})
}

func benchMul(b *testing.B, f func(u, r, j *mat.Dense)) {
	j, _ := RandomConnectivity(1000, 1, 0, stream(1, 0))
	r := mat.NewDense(8, 1000, nil)
	for i := range r.RawMatrix().Data {
		r.RawMatrix().Data[i] = float64(i%7) - 3
	}
	u := mat.NewDense(8, 1000, nil)
	for b.Loop() {
		f(u, r, j)
	}
}
