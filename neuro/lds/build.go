package lds

import (
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/linalg"
)

// Rotation returns the 2×2 block radius·[cos θ −sin θ; sin θ cos θ]: a rotation by angle θ
// (radians per bin) that decays by the factor radius per bin. Its eigenvalues are radius·e^{±iθ}.
func Rotation(angle, radius float64) *mat.Dense {
	c, s := radius*math.Cos(angle), radius*math.Sin(angle)
	return mat.NewDense(2, 2, []float64{c, -s, s, c})
}

// NewModel returns a model with dynamics a (n×n), loading c (p×n), isotropic noise
// Q = stateNoise·I and R = obsNoise·I, zero offsets, Mu0 = 0 and P0 the stationary covariance
// of x (the identity when a is not stable).
func NewModel(a, c *mat.Dense, stateNoise, obsNoise float64) (*Model, error) {
	if a == nil || c == nil {
		return nil, fmt.Errorf("lds: NewModel needs a and c")
	}
	if !(stateNoise >= 0) || !(obsNoise > 0) {
		return nil, fmt.Errorf("lds: NewModel needs stateNoise ≥ 0 and obsNoise > 0 (got %v, %v)", stateNoise, obsNoise)
	}
	n, _ := a.Dims()
	p, _ := c.Dims()
	md := &Model{A: mat.DenseCopyOf(a), C: mat.DenseCopyOf(c), Q: mat.NewSymDense(n, nil), R: mat.NewSymDense(p, nil)}
	for i := range n {
		md.Q.SetSym(i, i, stateNoise)
	}
	for i := range p {
		md.R.SetSym(i, i, obsNoise)
	}
	md.P0 = mat.NewSymDense(n, nil)
	for i := range n {
		md.P0.SetSym(i, i, 1)
	}
	if err := md.Validate(); err != nil {
		return nil, err
	}
	if ok, _ := md.IsStable(); ok && stateNoise > 0 {
		p0, err := linalg.SolveDiscreteLyapunov(a, md.Q)
		if err == nil {
			md.P0 = p0
		}
	}
	return md, nil
}

// BlockDynamics returns the real block-diagonal matrix with the given eigenvalues: a 1×1 block
// per real eigenvalue and a block [a −b; b a] per conjugate pair a ± ib, in the order the
// eigenvalues with Im ≥ 0 appear. Complex eigenvalues must come with their conjugates.
func BlockDynamics(eigs []complex128) (*mat.Dense, error) {
	n := len(eigs)
	if n == 0 {
		return nil, fmt.Errorf("lds: eigs is empty")
	}
	used := make([]bool, n)
	a := mat.NewDense(n, n, nil)
	pos := 0
	for i, l := range eigs {
		if cmplx.IsNaN(l) || cmplx.IsInf(l) {
			return nil, fmt.Errorf("lds: eigs[%d] = %v is not finite", i, l)
		}
		if used[i] {
			continue
		}
		used[i] = true
		if imag(l) == 0 {
			a.Set(pos, pos, real(l))
			pos++
			continue
		}
		j := -1
		for k := i + 1; k < n; k++ {
			if !used[k] && eigs[k] == cmplx.Conj(l) {
				j = k
				break
			}
		}
		if j < 0 {
			return nil, fmt.Errorf("lds: eigs[%d] = %v has no conjugate partner", i, l)
		}
		used[j] = true
		re, im := real(l), math.Abs(imag(l))
		a.Set(pos, pos, re)
		a.Set(pos, pos+1, -im)
		a.Set(pos+1, pos, im)
		a.Set(pos+1, pos+1, re)
		pos += 2
	}
	return a, nil
}

// RandomEigenvalues draws n eigenvalues of a real matrix, uniform over the area of the annulus
// rmin ≤ |λ| ≤ rmax: conjugate pairs with angle uniform in (0, π), plus one real eigenvalue of
// random sign when n is odd.
func RandomEigenvalues(n int, rmin, rmax float64, rng *rand.Rand) ([]complex128, error) {
	if n < 1 {
		return nil, fmt.Errorf("lds: n = %d, need at least 1", n)
	}
	if !(rmin >= 0 && rmax >= rmin) {
		return nil, fmt.Errorf("lds: radii rmin = %v, rmax = %v, need 0 ≤ rmin ≤ rmax", rmin, rmax)
	}
	if rng == nil {
		return nil, fmt.Errorf("lds: rng is nil")
	}
	radius := func() float64 {
		return math.Sqrt(rmin*rmin + rng.Float64()*(rmax*rmax-rmin*rmin))
	}
	out := make([]complex128, 0, n)
	for len(out)+2 <= n {
		l := cmplx.Rect(radius(), math.Pi*rng.Float64())
		out = append(out, l, cmplx.Conj(l))
	}
	if len(out) < n {
		r := radius()
		if rng.IntN(2) == 0 {
			r = -r
		}
		out = append(out, complex(r, 0))
	}
	return out, nil
}

// RandomConfig describes a random stable model for RandomModel. Zero fields take the defaults
// noted.
type RandomConfig struct {
	States, Channels int     // n and p (required)
	Inputs           int     // m (0: none)
	MinRadius        float64 // smallest eigenvalue modulus of A (default 0)
	MaxRadius        float64 // largest eigenvalue modulus of A (default 0.95)
	StateNoise       float64 // Q = StateNoise·I (default 0.1)
	ObsNoise         float64 // R diagonal, entries uniform in [0.5, 1.5]·ObsNoise (default 1)
	Seed             uint64
}

// RandomModel returns a random stable model: A = O Λ Oᵀ with Λ = BlockDynamics of
// RandomEigenvalues and O a random orthogonal matrix, Gaussian C (and B, D with inputs), Gaussian
// offset, diagonal R, Mu0 = 0 and P0 the stationary covariance.
func RandomModel(cfg RandomConfig) (*Model, error) {
	n, p, m := cfg.States, cfg.Channels, cfg.Inputs
	if n < 1 || p < 1 || m < 0 {
		return nil, fmt.Errorf("lds: RandomConfig needs States ≥ 1, Channels ≥ 1, Inputs ≥ 0 (got %d, %d, %d)", n, p, m)
	}
	rmax := cfg.MaxRadius
	if rmax == 0 {
		rmax = 0.95
	}
	if rmax >= 1 {
		return nil, fmt.Errorf("lds: MaxRadius = %v, need < 1 for a stable model", rmax)
	}
	qs, rs := cfg.StateNoise, cfg.ObsNoise
	if qs == 0 {
		qs = 0.1
	}
	if rs == 0 {
		rs = 1
	}
	if qs < 0 || rs < 0 {
		return nil, fmt.Errorf("lds: noise scales must be positive (StateNoise %v, ObsNoise %v)", qs, rs)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	eigs, err := RandomEigenvalues(n, cfg.MinRadius, rmax, rng)
	if err != nil {
		return nil, err
	}
	blk, err := BlockDynamics(eigs)
	if err != nil {
		return nil, err
	}
	o := linalg.RandomOrthogonal(n, rng)
	a := mat.NewDense(n, n, nil)
	a.Product(o, blk, o.T())
	gauss := func(r, c int, scale float64) *mat.Dense {
		g := mat.NewDense(r, c, nil)
		for i := range r {
			for j := range c {
				g.Set(i, j, scale*rng.NormFloat64())
			}
		}
		return g
	}
	md := &Model{A: a, C: gauss(p, n, 1), Q: mat.NewSymDense(n, nil), R: mat.NewSymDense(p, nil),
		Dout: make([]float64, p), Mu0: make([]float64, n)}
	for i := range n {
		md.Q.SetSym(i, i, qs)
	}
	for i := range p {
		md.R.SetSym(i, i, rs*(0.5+rng.Float64()))
		md.Dout[i] = rng.NormFloat64()
	}
	if m > 0 {
		md.B = gauss(n, m, 1/math.Sqrt(float64(n)))
		md.D = gauss(p, m, 1/math.Sqrt(float64(m)))
	}
	md.P0, err = linalg.SolveDiscreteLyapunov(a, md.Q)
	if err != nil {
		return nil, err
	}
	return md, nil
}
