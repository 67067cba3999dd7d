package smc

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
)

func tinyModel(t *testing.T, cfg ModelConfig) *Model {
	t.Helper()
	m, err := NewModel(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for _, p := range m.Trainable() {
		for i := range p.Data() {
			p.Data()[i] += 0.1 * rng.NormFloat64()
		}
	}
	if m.Gain != nil {
		for i := range m.Gain.Data() {
			m.Gain.Data()[i] = 1 + 0.2*rng.NormFloat64()
		}
	}
	return m
}

func tinyBatch(cfg ModelConfig, B, T int, seed uint64) *batch {
	rng := rand.New(rand.NewPCG(seed, 1))
	bt := &batch{B: B, T: T, x: make([]float64, B*T*cfg.Dx)}
	for i := range bt.x {
		if cfg.Obs == Poisson {
			bt.x[i] = float64(rng.IntN(3))
		} else {
			bt.x[i] = rng.NormFloat64()
		}
	}
	if cfg.Du > 0 {
		bt.u = make([]float64, B*T*cfg.Du)
		for i := range bt.u {
			bt.u[i] = rng.NormFloat64()
		}
	}
	if cfg.Obs == Poisson {
		bt.lcc = poissonConst(bt.x, cfg.Dx)
	}
	return bt
}

// gradCheck compares the tape gradient of the VSMC objective with central differences (the
// random numbers, hence the ancestors, are fixed by the seed).
func gradCheck(t *testing.T, m *Model, prop Proposal, bt *batch, K int) {
	t.Helper()
	train := map[*autodiff.Param]bool{}
	for _, p := range m.Trainable() {
		train[p] = true
	}
	if m.Gain != nil {
		train[m.Gain] = true
	}
	k := &kernel{K: K, prop: prop, resampling: Systematic, seed: 3, stream: 5, workers: 2}
	tp := autodiff.NewTape()
	eval := func() float64 {
		tp.Reset()
		j := m.objective(tp, k, bt, train)
		if err := tp.Err(); err != nil {
			t.Fatal(err)
		}
		return j.Scalar()
	}
	tp.Reset()
	params := append(m.Trainable(), m.Gain)
	for _, p := range params {
		if p != nil {
			p.ZeroGrad()
		}
	}
	j := m.objective(tp, k, bt, train)
	if err := tp.Backward(j); err != nil {
		t.Fatal(err)
	}
	grads := map[*autodiff.Param][]float64{}
	for _, p := range params {
		if p != nil {
			grads[p] = append([]float64(nil), p.GradData()...)
		}
	}
	const h = 1e-5
	worst := 0.0
	for _, p := range params {
		if p == nil {
			continue
		}
		for i := range p.Data() {
			x0 := p.Data()[i]
			p.Data()[i] = x0 + h
			jp := eval()
			p.Data()[i] = x0 - h
			jm := eval()
			p.Data()[i] = x0
			fd := (jp - jm) / (2 * h)
			an := grads[p][i]
			err := math.Abs(fd-an) / math.Max(1e-3, math.Abs(fd)+math.Abs(an))
			worst = max(worst, err)
			if err > 1e-4 {
				t.Errorf("%v: %s[%d]: analytic %.8g, finite difference %.8g", prop, p.Name, i, an, fd)
			}
		}
	}
	t.Logf("%v: worst relative error %.2g", prop, worst)
}

func TestGradOptimal(t *testing.T) {
	cfg := ModelConfig{N: 5, R: 2, Dx: 5, Du: 2, InputFilter: true, Seed: 1}
	gradCheck(t, tinyModel(t, cfg), Optimal, tinyBatch(cfg, 3, 6, 2), 7)
}

func TestGradOptimalAffineClipped(t *testing.T) {
	cfg := ModelConfig{N: 7, R: 3, Dx: 4, Readout: Affine, Phi: ClippedReLU, Seed: 2}
	gradCheck(t, tinyModel(t, cfg), Optimal, tinyBatch(cfg, 2, 5, 3), 6)
}

// Rank 4 runs the generic (unpacked) transition kernels.
func TestGradGenericRank(t *testing.T) {
	cfg := ModelConfig{N: 6, R: 4, Dx: 3, Readout: Affine, Obs: Poisson, Phi: ClippedReLU, Noise: DiagNoise, Du: 1, InputFilter: true, Seed: 8}
	gradCheck(t, tinyModel(t, cfg), Bootstrap, tinyBatch(cfg, 2, 5, 9), 5)
	cfg = ModelConfig{N: 7, R: 1, Dx: 7, Seed: 9}
	gradCheck(t, tinyModel(t, cfg), Optimal, tinyBatch(cfg, 2, 5, 10), 5)
}

func TestGradBootstrap(t *testing.T) {
	cfg := ModelConfig{N: 5, R: 2, Dx: 5, Du: 1, Seed: 3}
	gradCheck(t, tinyModel(t, cfg), Bootstrap, tinyBatch(cfg, 2, 5, 4), 6)
	cfg = ModelConfig{N: 4, R: 2, Dx: 3, Readout: Affine, Obs: Poisson, Noise: DiagNoise, Seed: 4}
	gradCheck(t, tinyModel(t, cfg), Bootstrap, tinyBatch(cfg, 2, 5, 5), 6)
}

func TestGradEncoder(t *testing.T) {
	cfg := ModelConfig{N: 5, R: 2, Dx: 5, Obs: Poisson, Noise: DiagNoise, TrainGain: true, Seed: 5}
	m := tinyModel(t, cfg)
	enc, err := NewCNN(5, 2, []int{4}, []int{3, 2}, 0.5, autodiff.PadZero, 9)
	if err != nil {
		t.Fatal(err)
	}
	m.Enc = enc
	gradCheck(t, m, Encoder, tinyBatch(cfg, 2, 6, 6), 5)
	cfg.Link = ExpLink
	cfg.Obs = Gaussian
	m2 := tinyModel(t, cfg)
	m2.Enc = enc
	gradCheck(t, m2, Encoder, tinyBatch(cfg, 2, 6, 7), 5)
}

// TestGradPoissonRowOffset covers the forward-accumulated Poisson readout gradients with a
// per-row offset (one-to-one readout of currents with inputs, η = B ⊙ (M z + W_u v) + b), for
// the bootstrap and the encoder proposals, ranks 2 and 3 (fused kernels) and 1 (portable).
func TestGradPoissonRowOffset(t *testing.T) {
	for _, R := range []int{2, 3, 1} {
		cfg := ModelConfig{N: 6, R: R, Dx: 6, Du: 2, Obs: Poisson, Noise: DiagNoise, TrainGain: true, Seed: 11}
		gradCheck(t, tinyModel(t, cfg), Bootstrap, tinyBatch(cfg, 2, 5, 12), 5)
		m := tinyModel(t, cfg)
		enc, err := NewCNN(6, R, []int{3}, []int{2, 2}, 0.5, autodiff.PadZero, 13)
		if err != nil {
			t.Fatal(err)
		}
		m.Enc = enc
		gradCheck(t, m, Encoder, tinyBatch(cfg, 2, 5, 14), 5)
	}
}
