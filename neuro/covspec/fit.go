package covspec

import (
	"fmt"
	"math"
	"slices"
)

// FitConfig selects the theory fitted to an empirical spectrum. The zero value fits g alone with
// the infinite-sample i.i.d. theory.
type FitConfig struct {
	// Alpha = N/M fixes the time-sampled theory (M independent windows). 0 means M → ∞.
	Alpha float64
	// FitAlpha also fits α over [0, 10] (Alpha, if set, is the starting point).
	FitAlpha bool
	// F in (0, 1) fixes the space-sampled theory (a fraction F of the neurons observed);
	// 0 or 1 means all neurons. Time and space sampling cannot be combined.
	F float64
	// FitF also fits f over [0.001, 1].
	FitF bool
	// Kappa ≠ 0 fixes the reciprocal-motif theory, corr(J_ij, J_ji) = κ (no sampling correction);
	// FitKappa also fits κ over [−0.99, 1] (the network must stay stable, g(1+κ) < 1).
	Kappa    float64
	FitKappa bool
	// GMin, GMax bound the gain (defaults 0.01 and 0.99).
	GMin, GMax float64
	// GridPoints is the tabulation size of the theory (default 800).
	GridPoints int
}

// FitResult is a fitted spectrum.
type FitResult struct {
	G, Alpha, F, Kappa float64
	// Sigma2 is the recovered scale σ̂² = mean(λ)/μ(ĝ).
	Sigma2 float64
	// CvM is the Cramér–von Mises distance at the optimum.
	CvM float64
	// N is the number of (positive) eigenvalues used.
	N int
}

// CvM returns the Cramér–von Mises distance sqrt([Σ_i (F(x_(i)) − (i−½)/n)² + 1/(12n)]/n)
// between sorted samples x and the distribution function cdf.
func CvM(sorted []float64, cdf func(float64) float64) float64 {
	n := float64(len(sorted))
	s := 1 / (12 * n)
	for i, x := range sorted {
		d := cdf(x) - (float64(i)+0.5)/n
		s += d * d
	}
	return math.Sqrt(s / n)
}

// theory returns the spectrum for (g, α, f, κ).
func theory(g, alpha, f, kappa float64) (Spectrum, error) {
	switch {
	case kappa != 0:
		return NewMotif(g, kappa)
	case f > 0 && f < 1:
		return NewSpaceSampled(g, f)
	case alpha > 0:
		return NewTimeSampled(g, alpha)
	}
	return NewIID(g)
}

// NormalizedCDF returns the distribution function of x/mean for the theory at (g, α, f, κ), on a
// grid of n points; it is the function that Fit compares with the mean-normalised eigenvalues.
func NormalizedCDF(g, alpha, f, kappa float64, n int) (func(float64) float64, error) {
	s, err := theory(g, alpha, f, kappa)
	if err != nil {
		return nil, err
	}
	tb, err := Tabulate(s, n)
	if err != nil {
		return nil, err
	}
	return func(z float64) float64 { return tb.Prob(z * tb.Mean) }, nil
}

// PositiveNormalized returns the eigenvalues above 1e-9·max, sorted ascending and divided by
// their mean, and that mean.
func PositiveNormalized(eigs []float64) ([]float64, float64, error) {
	if len(eigs) == 0 {
		return nil, 0, fmt.Errorf("covspec: eigs is empty")
	}
	mx := 0.0
	for i, v := range eigs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, 0, fmt.Errorf("covspec: eigs[%d] = %v is not finite", i, v)
		}
		mx = math.Max(mx, v)
	}
	if !(mx > 0) {
		return nil, 0, fmt.Errorf("covspec: eigs has no positive eigenvalue")
	}
	var z []float64
	sum := 0.0
	for _, v := range eigs {
		if v > 1e-9*mx {
			z = append(z, v)
			sum += v
		}
	}
	if len(z) < 5 {
		return nil, 0, fmt.Errorf("covspec: eigs has %d positive eigenvalues, need at least 5", len(z))
	}
	mean := sum / float64(len(z))
	for i := range z {
		z[i] /= mean
	}
	slices.Sort(z)
	return z, mean, nil
}

// Fit fits the theory chosen by cfg to the covariance eigenvalues eigs by minimising the
// Cramér–von Mises distance between the mean-normalised positive eigenvalues and the
// mean-normalised theoretical CDF (Hu & Sompolinsky 2022). g alone uses a scan plus Brent's
// method; (g, α), (g, f) or (g, κ) use Nelder–Mead on bounded (logistic) coordinates. With
// motifs, g is the gain of J (stability needs g(1+κ) < 1, so GMax also bounds g).
func Fit(eigs []float64, cfg FitConfig) (FitResult, error) {
	if cfg.GMin == 0 {
		cfg.GMin = 0.01
	}
	if cfg.GMax == 0 {
		cfg.GMax = 0.99
	}
	if cfg.GridPoints == 0 {
		cfg.GridPoints = 800
	}
	switch {
	case !(cfg.GMin > 0 && cfg.GMin < cfg.GMax && cfg.GMax < 1):
		return FitResult{}, fmt.Errorf("covspec: GMin, GMax = %v, %v must satisfy 0 < GMin < GMax < 1", cfg.GMin, cfg.GMax)
	case cfg.Alpha < 0 || math.IsNaN(cfg.Alpha) || math.IsInf(cfg.Alpha, 0):
		return FitResult{}, fmt.Errorf("covspec: Alpha = %v must be finite and >= 0", cfg.Alpha)
	case cfg.F < 0 || cfg.F > 1 || math.IsNaN(cfg.F):
		return FitResult{}, fmt.Errorf("covspec: F = %v must lie in [0, 1]", cfg.F)
	case (cfg.FitAlpha || cfg.Alpha > 0) && (cfg.FitF || (cfg.F > 0 && cfg.F < 1)):
		return FitResult{}, fmt.Errorf("covspec: time sampling (Alpha/FitAlpha) and space sampling (F/FitF) cannot be combined")
	case math.IsNaN(cfg.Kappa) || cfg.Kappa < -1 || cfg.Kappa > 1:
		return FitResult{}, fmt.Errorf("covspec: Kappa = %v must lie in [-1, 1]", cfg.Kappa)
	case (cfg.FitKappa || cfg.Kappa != 0) && (cfg.FitAlpha || cfg.Alpha > 0 || cfg.FitF || (cfg.F > 0 && cfg.F < 1)):
		return FitResult{}, fmt.Errorf("covspec: reciprocal motifs (Kappa/FitKappa) cannot be combined with time or space sampling")
	case cfg.GridPoints < 16:
		return FitResult{}, fmt.Errorf("covspec: GridPoints = %d, need at least 16", cfg.GridPoints)
	}
	z, mean, err := PositiveNormalized(eigs)
	if err != nil {
		return FitResult{}, err
	}
	cost := func(g, alpha, f, kappa float64) float64 {
		cdf, err := NormalizedCDF(g, alpha, f, kappa, cfg.GridPoints)
		if err != nil {
			return math.Inf(1)
		}
		return CvM(z, cdf)
	}
	res := FitResult{Alpha: cfg.Alpha, F: cfg.F, Kappa: cfg.Kappa, N: len(z)}
	if res.F == 0 {
		res.F = 1
	}
	switch {
	case cfg.FitAlpha:
		a0 := cfg.Alpha
		if a0 == 0 {
			a0 = 0.5
		}
		res.G, res.Alpha, res.CvM = fit2D(func(g, a float64) float64 { return cost(g, a, 0, 0) }, cfg.GMin, cfg.GMax, 1e-4, 10, a0)
	case cfg.FitF:
		f0 := cfg.F
		if f0 == 0 || f0 == 1 {
			f0 = 0.5
		}
		res.G, res.F, res.CvM = fit2D(func(g, f float64) float64 { return cost(g, 0, f, 0) }, cfg.GMin, cfg.GMax, 0.001, 1, f0)
	case cfg.FitKappa:
		res.G, res.Kappa, res.CvM = fit2D(func(g, k float64) float64 { return cost(g, 0, 0, k) }, cfg.GMin, cfg.GMax, -0.99, 1, cfg.Kappa)
	default:
		res.G, res.CvM = minimize1D(func(g float64) float64 { return cost(g, cfg.Alpha, cfg.F, cfg.Kappa) }, cfg.GMin, cfg.GMax, 25, 1e-5)
	}
	s, err := theory(res.G, res.Alpha, res.F, res.Kappa)
	if err != nil {
		return FitResult{}, err
	}
	res.Sigma2 = mean / s.Mean()
	return res, nil
}

// fit2D minimises cost(g, p) over g ∈ [glo, ghi], p ∈ [plo, phi]: the best g is first found at
// p = p0, then Nelder–Mead refines both in logistic coordinates.
func fit2D(cost func(g, p float64) float64, glo, ghi, plo, phi, p0 float64) (g, p, c float64) {
	g0, _ := minimize1D(func(g float64) float64 { return cost(g, p0) }, glo, ghi, 15, 1e-3)
	to := func(v, lo, hi float64) float64 {
		r := (v - lo) / (hi - lo)
		r = math.Min(math.Max(r, 1e-6), 1-1e-6)
		return math.Log(r / (1 - r))
	}
	from := func(t, lo, hi float64) float64 { return lo + (hi-lo)/(1+math.Exp(-t)) }
	f := func(a, b float64) float64 { return cost(from(a, glo, ghi), from(b, plo, phi)) }
	x, c := nelderMead2(f, to(g0, glo, ghi), to(p0, plo, phi), 0.3, 300)
	x, c = nelderMead2(f, x[0], x[1], 0.05, 300) // restart: the valley can be long and narrow
	return from(x[0], glo, ghi), from(x[1], plo, phi), c
}
