package covspec

import (
	"fmt"
	"math"
)

// DMFTNoiseConfig configures the stationary noise-driven DMFT solver. The zero value is valid.
type DMFTNoiseConfig struct {
	// MaxLag (default 200) and Step (default 0.1) define the lag grid, in units of τ.
	MaxLag, Step float64
	// MaxIter (default 5000), Tol (default 1e-9, relative to Δ₀) and Damping (default 1, the
	// fraction of the new iterate mixed in) control the fixed-point iteration.
	MaxIter      int
	Tol, Damping float64
	// Terms is the number of Mehler (Hermite) terms for C_φ (default 50).
	Terms int
}

// DMFTStationary is the stationary DMFT solution of a noise-driven network.
type DMFTStationary struct {
	DMFT
	// Lag and Autocov hold Δ(t), the autocovariance of h, on the lag grid (Autocov[0] = Δ₀).
	Lag, Autocov []float64
	// Iterations used.
	Iterations int
}

// DMFTNoise solves the stationary dynamic mean-field theory of
// τ dh/dt = −h + Jφ(h) + σ√τ ξ(t), J_ij ~ N(0, g²/N), N → ∞:
//
//	Δ(t) = (σ²/2) e^{−|t|} + (g²/2) ∫ e^{−|t−s|} C_φ(s) ds,
//	C_φ(t) = E[φ(h(0)) φ(h(t))],  (h(0), h(t)) Gaussian with variances Δ₀ and covariance Δ(t),
//
// (t in units of τ), i.e. (1 − ∂²_t)Δ = g² C_φ + σ² δ(t). C_φ comes from the Mehler expansion
// C_φ = Σ_n a_n² (Δ(t)/Δ₀)^n, a_n = E[φ(√Δ₀ z) He_n(z)]/√n!, and the convolution from two
// exact exponential recursions; the fixed point is found by damped iteration from a large
// initial Δ. It returns g_eff = g E[φ'(√Δ₀ z)]. With σ → 0 above the transition it approaches
// DMFTChaos.
func DMFTNoise(g, sigma float64, phi Nonlinearity, cfg DMFTNoiseConfig) (*DMFTStationary, error) {
	if err := checkFinite("g", g); err != nil {
		return nil, err
	}
	if err := checkFinite("sigma", sigma); err != nil {
		return nil, err
	}
	if g <= 0 || sigma < 0 {
		return nil, fmt.Errorf("covspec: need g > 0 and sigma >= 0, got g = %v, sigma = %v", g, sigma)
	}
	if phi.Deriv == nil {
		return nil, fmt.Errorf("covspec: phi needs Deriv for DMFT")
	}
	f := phi.F
	if f == nil {
		f = func(h float64) float64 { return h }
	}
	if cfg.MaxLag == 0 {
		cfg.MaxLag = 200
	}
	if cfg.Step == 0 {
		cfg.Step = 0.1
	}
	if cfg.MaxIter == 0 {
		cfg.MaxIter = 5000
	}
	if cfg.Tol == 0 {
		cfg.Tol = 1e-9
	}
	if cfg.Damping == 0 {
		cfg.Damping = 1
	}
	if cfg.Terms == 0 {
		cfg.Terms = 50
	}
	if !(cfg.Step > 0 && cfg.MaxLag > 10*cfg.Step && cfg.Damping > 0 && cfg.Damping <= 1 && cfg.Tol > 0 && cfg.Terms >= 2 && cfg.MaxIter >= 1) {
		return nil, fmt.Errorf("covspec: invalid DMFTNoiseConfig %+v", cfg)
	}
	q := newGaussQuad()
	n := int(math.Round(cfg.MaxLag/cfg.Step)) + 1
	h := cfg.Step
	lag := make([]float64, n)
	delta := make([]float64, n)
	d0 := sigma*sigma/2 + g*g
	for k := range n {
		lag[k] = float64(k) * h
		delta[k] = d0 * math.Exp(-lag[k]/2)
	}
	c := make([]float64, n)
	y := make([]float64, n)
	coef := make([]float64, cfg.Terms+1)
	fv := make([]float64, len(q.z))      // w_i φ(√Δ₀ z_i)
	hz := make([][]float64, cfg.Terms+1) // normalised Hermite functions He_n(z)/√n! on the grid
	for i := range hz {
		hz[i] = make([]float64, len(q.z))
	}
	for i, z := range q.z {
		hz[0][i] = 1
		hz[1][i] = z
		for m := 1; m < cfg.Terms; m++ {
			hz[m+1][i] = (z*hz[m][i] - math.Sqrt(float64(m))*hz[m-1][i]) / math.Sqrt(float64(m+1))
		}
	}
	eh := math.Exp(-h)
	a := 1 - eh
	wf := 1 - a/h        // forward recursion: weight of the nearer (later) sample
	wb := (a - h*eh) / h // backward recursion: weight of the farther (later) sample
	res := &DMFTStationary{Lag: lag}
	for it := 1; it <= cfg.MaxIter; it++ {
		d0 = delta[0]
		if !(d0 > 0) || math.IsInf(d0, 0) {
			return nil, fmt.Errorf("covspec: DMFT iteration diverged (g = %v, sigma = %v)", g, sigma)
		}
		sd := math.Sqrt(d0)
		var total float64 // E[φ²]
		for i, z := range q.z {
			fv[i] = q.w[i] * f(sd*z)
			total += fv[i] * f(sd*z)
		}
		for m := range coef {
			s := 0.0
			for i, v := range fv {
				s += v * hz[m][i]
			}
			coef[m] = s * s
		}
		rest := total
		for _, v := range coef {
			rest -= v
		}
		rest = math.Max(rest, 0)
		for k := range n {
			rho := math.Max(-1, math.Min(1, delta[k]/d0))
			s, p := 0.0, 1.0
			for m := range coef {
				s += coef[m] * p
				p *= rho
			}
			c[k] = s + rest*p
		}
		convolveExp(y, c, eh, a-wf, wf, a-wb, wb)
		change := 0.0
		for k := range n {
			nv := sigma*sigma/2*math.Exp(-lag[k]) + g*g*y[k]
			change = math.Max(change, math.Abs(nv-delta[k]))
			delta[k] += cfg.Damping * (nv - delta[k])
		}
		res.Iterations = it
		if change < cfg.Tol*d0 {
			break
		}
		if it == cfg.MaxIter {
			return nil, fmt.Errorf("covspec: DMFT did not converge in %d iterations (last change %.3g)", it, change)
		}
	}
	sd := math.Sqrt(delta[0])
	var m1, m2 float64
	for i, z := range q.z {
		d := phi.Deriv(sd * z)
		m1 += q.w[i] * d
		m2 += q.w[i] * d * d
	}
	res.Delta0 = delta[0]
	res.GEff = g * m1
	res.JacobianRadius = g * math.Sqrt(m2)
	res.Autocov = delta
	return res, nil
}

// convolveExp sets y(t_k) = ½ ∫_{−∞}^{∞} e^{−|t_k−s|} c(|s|) ds for c sampled on t_k = k·h
// (piecewise linear, constant beyond the grid), using exact forward and backward recursions.
// eh = e^{−h}; (f0, f1) and (b0, b1) weight the interval's near and far samples.
func convolveExp(y, c []float64, eh, f0, f1, b0, b1 float64) {
	n := len(c)
	last := c[n-1]
	fwd := 0.0 // ∫_0^t e^{−(t−s)} c(s) ds
	bwd := make([]float64, n)
	bwd[n-1] = last // ∫_t^∞ e^{−(s−t)} c(s) ds with c = last beyond the grid
	for k := n - 2; k >= 0; k-- {
		bwd[k] = eh*bwd[k+1] + b0*c[k] + b1*c[k+1]
	}
	mirror := bwd[0] // ∫_0^∞ e^{−s} c(s) ds
	for k := range n {
		if k > 0 {
			fwd = eh*fwd + f0*c[k-1] + f1*c[k]
		}
		// ∫_{−∞}^0 e^{−(t−s)} c(−s) ds = e^{−t} ∫_0^∞ e^{−s} c(s) ds
		y[k] = (fwd + bwd[k] + math.Pow(eh, float64(k))*mirror) / 2
	}
}
