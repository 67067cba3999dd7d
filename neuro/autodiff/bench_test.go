package autodiff

import (
	"math/rand/v2"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/internal/benchcpu"
)

// rolloutFlops counts the floating-point operations of one lowRankRollout forward+backward:
// 2mnk per GEMM forward and 4mnk backward (two GEMMs per step); per n×N element, 2 forward and 3
// backward for the bias subtraction and ReLU, and 6 forward and 8 backward for the Gaussian
// log-likelihood (exp counted as one); per n×R element, 4 forward and 6 backward for the state
// update.
func rolloutFlops(n, bigN, r, T int) float64 {
	gemm := 2 * (2.0 * float64(n*bigN*r)) * 3
	elem := float64(n*bigN)*(2+3+6+8) + float64(n*r)*(4+6)
	return float64(T) * (gemm + elem)
}

// lowRankRollout records T steps of the stochastic low-rank RNN of Pals et al. (2024),
//
//	c_t = z_t·Mᵀ,  z_{t+1} = a ⊙ z_t + relu(c_t − h)·N_wᵀ + σ ⊙ ε_t,
//
// on n = batch × particles rows with a Gaussian readout of the currents x_t ~ N(c_t, diag e^s)
// (data shared by the particles of a trial); loss = −mean log-likelihood.
func lowRankRollout(tp *Tape, m, nw, h, a, sigma, logVar *Param, z0, eps, xs [][]float64, n, batch, bigN, r int) *Var {
	M, Nw, H, A, S, LV := tp.Param(m), tp.Param(nw), tp.Param(h), tp.Param(a), tp.Param(sigma), tp.Param(logVar)
	z := tp.Input(n, r, z0[0])
	var ll *Var
	for t := range eps {
		c := tp.MatMulT(z, false, M, true)
		l := tp.Sum(tp.GaussianLogLikRows(tp.Input(batch, bigN, xs[t]), c, LV))
		if ll == nil {
			ll = l
		} else {
			ll = tp.Add(ll, l)
		}
		phi := tp.ReLU(tp.Sub(c, H))
		z = tp.Add(tp.Add(tp.Mul(z, A), tp.MatMulT(phi, false, Nw, true)), tp.Mul(tp.Input(n, r, eps[t]), S))
	}
	return tp.Scale(ll, -1/float64(len(eps)*n))
}

// BenchmarkLowRankRollout: N = 40, R = 2, batch 64 × 10 particles, T = 50, forward + backward.
// Peer: GoMLX pure-Go backend ≈ 0.2 GFLOP/s on a low-rank RNN rollout (DESIGN.md);
// torch 1.13 CPU, 1 thread: ≈ 3.3–3.7 µs per particle-step forward + backward for the full
// VSMC step (spec §7). Target: ≥ 1 GFLOP/s and ≤ 1 µs per particle-step.
func BenchmarkLowRankRollout(b *testing.B) {
	const bigN, r, batch, K, T = 40, 2, 64, 10, 50
	const n = batch * K
	rng := rand.New(rand.NewPCG(1, 1))
	m := randParam(rng, "M", bigN, r, -0.7, 0.7)
	nw := randParam(rng, "N", r, bigN, -0.15, 0.15)
	h := randParam(rng, "h", 1, bigN, -0.1, 0.1)
	a := randParam(rng, "a", 1, 1, 0.9, 0.9)
	sigma := randParam(rng, "sigma", 1, r, 0.1, 0.1)
	logVar := randParam(rng, "logVar", 1, bigN, -0.5, 0.5)
	gen := func(rows, cols int) []float64 {
		v := make([]float64, rows*cols)
		for i := range v {
			v[i] = rng.NormFloat64()
		}
		return v
	}
	z0 := [][]float64{gen(n, r)}
	eps, xs := make([][]float64, T), make([][]float64, T)
	for t := range T {
		eps[t], xs[t] = gen(n, r), gen(batch, bigN)
	}
	params := []*Param{m, nw, h, a, sigma, logVar}
	tp := NewTape()
	step := func() {
		tp.Reset()
		ZeroGrads(params)
		loss := lowRankRollout(tp, m, nw, h, a, sigma, logVar, z0, eps, xs, n, batch, bigN, r)
		if err := tp.Backward(loss); err != nil {
			b.Fatal(err)
		}
	}
	step() // size the tape's buffers, as in any training loop after its first step
	step()
	b.ResetTimer()
	cpu := benchcpu.Start(b)
	for range b.N {
		step()
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(rolloutFlops(n, bigN, r, T)/sec/1e9, "GFLOP/s")
	b.ReportMetric(sec/float64(n*T)*1e9, "ns/particle-step")
	cpu.ReportPer(n*T, "particle-step")
}

// BenchmarkCNNEncoder: the Poisson teacher–student encoder of Pals et al. (2024) on one batch,
// B = 10 trials × T = 200 bins, d_x = 40 → conv 21 taps → 64 → GELU → conv 11 taps → 64 → GELU →
// two 1-tap heads to R = 2 (mean and log-variance); causal circular padding; forward + backward.
// Peer: torch 1.13 CPU, 1 thread: 18.7 s per epoch of 40 such batches including the particle
// filter (spec §7), i.e. ≤ 0.47 s per batch for everything. Target: encoder ≤ 0.1 s per batch.
func BenchmarkCNNEncoder(b *testing.B) {
	const B, T, dx, ch, R = 10, 200, 40, 64, 2
	rng := rand.New(rand.NewPCG(2, 2))
	w1 := randParam(rng, "w1", 21*dx, ch, -0.03, 0.03)
	b1 := randParam(rng, "b1", 1, ch, -0.03, 0.03)
	w2 := randParam(rng, "w2", 11*ch, ch, -0.04, 0.04)
	b2 := randParam(rng, "b2", 1, ch, -0.04, 0.04)
	wh := randParam(rng, "wh", ch, 2*R, -0.1, 0.1)
	params := []*Param{w1, b1, w2, b2, wh}
	x := make([]float64, B*T*dx)
	for i := range x {
		x[i] = float64(rng.IntN(3))
	}
	tp := NewTape()
	var cpu benchcpu.Timer
	for i := range b.N + 1 {
		if i == 1 {
			b.ResetTimer() // the first pass sizes the tape's buffers
			cpu = benchcpu.Start(b)
		}
		tp.Reset()
		ZeroGrads(params)
		in := tp.Input(B*T, dx, x)
		h1 := tp.GELU(tp.Add(tp.Conv1D(in, tp.Param(w1), Causal(T, 21, PadCircular)), tp.Param(b1)))
		h2 := tp.GELU(tp.Add(tp.Conv1D(h1, tp.Param(w2), Causal(T, 11, PadCircular)), tp.Param(b2)))
		out := tp.MatMul(h2, tp.Param(wh))
		if err := tp.Backward(tp.Sum(tp.Square(out))); err != nil {
			b.Fatal(err)
		}
	}
	flops := 6.0 * float64(B*T) * (21*dx*ch + 11*ch*ch + ch*2*R) // GEMMs only
	b.ReportMetric(flops/(b.Elapsed().Seconds()/float64(b.N))/1e9, "GFLOP/s")
	cpu.Report()
}

// BenchmarkGaussLogPDFRows: log N(z_k; f_k, L·Lᵀ) for 640 particles with R = 2 from a full
// Cholesky parameterisation (the optimal-proposal weight terms), forward + backward.
// Peer: torch MultivariateNormal.log_prob dominates the 3.3 µs per particle-step (spec §7).
// Target: ≤ 0.1 µs per particle.
func BenchmarkGaussLogPDFRows(b *testing.B) {
	const n, R = 640, 2
	rng := rand.New(rand.NewPCG(3, 3))
	p := randParam(rng, "P", R, R, -0.3, 0.3)
	f := randParam(rng, "f", n, R, -1, 1)
	z := make([]float64, n*R)
	for i := range z {
		z[i] = rng.NormFloat64()
	}
	params := []*Param{p, f}
	tp := NewTape()
	var cpu benchcpu.Timer
	for i := range b.N + 1 {
		if i == 1 {
			b.ResetTimer() // the first pass sizes the tape's buffers
			cpu = benchcpu.Start(b)
		}
		tp.Reset()
		ZeroGrads(params)
		l := tp.LowerExpDiag(tp.Param(p))
		w := tp.TriSolveRows(tp.Sub(tp.Input(n, R, z), tp.Param(f)), l)
		lp := tp.AddConst(tp.Scale(tp.RowSums(tp.Square(w)), -0.5), 0)
		lp = tp.Sub(lp, tp.LogDetTri(l))
		if err := tp.Backward(tp.Sum(lp)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/n*1e9, "ns/particle")
	cpu.ReportPer(n, "particle")
}

// BenchmarkGELU: forward and backward kernels over one activation of the CNN encoder
// (2000 positions × 64 channels, standard normal inputs), per entry. Part of
// BenchmarkCNNEncoder's budget (encoder ≤ 0.1 s per batch).
func BenchmarkGELU(b *testing.B) {
	rng := rand.New(rand.NewPCG(4, 4))
	const n = 2000 * 64
	x, y, cdf, g := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	b.Run("forward", func(b *testing.B) {
		for range b.N {
			geluInto(y, cdf, x)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/entry")
	})
	b.Run("backward", func(b *testing.B) {
		for range b.N {
			geluBack(g, y, x, cdf, true)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/entry")
	})
}
