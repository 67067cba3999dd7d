package covspec

import (
	"fmt"
	"math"
)

// Spectrum is a limiting (N → ∞) density of covariance eigenvalues x of C/σ².
type Spectrum interface {
	// Density returns p(x); it is 0 outside the support.
	Density(x float64) float64
	// Support returns the edges [lo, hi] of the continuous part of the density.
	Support() (lo, hi float64)
	// Mean returns the closed-form mean of the density.
	Mean() float64
}

// DensityInto writes s.Density(x[i]) into dst[i] and returns dst (allocated when nil).
func DensityInto(dst []float64, s Spectrum, x []float64) []float64 {
	if dst == nil {
		dst = make([]float64, len(x))
	}
	for i, xi := range x {
		dst[i] = s.Density(xi)
	}
	return dst
}

func checkFinite(name string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("covspec: %s = %v is not finite", name, v)
	}
	return nil
}

// checkG validates a gain in (0, max).
func checkG(g, max float64) error {
	if err := checkFinite("g", g); err != nil {
		return err
	}
	if g <= 0 || g >= max {
		return fmt.Errorf("covspec: g = %v must lie in (0, %v)", g, max)
	}
	return nil
}
