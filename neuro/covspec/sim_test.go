package covspec

import (
	"context"
	"math"
	"testing"
)

// Linear networks, N = 1000, Euler–Maruyama dt = 0.5 (exact at zero frequency), 8 runs × 40
// windows (M = 320, α = N/(M−1) ≈ 3.1). Window length 20 at g = 0.4 (6,400 time units in all)
// and 40 at g = 0.8 (12,800 time units, 25,600 run-steps). Shorter windows bias ĝ low: at g = 0.4
// with windows of 10 the bias was −0.02.
func TestLinearRecovery(t *testing.T) {
	for _, c := range []struct{ g, wl float64 }{{0.4, 20}, {0.8, 40}} {
		res, err := Simulate(context.Background(), SimConfig{N: 1000, G: c.g, Sigma: 1, Dt: 0.5, Warmup: 20,
			Runs: 8, Windows: 40, WindowLen: c.wl, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		sf, err := res.FitSpectrum(false, FitConfig{})
		if err != nil {
			t.Fatal(err)
		}
		want := TimeSampledDimension(c.g, res.Alpha)
		t.Logf("g=%v: ĝ=%.4f CvM=%.4f α=%.3f PR/N=%.4f (theory %.4f)", c.g, sf.Fit.G, sf.Fit.CvM, res.Alpha, sf.Dimension, want)
		if math.Abs(sf.Fit.G-c.g) > 0.02 {
			t.Errorf("g=%v: fitted ĝ = %.4f", c.g, sf.Fit.G)
		}
		if math.Abs(sf.Dimension/want-1) > 0.15 {
			t.Errorf("g=%v: PR/N = %.4f, theory %.4f", c.g, sf.Dimension, want)
		}
		if res.MeanSlope != 1 {
			t.Errorf("linear network: mean slope %v", res.MeanSlope)
		}
	}
}

// tanh network below chaos, N = 500, g = 0.8, σ = 1, exponential Euler dt = 0.2, 8 runs × 40
// windows of length 20. The window bias of ĝ is about −0.03 at length 10 and −0.01 at 20
// (g⟨φ'⟩ ≈ 0.555). The measured g⟨φ'⟩ matches the noise-driven DMFT.
func TestTanhBelowChaos(t *testing.T) {
	res, err := Simulate(context.Background(), SimConfig{N: 500, G: 0.8, Sigma: 1, Phi: Tanh(), Dt: 0.2, Warmup: 20,
		Runs: 8, Windows: 40, WindowLen: 20, Seed: 3, Lyapunov: true, Exponential: true})
	if err != nil {
		t.Fatal(err)
	}
	d, err := DMFTNoise(0.8, 1, Tanh(), DMFTNoiseConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(res.GEff-d.GEff) > 0.005 || math.Abs(res.Delta0/d.Delta0-1) > 0.02 {
		t.Errorf("g⟨φ'⟩ = %.4f, Δ0 = %.4f; DMFT %.4f, %.4f", res.GEff, res.Delta0, d.GEff, d.Delta0)
	}
	for _, cur := range []bool{false, true} {
		sf, err := res.FitSpectrum(cur, FitConfig{})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("currents=%v: g⟨φ'⟩=%.4f ĝ=%.4f CvM=%.4f λ_max=%.3f", cur, res.GEff, sf.Fit.G, sf.Fit.CvM, res.Lyapunov)
		if math.Abs(sf.Fit.G-res.GEff) > 0.02 {
			t.Errorf("currents=%v: ĝ = %.4f, g⟨φ'⟩ = %.4f", cur, sf.Fit.G, res.GEff)
		}
	}
	if res.GEff > 0.7 || res.GEff < 0.4 {
		t.Errorf("g⟨φ'⟩ = %.4f, expected saturation well below g = 0.8", res.GEff)
	}
	if res.Lyapunov >= 0 {
		t.Errorf("λ_max = %.4f, want < 0 below chaos", res.Lyapunov)
	}
}

// Noiseless chaotic tanh networks, N = 1000, dt = 0.2, 2 runs, warm-up 200, 200 recorded time
// units: measured g⟨φ'⟩ against DMFT. The seed-to-seed spread at N = 1000 is about ±0.01; at
// g = 1.5 (slow fluctuations, dt = 0.1, 800 time units) two seeds gave 0.994 and 0.985 against 0.987.
func TestChaosMatchesDMFT(t *testing.T) {
	for _, g := range []float64{2, 3} {
		res, err := Simulate(context.Background(), SimConfig{N: 1000, G: g, Phi: Tanh(), Dt: 0.2, Warmup: 200,
			Runs: 2, Windows: 4, WindowLen: 50, Seed: 11, Lyapunov: true})
		if err != nil {
			t.Fatal(err)
		}
		d, err := DMFTChaos(g, Tanh())
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("g=%v: g⟨φ'⟩=%.4f DMFT %.4f  Δ0=%.3f DMFT %.3f  λ_max=%.3f", g, res.GEff, d.GEff, res.Delta0, d.Delta0, res.Lyapunov)
		if math.Abs(res.GEff-d.GEff) > 0.015 {
			t.Errorf("g=%v: g⟨φ'⟩ = %.4f, DMFT %.4f", g, res.GEff, d.GEff)
		}
		if math.Abs(res.Delta0/d.Delta0-1) > 0.1 {
			t.Errorf("g=%v: Δ0 = %.4f, DMFT %.4f", g, res.Delta0, d.Delta0)
		}
		if res.Lyapunov <= 0 {
			t.Errorf("g=%v: λ_max = %.4f, want > 0 in chaos", g, res.Lyapunov)
		}
	}
}

// With J = 0 each neuron is an OU process with autocorrelation e^{−t/τ}.
func TestAutocorrOU(t *testing.T) {
	res, err := Simulate(context.Background(), SimConfig{N: 200, G: 1e-9, Sigma: 1, Dt: 0.05, Warmup: 5,
		Runs: 1, Windows: 50, WindowLen: 20, AutocorrLags: 4, AutocorrStep: 0.5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for l, c := range res.Autocorr {
		// Euler: ρ = (1 − dt)^(lag/dt)
		want := math.Pow(1-0.05, res.AutocorrLag[l]/0.05)
		if math.Abs(c-want) > 0.03 {
			t.Errorf("lag %v: C = %.4f, want %.4f", res.AutocorrLag[l], c, want)
		}
	}
}

// Exponential Euler gives an isolated neuron the exact stationary variance σ²/2 even at dt = 0.5,
// where Euler–Maruyama gives σ²/(2 − dt).
func TestExponentialEulerVariance(t *testing.T) {
	for _, exp := range []bool{false, true} {
		res, err := Simulate(context.Background(), SimConfig{N: 200, G: 1e-9, Sigma: 1, Dt: 0.5, Warmup: 5,
			Runs: 2, Windows: 50, WindowLen: 20, Seed: 2, Exponential: exp})
		if err != nil {
			t.Fatal(err)
		}
		want := 0.5
		if !exp {
			want = 1 / (2 - 0.5)
		}
		if math.Abs(res.Delta0/want-1) > 0.02 {
			t.Errorf("exponential=%v: variance %.4f, want %.4f", exp, res.Delta0, want)
		}
	}
}

func TestSimulateDeterministic(t *testing.T) {
	cfg := SimConfig{N: 60, G: 1.5, Sigma: 0.3, Phi: Tanh(), Runs: 3, Windows: 5, WindowLen: 2, Warmup: 5, Seed: 42, Lyapunov: true}
	a, err := Simulate(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfgs := []SimConfig{cfg, cfg, cfg}
	cfgs[1].Seed = 43
	rs, err := Sweep(context.Background(), cfgs, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*SimResult{rs[0], rs[2]} {
		if r.GEff != a.GEff || r.Lyapunov != a.Lyapunov || r.Rates.At(7, 11) != a.Rates.At(7, 11) {
			t.Errorf("same seed gave different results")
		}
	}
	if rs[1].Rates.At(7, 11) == a.Rates.At(7, 11) {
		t.Errorf("different seeds gave identical results")
	}
}

func TestSimulateBadInput(t *testing.T) {
	bad := []SimConfig{
		{N: 1},
		{N: 10, Sigma: -1},
		{N: 10, Dt: math.NaN()},
		{N: 10, Dt: 20, WindowLen: 10},
		{N: 10, Runs: 1, Windows: 1},
		{N: 10, Phi: Nonlinearity{F: math.Tanh}},
	}
	for i, c := range bad {
		if _, err := Simulate(context.Background(), c); err == nil {
			t.Errorf("config %d: no error", i)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Simulate(ctx, SimConfig{N: 10}); err == nil {
		t.Errorf("cancelled context: no error")
	}
	if _, err := Simulate(context.Background(), SimConfig{N: 50, G: 3, Sigma: 1, Dt: 3, WindowLen: 30, Windows: 20}); err == nil {
		t.Errorf("diverging linear network: no error")
	}
}
