package covspec

import (
	"math"
	"testing"
)

// Reference values from the spec (Part B.6), computed independently.
func TestDMFTChaosReference(t *testing.T) {
	ref := []struct{ g, delta0, geff, radius float64 }{
		{1.1, 0.111, 0.999, 1.006},
		{1.2, 0.243, 0.996, 1.020},
		{1.5, 0.748, 0.987, 1.079},
		{2, 1.925, 0.974, 1.192},
		{3, 5.446, 0.958, 1.412},
		{5, 16.96, 0.946, 1.788},
	}
	for _, r := range ref {
		d, err := DMFTChaos(r.g, Tanh())
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(d.Delta0/r.delta0-1) > 0.005 || math.Abs(d.GEff-r.geff) > 0.0015 || math.Abs(d.JacobianRadius-r.radius) > 0.0015 {
			t.Errorf("g=%v: Δ0 %.4f geff %.4f radius %.4f, want %v %v %v", r.g, d.Delta0, d.GEff, d.JacobianRadius, r.delta0, r.geff, r.radius)
		}
	}
	d, _ := DMFTChaos(0.8, Tanh())
	if d.Delta0 != 0 || math.Abs(d.GEff-0.8) > 1e-12 {
		t.Errorf("g=0.8 below the transition: %+v", d)
	}
}

func TestDMFTNoise(t *testing.T) {
	// Linear network: S(ω) = σ²/(1 + ω² − g²), so Δ₀ = σ²/(2√(1−g²)).
	d, err := DMFTNoise(0.5, 1, Linear(), DMFTNoiseConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if want := 1 / (2 * math.Sqrt(0.75)); math.Abs(d.Delta0/want-1) > 1e-3 || math.Abs(d.GEff-0.5) > 1e-9 {
		t.Errorf("linear: Δ0 = %.6f, want %.6f", d.Delta0, want)
	}
	// Vanishing noise in chaos recovers the Sompolinsky–Crisanti–Sommers solution.
	for _, g := range []float64{2, 3} {
		d, err := DMFTNoise(g, 1e-3, Tanh(), DMFTNoiseConfig{})
		if err != nil {
			t.Fatal(err)
		}
		c, _ := DMFTChaos(g, Tanh())
		if math.Abs(d.Delta0/c.Delta0-1) > 1e-3 || math.Abs(d.GEff-c.GEff) > 1e-3 {
			t.Errorf("g=%v, σ→0: Δ0 %.4f g_eff %.4f; chaos %.4f %.4f", g, d.Delta0, d.GEff, c.Delta0, c.GEff)
		}
		if d.Autocov[len(d.Autocov)-1] > 1e-3*d.Delta0 {
			t.Errorf("g=%v: autocovariance does not decay", g)
		}
	}
	// Noise saturates the neurons: g_eff < g below the transition.
	d, err = DMFTNoise(0.8, 1, Tanh(), DMFTNoiseConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if d.GEff > 0.6 || d.GEff < 0.5 {
		t.Errorf("g=0.8, σ=1: g_eff = %.4f", d.GEff)
	}
	if _, err := DMFTNoise(1, -1, Tanh(), DMFTNoiseConfig{}); err == nil {
		t.Error("negative sigma accepted")
	}
}
