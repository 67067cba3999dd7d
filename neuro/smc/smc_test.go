package smc

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Systematic and multinomial resampling are unbiased: ancestor counts average K·w.
func TestResamplingUnbiased(t *testing.T) {
	w := []float64{0.05, 0.5, 0.2, 0.25, 0}
	K := len(w)
	for _, kind := range []Resampling{Systematic, Multinomial} {
		rng := rand.New(rand.NewPCG(1, 2))
		counts := make([]float64, K)
		anc := make([]int32, K)
		cum := make([]float64, K)
		const n = 20000
		for range n {
			resample(kind, w, cum, anc, rng)
			for _, a := range anc {
				counts[a]++
			}
		}
		for k := range K {
			if got := counts[k] / n; math.Abs(got-float64(K)*w[k]) > 0.03 {
				t.Errorf("%v: particle %d drawn %.3f times on average, want %.3f", kind, k, got, float64(K)*w[k])
			}
		}
		if counts[4] != 0 {
			t.Errorf("%v: a zero-weight particle was drawn", kind)
		}
	}
}

// Same seed, same result, whatever the number of goroutines.
func TestFitDeterministic(t *testing.T) {
	cfg := ModelConfig{N: 6, R: 2, Dx: 6, Seed: 1}
	teacher, _ := NewModel(cfg)
	for i := range teacher.Nw.Data() {
		teacher.Nw.Data()[i] *= 0.2 // a stable teacher
	}
	data := generateTrials(t, teacher, 12, 30, 1)
	run := func(workers int) []float64 {
		m, _ := NewModel(ModelConfig{N: 6, R: 2, Dx: 6, Seed: 2})
		h, err := Fit(context.Background(), m, data, nil, Config{Epochs: 2, Particles: 8, BatchSize: 4, Workers: workers, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		return append(h.Loss, m.M.Data()...)
	}
	a, b := run(1), run(3)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("entry %d differs: %v vs %v", i, a[i], b[i])
		}
	}
}

// The filtering means track the true latent of the oscillator teacher, and backward-simulation
// smoothing is at least as close.
func TestFilterSmoothTrackTruth(t *testing.T) {
	teach := loadTeacher(t, "osc_rnn", 0.2, 0.1)
	s, err := teach.Generate(200, nil, nil, 11)
	if err != nil {
		t.Fatal(err)
	}
	mse := func(est *mat.Dense) float64 {
		e := 0.0
		for i := range 200 {
			for r := range 2 {
				d := est.At(i, r) - s.Z.At(i, r)
				e += d * d
			}
		}
		return e / 400
	}
	f, err := teach.Filter([]*mat.Dense{s.X}, nil, Optimal, 64, 1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := teach.Filter([]*mat.Dense{s.X}, nil, Bootstrap, 256, 1)
	if err != nil {
		t.Fatal(err)
	}
	sm, err := teach.Smooth([]*mat.Dense{s.X}, nil, Optimal, 64, 32, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Observation noise 0.1 through 20 orthonormal currents: the filter error is ≲ 0.1² / 1.
	ef, eb, es := mse(f.Mean[0]), mse(b.Mean[0]), mse(sm.Mean[0])
	t.Logf("MSE filter %.4f, bootstrap %.4f, smoother %.4f; log-lik %.1f vs %.1f", ef, eb, es, f.LogLik[0], b.LogLik[0])
	if ef > 0.02 || eb > 0.03 || es > ef*1.05 {
		t.Errorf("MSE filter %v, bootstrap %v, smoother %v", ef, eb, es)
	}
	// The optimal proposal's evidence estimate has lower variance, so it is higher on average
	// (Jensen); both estimate the same log-likelihood.
	if math.Abs(f.LogLik[0]-b.LogLik[0]) > 0.02*math.Abs(f.LogLik[0]) {
		t.Errorf("log-likelihood estimates %v and %v disagree", f.LogLik[0], b.LogLik[0])
	}
	// Effective sample sizes lie in [1, K]; the optimal proposal keeps a larger fraction of its
	// particles effective than the bootstrap proposal, which ignores the observation.
	meanFrac := func(p *Posterior, K int) float64 {
		if len(p.ESS) != 1 || len(p.ESS[0]) != 200 {
			t.Fatalf("ESS has shape %d×%d, want 1×200", len(p.ESS), len(p.ESS[0]))
		}
		s := 0.0
		for _, e := range p.ESS[0] {
			if !(e >= 1-1e-9 && e <= float64(K)+1e-9) {
				t.Fatalf("ESS %v outside [1, %d]", e, K)
			}
			s += e / float64(K)
		}
		return s / 200
	}
	of, bf := meanFrac(f, 64), meanFrac(b, 256)
	t.Logf("mean ESS/K: optimal %.3f, bootstrap %.3f", of, bf)
	if of <= bf {
		t.Errorf("mean ESS/K optimal %v ≤ bootstrap %v", of, bf)
	}
}

func TestErrors(t *testing.T) {
	if _, err := NewModel(ModelConfig{N: 3, R: 4, Dx: 3}); err == nil {
		t.Error("R > N: want an error")
	}
	if _, err := NewModel(ModelConfig{N: 3, R: 2, Dx: 4}); err == nil {
		t.Error("one-to-one with Dx ≠ N: want an error")
	}
	m, _ := NewModel(ModelConfig{N: 4, R: 2, Dx: 4})
	good := []*mat.Dense{mat.NewDense(10, 4, nil)}
	ctx := context.Background()
	cases := map[string]func() error{
		"no data":    func() error { _, err := Fit(ctx, m, nil, nil, Config{}); return err },
		"wrong cols": func() error { _, err := Fit(ctx, m, []*mat.Dense{mat.NewDense(10, 3, nil)}, nil, Config{}); return err },
		"NaN": func() error {
			d := mat.NewDense(10, 4, nil)
			d.Set(3, 1, math.NaN())
			_, err := Fit(ctx, m, []*mat.Dense{d}, nil, Config{})
			return err
		},
		"long window": func() error { _, err := Fit(ctx, m, good, nil, Config{Window: 11}); return err },
		"encoder without CNN": func() error {
			_, err := Fit(ctx, m, good, nil, Config{Proposal: Encoder})
			return err
		},
		"inputs without Du": func() error { _, err := Fit(ctx, m, good, good, Config{}); return err },
		"cancelled": func() error {
			c, cancel := context.WithCancel(ctx)
			cancel()
			_, err := Fit(c, m, good, nil, Config{Epochs: 2})
			return err
		},
	}
	for name, f := range cases {
		if f() == nil {
			t.Errorf("%s: want an error", name)
		}
	}
	p, _ := NewModel(ModelConfig{N: 4, R: 2, Dx: 4, Obs: Poisson})
	frac := mat.NewDense(10, 4, nil)
	frac.Set(0, 0, 0.5)
	if _, err := Fit(ctx, p, []*mat.Dense{frac}, nil, Config{Proposal: Bootstrap}); err == nil {
		t.Error("Poisson with non-integer counts: want an error")
	}
	if err := m.SetInput(mat.NewDense(3, 2, nil), true); err == nil {
		t.Error("SetInput with 3 rows for N = 4: want an error")
	}
	if err := m.SetInput(nil, true); err == nil {
		t.Error("SetInput(nil): want an error")
	}
	if _, err := Fit(ctx, p, good, nil, Config{Proposal: Optimal}); err == nil {
		t.Error("optimal proposal with Poisson observations: want an error")
	}
}
