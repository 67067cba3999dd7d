package smc

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
)

// TestObjectiveSIMDMatchesPortable runs the VSMC objective of a Poisson model with the CNN
// encoder proposal and its gradient twice: with the AVX2 paths (packed-gemm convolutions,
// vector exp and log, rank-2 ReLU transition with a scalar tail of 3 units) and with them
// switched off (autodiff's Conv1D, math.Exp, scalar log and transition).
func TestObjectiveSIMDMatchesPortable(t *testing.T) {
	if !haveKern {
		t.Skip("no AVX2/FMA")
	}
	defer func() { haveKern = true }()
	for _, link := range []Link{Softplus, ExpLink} {
		cfg := ModelConfig{N: 11, R: 2, Dx: 11, Obs: Poisson, Link: link, Noise: DiagNoise, TrainGain: true, Seed: 5}
		m := tinyModel(t, cfg)
		enc, err := NewCNN(cfg.Dx, cfg.R, []int{7, 6}, []int{5, 3, 1}, 0.5, autodiff.PadCircular, 9)
		if err != nil {
			t.Fatal(err)
		}
		m.Enc = enc
		bt := tinyBatch(cfg, 3, 13, 6)
		requireSIMDMatchesPortable(t, fmt.Sprintf("link %d", link), m, bt, append(m.Trainable(), m.Gain), func() *kernel {
			return &kernel{K: 16, prop: Encoder, resampling: Systematic, seed: 3, stream: 5, workers: 2}
		})
	}
}

// TestOptimalSIMDMatchesPortable does the same for the rank-3 clipped-ReLU transition of the
// EEG model (optimal proposal, affine Gaussian readout), whose forward pass runs trans3FwdAVX;
// 23 units leave a scalar tail.
func TestOptimalSIMDMatchesPortable(t *testing.T) {
	if !haveKern {
		t.Skip("no AVX2/FMA")
	}
	defer func() { haveKern = true }()
	cfg := ModelConfig{N: 23, R: 3, Dx: 6, Readout: Affine, Phi: ClippedReLU, Seed: 5}
	m := tinyModel(t, cfg)
	bt := tinyBatch(cfg, 3, 11, 6)
	requireSIMDMatchesPortable(t, "rank 3 optimal", m, bt, m.Trainable(), func() *kernel {
		return &kernel{K: 8, prop: Optimal, resampling: Systematic, seed: 3, stream: 5, workers: 2}
	})
}

// TestPoissonLLHardCasesPortable runs TestPoissonLLHardCases without the AVX2 kernels.
func TestPoissonLLHardCasesPortable(t *testing.T) {
	if !haveKern {
		t.Skip("no AVX2/FMA: TestPoissonLLHardCases is portable already")
	}
	defer func() { haveKern = true }()
	haveKern = false
	checkPoissonLLHard(t)
}

// TestTransChunksSIMDMatchesPortable covers transBackSteps over several chunks of units
// (N > transChunk) and without a scalar tail (N a multiple of 4): rank-3 clipped ReLU with the
// optimal proposal and rank-2 ReLU with the bootstrap proposal and Poisson counts.
func TestTransChunksSIMDMatchesPortable(t *testing.T) {
	if !haveKern {
		t.Skip("no AVX2/FMA")
	}
	defer func() { haveKern = true }()
	for _, c := range []struct {
		cfg  ModelConfig
		prop Proposal
	}{
		{ModelConfig{N: 2*transChunk + 7, R: 3, Dx: 5, Readout: Affine, Phi: ClippedReLU, Seed: 6}, Optimal},
		{ModelConfig{N: transChunk + 41, R: 2, Dx: 9, Readout: Affine, Obs: Poisson, Noise: DiagNoise, Seed: 7}, Bootstrap},
		// No scalar tail: the kernels cover every unit.
		{ModelConfig{N: 2 * transChunk, R: 3, Dx: 5, Readout: Affine, Phi: ClippedReLU, Seed: 8}, Optimal},
		{ModelConfig{N: 40, R: 2, Dx: 40, Obs: Poisson, Noise: DiagNoise, TrainGain: true, Seed: 9}, Bootstrap},
	} {
		m := tinyModel(t, c.cfg)
		bt := tinyBatch(c.cfg, 2, 7, 8)
		requireSIMDMatchesPortable(t, fmt.Sprintf("N=%d", c.cfg.N), m, bt, m.Trainable(), func() *kernel {
			return &kernel{K: 6, prop: c.prop, resampling: Systematic, seed: 3, stream: 5, workers: 2}
		})
	}
}

// TestAccumObsPortable runs TestAccumObsMatchesReference without the AVX2 kernel.
func TestAccumObsPortable(t *testing.T) {
	if !haveKern {
		t.Skip("no AVX2/FMA: TestAccumObsMatchesReference is portable already")
	}
	defer func() { haveKern = true }()
	haveKern = false
	TestAccumObsMatchesReference(t)
}

// TestPoissonSpikesAVXMatchesPortable compares poissonSpikes2AVX (gathers, vector logarithm and
// division, padded blocks) with the portable pass over several particles, channel counts and
// spike patterns (none, some, every channel).
func TestPoissonSpikesAVXMatchesPortable(t *testing.T) {
	if !haveKern {
		t.Skip("no AVX2/FMA")
	}
	defer func() { haveKern = true }()
	rng := rand.New(rand.NewPCG(27, 28))
	for draw := range 300 {
		K, Dx, R := 1+rng.IntN(20), 1+rng.IntN(45), 2
		k := &kernel{K: K, Dx: Dx, R: R}
		k.x = make([]float64, Dx)
		for i := range k.x {
			switch draw % 3 {
			case 1:
				k.x[i] = float64(1 + rng.IntN(4))
			case 2:
				k.x[i] = float64(rng.IntN(5) / 4)
			}
		}
		k.indexSpikes()
		k.v[sHm] = make([]float64, Dx*R)
		for i := range k.v[sHm] {
			k.v[sHm][i] = 2 * rng.NormFloat64()
		}
		lam, q := make([]float64, K*Dx), make([]float64, K*Dx)
		for i := range lam {
			lam[i] = 1e-6 + math.Exp(20*(rng.Float64()-0.7))
			q[i] = -rng.Float64()
		}
		adj, lw := make([]float64, K*R), make([]float64, K)
		for i := range adj {
			adj[i] = rng.NormFloat64()
		}
		for i := range lw {
			lw[i] = rng.NormFloat64()
		}
		run := func(simd bool) ([]float64, []float64, []float64) {
			haveKern = simd
			st := &trialState{lam: append([]float64(nil), lam...), q: append([]float64(nil), q...), lg: make([]float64, K*Dx)}
			a, l := append([]float64(nil), adj...), append([]float64(nil), lw...)
			k.poissonSpikes(0, st, a, l, true)
			return st.q, a, l
		}
		q1, a1, l1 := run(true)
		q0, a0, l0 := run(false)
		for _, c := range []struct {
			name      string
			got, want []float64
		}{{"q", q1, q0}, {"adj", a1, a0}, {"lw", l1, l0}} {
			for i, w := range c.want {
				if math.Abs(c.got[i]-w) > 1e-12*(1+math.Abs(w)) {
					t.Fatalf("draw %d (K=%d, Dx=%d, %d spikes): %s[%d] = %v with AVX2, %v without", draw, K, Dx, len(k.spk), c.name, i, c.got[i], w)
				}
			}
		}
	}
}

// TestAVX2PathsMatchPortable reruns the SIMD-versus-portable and hard-case tests with the
// AVX-512 kernels switched off, so the AVX2 kernels they replace stay covered.
func TestAVX2PathsMatchPortable(t *testing.T) {
	if !have512 {
		t.Skip("no AVX-512: the other tests cover the AVX2 paths")
	}
	defer func() { have512 = true }()
	have512 = false
	t.Run("objective", TestObjectiveSIMDMatchesPortable)
	t.Run("chunks", TestTransChunksSIMDMatchesPortable)
	t.Run("spikes", TestPoissonSpikesAVXMatchesPortable)
	t.Run("hard", TestPoissonLLHardCases)
}

// TestTrans2BackAVX512MatchesAVX2 compares trans2BackReLUAVX512 (units outer, a masked last
// block of four units, ancestors in any order) with trans2BackReLUAVX on random weights, states and
// ancestors (repeated ones too): the accumulators gsoa must agree to the bit, the state
// gradients gz up to the order of their sums.
func TestTrans2BackAVX512MatchesAVX2(t *testing.T) {
	if !have512 {
		t.Skip("no AVX-512")
	}
	rng := rand.New(rand.NewPCG(31, 32))
	for draw := range 300 {
		n, K, Kp := 4*(1+rng.IntN(16)), 1+rng.IntN(9), 1+rng.IntN(6)
		S := soaStride(n)
		soa, z := make([]float64, 7*S), make([]float64, 2*Kp)
		for i := range soa {
			soa[i] = rng.NormFloat64()
		}
		for i := range z {
			z[i] = 2 * rng.NormFloat64()
		}
		anc, gf := make([]int32, K), make([]float64, 2*K)
		for p := range anc {
			anc[p] = int32(rng.IntN(Kp))
		}
		for i := range gf {
			gf[i] = rng.NormFloat64()
		}
		gsoa0, gz0 := make([]float64, 7*S), make([]float64, 2*Kp)
		for i := range gsoa0 {
			gsoa0[i] = rng.NormFloat64()
		}
		for i := range gz0 {
			gz0[i] = rng.NormFloat64()
		}
		gsoa1, gz1 := append([]float64(nil), gsoa0...), append([]float64(nil), gz0...)
		trans2BackReLUAVX(&soa[0], n, S, &z[0], &anc[0], K, &gf[0], &gsoa0[0], &gz0[0])
		acc := make([]float64, 16*K)
		for i := range acc {
			acc[i] = math.NaN() // overwritten by the first block
		}
		trans2BackReLUAVX512(&soa[0], n, S, &z[0], &anc[0], K, &gf[0], &gsoa1[0], &gz1[0], &acc[0])
		for i, w := range gsoa0 {
			if gsoa1[i] != w {
				t.Fatalf("draw %d (n=%d, K=%d): gsoa[%d] = %v, AVX2 %v", draw, n, K, i, gsoa1[i], w)
			}
		}
		for i, w := range gz0 {
			if !(math.Abs(gz1[i]-w) <= 1e-13*(1+math.Abs(w))) {
				t.Fatalf("draw %d (n=%d, K=%d): gz[%d] = %v, AVX2 %v", draw, n, K, i, gz1[i], w)
			}
		}
	}
}

// requireSIMDMatchesPortable evaluates the VSMC objective of m on bt and its gradients with
// respect to params twice, with the AVX2 kernels on and off (a fresh kernel from newKernel each
// time), and fails unless objective and gradients agree to 1e-12 relative (label names the case).
func requireSIMDMatchesPortable(t *testing.T, label string, m *Model, bt *batch, params []*autodiff.Param, newKernel func() *kernel) {
	t.Helper()
	train := map[*autodiff.Param]bool{}
	for _, p := range params {
		train[p] = true
	}
	run := func(simd bool) (float64, [][]float64) {
		haveKern = simd
		for _, p := range params {
			p.ZeroGrad()
		}
		tp := autodiff.NewTape()
		j := m.objective(tp, newKernel(), bt, train)
		if err := tp.Backward(j); err != nil {
			t.Fatal(err)
		}
		var g [][]float64
		for _, p := range params {
			g = append(g, append([]float64(nil), p.GradData()...))
		}
		return j.Scalar(), g
	}
	j1, g1 := run(true)
	j0, g0 := run(false)
	if relErr(j1, j0) > 1e-12 {
		t.Fatalf("%s: objective %v with AVX2, %v without", label, j1, j0)
	}
	for pi, g := range g0 {
		scale := 0.0
		for _, v := range g {
			scale = max(scale, math.Abs(v))
		}
		for i, v := range g {
			if math.Abs(g1[pi][i]-v) > 1e-12*scale {
				t.Fatalf("%s: %s gradient[%d] = %v with AVX2, %v without", label, params[pi].Name, i, g1[pi][i], v)
			}
		}
	}
}
