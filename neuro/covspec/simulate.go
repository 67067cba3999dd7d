package covspec

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// SimConfig configures a rate-network simulation
//
//	τ dh/dt = −h + J φ(h) + σ√τ ξ(t),   r = φ(h),
//
// integrated by Euler–Maruyama, h ← h + a(−h + Jφ(h)) + σ√a ε, a = dt/τ, ε ~ N(0, I), or with
// Exponential set by the exponential-Euler step h ← e^{−a}h + (1 − e^{−a})Jφ(h) + σ√((1 − e^{−2a})/2) ε,
// exact for the leak and the noise (an isolated neuron has the exact variance σ²/2 at any dt,
// where Euler–Maruyama gives σ²/(2 − a)).
// Runs independent runs (same J, independent noise and initial states) advance together, so each
// step is one matrix–matrix product (Runs×N)·Jᵀ (an AVX2/FMA kernel on amd64, gonum elsewhere;
// results are deterministic for a given Seed on a given machine). Each run records Windows consecutive window
// averages of length WindowLen after a warm-up. For a linear network the long-window covariance
// of the Euler scheme equals that of the continuous one for any stable dt.
type SimConfig struct {
	N int     // neurons (required unless J is given)
	G float64 // gain: J_ij ~ N(0, G²/N) when J is nil; also scales GEff
	// J is an optional N×N connectivity; nil draws an i.i.d. Gaussian one from Seed.
	J *mat.Dense
	// Phi is the nonlinearity; the zero value is linear.
	Phi Nonlinearity
	// Sigma is the noise amplitude σ (≥ 0).
	Sigma float64
	// Tau (default 1), Dt (default 0.1), Warmup (default 50) are in time units.
	Tau, Dt, Warmup float64
	// Runs is the number of independent runs simulated together (default 4).
	Runs int
	// Windows per run (default 100) of length WindowLen (default 10) each.
	Windows   int
	WindowLen float64
	// InitStd is the standard deviation of the initial h (default 1).
	InitStd float64
	// Exponential selects the exponential-Euler step instead of Euler–Maruyama.
	Exponential bool
	// Lyapunov also estimates the largest Lyapunov exponent from a tangent vector of run 0.
	Lyapunov bool
	// AutocorrLags > 0 records the population autocorrelation of h (run 0) at lags
	// 0, AutocorrStep, …, AutocorrLags·AutocorrStep (AutocorrStep default 0.5, rounded to steps).
	AutocorrLags int
	AutocorrStep float64
	// Seed makes the simulation deterministic: J uses one stream, each run its own.
	Seed uint64
	// Progress, if set, is called after each recorded window (step = windows done per run).
	Progress func(step, total int, metrics map[string]float64)
}

// SimResult holds the recorded window averages and diagnostics.
type SimResult struct {
	J *mat.Dense
	// Rates and Currents are (Runs·Windows)×N window averages of r = φ(h) and of h.
	Rates, Currents *mat.Dense
	// Alpha = N/(M−1) is the sampling ratio of the M = Runs·Windows windows (mean removed).
	Alpha float64
	// MeanSlope is ⟨φ'(h)⟩ over neurons, runs and recorded time; GEff = G·MeanSlope.
	MeanSlope, GEff float64
	// Delta0 is the population-averaged variance of h over recorded time.
	Delta0 float64
	// Lyapunov is the largest Lyapunov exponent (per time unit) when requested.
	Lyapunov float64
	// Autocorr is the normalised population autocorrelation of h at lags AutocorrLag.
	Autocorr, AutocorrLag []float64
}

func (c *SimConfig) defaults() error {
	if c.J != nil {
		r, k := c.J.Dims()
		if r != k {
			return fmt.Errorf("covspec: J is %d×%d, must be square", r, k)
		}
		if c.N == 0 {
			c.N = r
		}
		if c.N != r {
			return fmt.Errorf("covspec: N = %d but J is %d×%d", c.N, r, r)
		}
	}
	if c.Tau == 0 {
		c.Tau = 1
	}
	if c.Dt == 0 {
		c.Dt = 0.1
	}
	if c.Warmup == 0 {
		c.Warmup = 50
	}
	if c.Runs == 0 {
		c.Runs = 4
	}
	if c.Windows == 0 {
		c.Windows = 100
	}
	if c.WindowLen == 0 {
		c.WindowLen = 10
	}
	if c.InitStd == 0 {
		c.InitStd = 1
	}
	if c.AutocorrStep == 0 {
		c.AutocorrStep = 0.5
	}
	for _, v := range []struct {
		name string
		v    float64
	}{{"G", c.G}, {"Sigma", c.Sigma}, {"Tau", c.Tau}, {"Dt", c.Dt}, {"Warmup", c.Warmup}, {"WindowLen", c.WindowLen}, {"InitStd", c.InitStd}, {"AutocorrStep", c.AutocorrStep}} {
		if err := checkFinite(v.name, v.v); err != nil {
			return err
		}
	}
	switch {
	case c.N < 2:
		return fmt.Errorf("covspec: N = %d, need at least 2", c.N)
	case c.Sigma < 0:
		return fmt.Errorf("covspec: Sigma = %v must be >= 0", c.Sigma)
	case c.Tau <= 0 || c.Dt <= 0 || c.Warmup < 0 || c.WindowLen <= 0 || c.InitStd < 0:
		return fmt.Errorf("covspec: Tau, Dt, WindowLen must be > 0 and Warmup, InitStd >= 0")
	case c.Dt > c.WindowLen:
		return fmt.Errorf("covspec: Dt = %v exceeds WindowLen = %v", c.Dt, c.WindowLen)
	case c.Runs < 1 || c.Windows < 1:
		return fmt.Errorf("covspec: Runs = %d and Windows = %d must be >= 1", c.Runs, c.Windows)
	case c.Runs*c.Windows < 2:
		return fmt.Errorf("covspec: Runs·Windows = %d, need at least 2 windows", c.Runs*c.Windows)
	case c.AutocorrLags < 0:
		return fmt.Errorf("covspec: AutocorrLags = %d must be >= 0", c.AutocorrLags)
	case c.Phi.F != nil && c.Phi.Deriv == nil:
		return fmt.Errorf("covspec: Phi.Deriv is nil")
	}
	return nil
}

// streams derives independent random streams from the seed.
func stream(seed uint64, k int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15+uint64(k)))
}

// Simulate runs the network described by cfg. The result depends only on cfg (and Seed).
func Simulate(ctx context.Context, cfg SimConfig) (*SimResult, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	n, b := cfg.N, cfg.Runs
	j := cfg.J
	if j == nil {
		var err error
		if j, err = RandomConnectivity(n, cfg.G, 0, stream(cfg.Seed, 0)); err != nil {
			return nil, err
		}
	}
	rows := b
	if cfg.Lyapunov {
		rows++ // the tangent vector δ rides along as one more row
	}
	h := mat.NewDense(rows, n, nil)
	r := mat.NewDense(rows, n, nil)
	u := mat.NewDense(rows, n, nil)
	rngs := make([]*rand.Rand, b)
	for k := range b {
		rngs[k] = stream(cfg.Seed, k+1)
		row := h.RawRowView(k)
		for i := range row {
			row[i] = cfg.InitStd * rngs[k].NormFloat64()
		}
	}
	var delta []float64
	if cfg.Lyapunov {
		delta = h.RawRowView(b)
		rl := stream(cfg.Seed, b+1)
		for i := range delta {
			delta[i] = rl.NormFloat64() / math.Sqrt(float64(n))
		}
	}

	a := cfg.Dt / cfg.Tau
	keep, gain, noise := 1-a, a, cfg.Sigma*math.Sqrt(a) // h ← keep·h + gain·Jφ(h) + noise·ε
	if cfg.Exponential {
		keep = math.Exp(-a)
		gain = 1 - keep
		noise = cfg.Sigma * math.Sqrt((1-keep*keep)/2)
	}
	phi := cfg.Phi
	stepsPerWin := max(1, int(math.Round(cfg.WindowLen/cfg.Dt)))
	warm := int(math.Round(cfg.Warmup / cfg.Dt))
	acStride := max(1, int(math.Round(cfg.AutocorrStep/cfg.Dt)))

	res := &SimResult{J: j, Rates: mat.NewDense(b*cfg.Windows, n, nil), Currents: mat.NewDense(b*cfg.Windows, n, nil)}
	sumR := make([]float64, b*n)
	sumH := make([]float64, b*n)
	var slopeSum, hSum, h2Sum, logGrowth float64
	var recSteps int
	ac := newAutocorr(n, cfg.AutocorrLags)

	// step advances every row by dt; record adds to the window and slope accumulators.
	step := func(record bool) {
		hr, rr, ur := h.RawMatrix(), r.RawMatrix(), u.RawMatrix()
		for k := range b {
			hk := hr.Data[k*hr.Stride : k*hr.Stride+n]
			rk := rr.Data[k*rr.Stride : k*rr.Stride+n]
			if phi.linear() {
				copy(rk, hk)
			} else {
				for i, v := range hk {
					rk[i] = phi.F(v)
				}
			}
		}
		if cfg.Lyapunov { // row b of r: φ'(h₀) ⊙ δ
			h0 := hr.Data[:n]
			r0 := rr.Data[:n]
			rd := rr.Data[b*rr.Stride : b*rr.Stride+n]
			for i := range rd {
				rd[i] = slope(phi, h0[i], r0[i]) * delta[i]
			}
		}
		mulRJt(u, r, j)
		for k := range b {
			hk := hr.Data[k*hr.Stride : k*hr.Stride+n]
			rk := rr.Data[k*rr.Stride : k*rr.Stride+n]
			uk := ur.Data[k*ur.Stride : k*ur.Stride+n]
			if record {
				sr := sumR[k*n : (k+1)*n]
				sh := sumH[k*n : (k+1)*n]
				for i, v := range hk {
					sr[i] += rk[i]
					sh[i] += v
					slopeSum += slope(phi, v, rk[i])
					hSum += v
					h2Sum += v * v
				}
			}
			rng := rngs[k]
			for i, v := range hk {
				hk[i] = keep*v + gain*uk[i] + noise*rng.NormFloat64()
			}
		}
		if cfg.Lyapunov {
			ud := ur.Data[b*ur.Stride : b*ur.Stride+n]
			nrm := 0.0
			for i, v := range delta {
				delta[i] = keep*v + gain*ud[i]
				nrm += delta[i] * delta[i]
			}
			nrm = math.Sqrt(nrm)
			if record {
				logGrowth += math.Log(nrm)
			}
			for i := range delta {
				delta[i] /= nrm
			}
		}
		if record {
			recSteps++
			if ac != nil && recSteps%acStride == 0 {
				ac.add(hr.Data[:n])
			}
		}
	}

	for s := range warm {
		if s%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		step(false)
	}
	for w := range cfg.Windows {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for range stepsPerWin {
			step(true)
		}
		inv := 1 / float64(stepsPerWin)
		for k := range b {
			rowR := res.Rates.RawRowView(k*cfg.Windows + w)
			rowH := res.Currents.RawRowView(k*cfg.Windows + w)
			for i := range n {
				rowR[i] = sumR[k*n+i] * inv
				rowH[i] = sumH[k*n+i] * inv
				sumR[k*n+i], sumH[k*n+i] = 0, 0
			}
		}
		if cfg.Progress != nil {
			cnt := float64(recSteps) * float64(b*n)
			cfg.Progress(w+1, cfg.Windows, map[string]float64{"t": float64(w+1) * cfg.WindowLen, "slope": slopeSum / cnt})
		}
	}
	cnt := float64(recSteps) * float64(b*n)
	res.MeanSlope = slopeSum / cnt
	res.GEff = cfg.G * res.MeanSlope
	mh := hSum / cnt
	res.Delta0 = h2Sum/cnt - mh*mh
	m := b * cfg.Windows
	res.Alpha = float64(n) / float64(m-1)
	if cfg.Lyapunov {
		res.Lyapunov = logGrowth / (float64(recSteps) * cfg.Dt)
	}
	if ac != nil {
		res.Autocorr = ac.result()
		res.AutocorrLag = make([]float64, len(res.Autocorr))
		for l := range res.AutocorrLag {
			res.AutocorrLag[l] = float64(l*acStride) * cfg.Dt
		}
	}
	for _, v := range []float64{res.MeanSlope, res.Delta0, res.Lyapunov} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("covspec: simulation diverged (Dt = %v too large or network unstable)", cfg.Dt)
		}
	}
	return res, nil
}

// slope returns φ'(h), using r = φ(h) when that is cheaper.
func slope(phi Nonlinearity, h, r float64) float64 {
	switch {
	case phi.linear():
		return 1
	case phi.derivOfValue != nil:
		return phi.derivOfValue(r)
	}
	return phi.Deriv(h)
}
