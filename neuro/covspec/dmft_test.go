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
