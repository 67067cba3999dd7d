package cropldm

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/neurodyn/neurodyn/neuro/linalg"
	"github.com/neurodyn/neurodyn/neuro/ssid"
	"gonum.org/v1/gonum/mat"
)

// SimConfig describes the three-block simulation: cross-population states drive both
// populations, within-source states the source only, within-target states the target only.
type SimConfig struct {
	NSource, NTarget                     int     // channels (default 30 and 20)
	NCross, NWithinSource, NWithinTarget int     // latent states per block (default 3, 3, 4)
	WithinGain                           float64 // scale of the within-population loadings (default 1)
	NoiseFrac                            float64 // observation noise variance / signal variance per channel (default 1)
	PoleMin, PoleMax                     float64 // pole magnitudes drawn uniformly in [PoleMin, PoleMax] (default 0.5, 0.99)
	ComplexFrac                          float64 // probability that a pole pair is complex (default 0.75)
	Seed                                 uint64
}

func (c SimConfig) withDefaults() SimConfig {
	if c.NSource == 0 {
		c.NSource = 30
	}
	if c.NTarget == 0 {
		c.NTarget = 20
	}
	if c.NCross == 0 && c.NWithinSource == 0 && c.NWithinTarget == 0 {
		c.NCross, c.NWithinSource, c.NWithinTarget = 3, 3, 4
	}
	if c.WithinGain == 0 {
		c.WithinGain = 1
	}
	if c.NoiseFrac == 0 {
		c.NoiseFrac = 1
	}
	if c.PoleMin == 0 && c.PoleMax == 0 {
		c.PoleMin, c.PoleMax = 0.5, 0.99
	}
	if c.ComplexFrac == 0 {
		c.ComplexFrac = 0.75
	}
	return c
}

// ThreeBlock is a simulated source/target system. The latent state is [x_c; x_s; x_t] with
// block-diagonal dynamics A = diag(Ac, As, At) (scaled rotations for complex pairs) and state
// noise variance 1 − |λ|² per state, so every latent state has unit stationary variance and
// the loadings alone set which block dominates:
//
//	source = Csc x_c + Css x_s + v,   target = Ctc x_c + Ctt x_t + e.
type ThreeBlock struct {
	Cfg                       SimConfig
	A                         *mat.Dense // full (n_c+n_s+n_t) dynamics
	QDiag                     []float64  // state noise variances
	CSource, CTarget          *mat.Dense // readouts of the full state
	NoiseSource, NoiseTarget  []float64  // observation noise variances
	CrossEig, WithinSourceEig []complex128
	WithinTargetEig           []complex128
	nc, ns, nt                int
}

// NewThreeBlock draws a random three-block system.
func NewThreeBlock(cfg SimConfig) (*ThreeBlock, error) {
	cfg = cfg.withDefaults()
	switch {
	case cfg.NSource < 1 || cfg.NTarget < 1:
		return nil, fmt.Errorf("cropldm: NSource = %d and NTarget = %d must be positive", cfg.NSource, cfg.NTarget)
	case cfg.NCross < 0 || cfg.NWithinSource < 0 || cfg.NWithinTarget < 0:
		return nil, fmt.Errorf("cropldm: block sizes must be ≥ 0")
	case !(cfg.PoleMin >= 0 && cfg.PoleMin <= cfg.PoleMax && cfg.PoleMax < 1):
		return nil, fmt.Errorf("cropldm: pole range [%v, %v] must lie in [0, 1)", cfg.PoleMin, cfg.PoleMax)
	case !(cfg.NoiseFrac > 0) || !(cfg.WithinGain > 0):
		return nil, fmt.Errorf("cropldm: NoiseFrac and WithinGain must be positive")
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xc201d))
	s := &ThreeBlock{Cfg: cfg, nc: cfg.NCross, ns: cfg.NWithinSource, nt: cfg.NWithinTarget}
	s.CrossEig = drawPoles(rng, s.nc, cfg)
	s.WithinSourceEig = drawPoles(rng, s.ns, cfg)
	s.WithinTargetEig = drawPoles(rng, s.nt, cfg)
	n := s.nc + s.ns + s.nt
	s.A = mat.NewDense(max(n, 1), max(n, 1), nil)
	off := 0
	for _, eig := range [][]complex128{s.CrossEig, s.WithinSourceEig, s.WithinTargetEig} {
		b := poleBlock(eig)
		for r := range eig {
			for c := range eig {
				s.A.Set(off+r, off+c, b.At(r, c))
			}
		}
		off += len(eig)
	}
	s.CSource = mat.NewDense(cfg.NSource, n, nil)
	s.CTarget = mat.NewDense(cfg.NTarget, n, nil)
	for r := range cfg.NSource {
		for c := range s.nc + s.ns {
			g := 1.0
			if c >= s.nc {
				g = cfg.WithinGain
			}
			s.CSource.Set(r, c, g*rng.NormFloat64())
		}
	}
	for r := range cfg.NTarget {
		for c := range n {
			switch {
			case c < s.nc:
				s.CTarget.Set(r, c, rng.NormFloat64())
			case c >= s.nc+s.ns:
				s.CTarget.Set(r, c, cfg.WithinGain*rng.NormFloat64())
			}
		}
	}
	for _, eig := range [][]complex128{s.CrossEig, s.WithinSourceEig, s.WithinTargetEig} {
		for _, l := range eig {
			s.QDiag = append(s.QDiag, 1-real(l)*real(l)-imag(l)*imag(l))
		}
	}
	xcov, err := linalg.SolveDiscreteLyapunov(s.A, diagSym(s.QDiag))
	if err != nil {
		return nil, err
	}
	s.NoiseSource = noiseFor(s.CSource, xcov, cfg.NoiseFrac)
	s.NoiseTarget = noiseFor(s.CTarget, xcov, cfg.NoiseFrac)
	return s, nil
}

// Sample draws one trial of T samples (after a burn-in from the stationary regime) with its
// own random stream.
func (s *ThreeBlock) Sample(T int, seed uint64) (source, target *mat.Dense, err error) {
	if T < 1 {
		return nil, nil, fmt.Errorf("cropldm: T = %d samples, need at least 1", T)
	}
	rng := rand.New(rand.NewPCG(seed, 0x5a3b1e))
	x := simulateLDS(rng, s.A, s.QDiag, T)
	source = observe(rng, x, s.CSource, s.NoiseSource)
	target = observe(rng, x, s.CTarget, s.NoiseTarget)
	return source, target, nil
}

// Truth returns the true model as a CroP-LDM: the Kalman filter of the source model (cross and
// within-source states) with the target read out of the cross states. Its predictions are the
// ideal linear predictions of the target from the source.
func (s *ThreeBlock) Truth() (*Model, error) {
	n := s.nc + s.ns
	a := mat.DenseCopyOf(s.A.Slice(0, n, 0, n))
	cy := mat.DenseCopyOf(s.CSource.Slice(0, s.CSource.RawMatrix().Rows, 0, n))
	cz := mat.NewDense(s.Cfg.NTarget, n, nil)
	for r := range s.Cfg.NTarget {
		for c := range s.nc {
			cz.Set(r, c, s.CTarget.At(r, c))
		}
	}
	return truthModel(a, cy, cz, s.QDiag[:n], s.NoiseSource, s.nc)
}

// truthModel builds a Model from known parameters with diagonal state and source noise and no
// target noise correlation with the source, so that L = Cz Kf.
func truthModel(a, cy, cz *mat.Dense, qdiag, noise []float64, n1 int) (*Model, error) {
	n, _ := a.Dims()
	ny, _ := cy.Dims()
	nz, _ := cz.Dims()
	r := mat.NewSymDense(ny, nil)
	for k, v := range noise {
		r.SetSym(k, k, v)
	}
	sys := &ssid.Model{A: a, Cy: cy, Cz: cz, Q: diagSym(qdiag), R: r, S: mat.NewDense(n, ny, nil),
		YMean: make([]float64, ny), ZMean: make([]float64, nz), N1: n1}
	kg, err := linalg.SteadyStateKalman(sys.A, sys.Cy, sys.Q, sys.R, sys.S)
	if err != nil {
		return nil, err
	}
	sys.K, sys.Kf, sys.P, sys.InnovCov = kg.K, kg.Kf, kg.P, kg.Innov
	if sys.XCov, err = linalg.SolveDiscreteLyapunov(a, sys.Q); err != nil {
		return nil, err
	}
	m := &Model{Sys: sys, N1: n1}
	m.L = mat.NewDense(nz, ny, nil)
	m.L.Mul(cz, kg.Kf)
	if err := m.smootherGain(); err != nil {
		return nil, err
	}
	return m, nil
}

// drawPoles draws n eigenvalues: pairs are complex conjugates with probability ComplexFrac
// (angle uniform in (0, π)), otherwise real with random sign; magnitudes uniform in range.
func drawPoles(rng *rand.Rand, n int, cfg SimConfig) []complex128 {
	var out []complex128
	mag := func() float64 { return cfg.PoleMin + (cfg.PoleMax-cfg.PoleMin)*rng.Float64() }
	for len(out) < n {
		if n-len(out) >= 2 && rng.Float64() < cfg.ComplexFrac {
			r, th := mag(), math.Pi*(0.02+0.96*rng.Float64())
			out = append(out, complex(r*math.Cos(th), r*math.Sin(th)), complex(r*math.Cos(th), -r*math.Sin(th)))
			continue
		}
		r := mag()
		if rng.Float64() < 0.5 {
			r = -r
		}
		out = append(out, complex(r, 0))
	}
	return out
}

// poleBlock returns a real block-diagonal matrix with the given eigenvalues (conjugate pairs
// adjacent, as drawPoles makes them).
func poleBlock(eig []complex128) *mat.Dense {
	n := len(eig)
	b := mat.NewDense(max(n, 1), max(n, 1), nil)
	for k := 0; k < n; k++ {
		re, im := real(eig[k]), imag(eig[k])
		if im != 0 && k+1 < n {
			b.Set(k, k, re)
			b.Set(k, k+1, -im)
			b.Set(k+1, k, im)
			b.Set(k+1, k+1, re)
			k++
			continue
		}
		b.Set(k, k, re)
	}
	return b
}

func diagSym(d []float64) *mat.SymDense {
	s := mat.NewSymDense(max(len(d), 1), nil)
	for k, v := range d {
		s.SetSym(k, k, v)
	}
	return s
}

// noiseFor returns frac·diag(C Σx Cᵀ) (with a floor for channels without signal).
func noiseFor(c *mat.Dense, xcov *mat.SymDense, frac float64) []float64 {
	var cs mat.Dense
	cs.Mul(c, xcov)
	r, _ := c.Dims()
	out := make([]float64, r)
	for k := range r {
		out[k] = frac * math.Max(mat.Dot(cs.RowView(k), c.RowView(k)), 1e-3)
	}
	return out
}

// simulateLDS returns T states of x_{k+1} = A x_k + w_k, w ~ N(0, diag(q)), after a burn-in.
func simulateLDS(rng *rand.Rand, a *mat.Dense, q []float64, T int) *mat.Dense {
	n, _ := a.Dims()
	sd := make([]float64, n)
	for k := range n {
		sd[k] = math.Sqrt(q[k])
	}
	x := mat.NewDense(T, n, nil)
	cur, nxt := make([]float64, n), make([]float64, n)
	ad := a.RawMatrix()
	for t := -1000; t < T; t++ {
		if t >= 0 {
			copy(x.RawRowView(t), cur)
		}
		for r := range n {
			v := sd[r] * rng.NormFloat64()
			row := ad.Data[r*ad.Stride : r*ad.Stride+n]
			for c, xv := range cur {
				v += row[c] * xv
			}
			nxt[r] = v
		}
		cur, nxt = nxt, cur
	}
	return x
}

// observe returns x Cᵀ plus independent Gaussian noise with the given variances.
func observe(rng *rand.Rand, x, c *mat.Dense, noise []float64) *mat.Dense {
	var y mat.Dense
	y.Mul(x, c.T())
	T, n := y.Dims()
	sd := make([]float64, n)
	for k, v := range noise {
		sd[k] = math.Sqrt(v)
	}
	for t := range T {
		row := y.RawRowView(t)
		for k := range n {
			row[k] += sd[k] * rng.NormFloat64()
		}
	}
	return &y
}
