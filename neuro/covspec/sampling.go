package covspec

import (
	"fmt"
	"math"
)

// TimeSampled is the spectrum of the sample covariance of M independent windows of an N-neuron
// i.i.d. network, α = N/M (Hu & Sompolinsky 2022, temporal sampling). For α > 1 the covariance has
// N − M zero eigenvalues; TimeSampled is then the density of the M non-zero ones, normalised to
// mass 1, with mean α/(1 − g²). Create it with NewTimeSampled.
type TimeSampled struct {
	G, Alpha float64
}

// NewTimeSampled returns the time-sampled spectrum at gain g ∈ (0,1) and α = N/M > 0.
func NewTimeSampled(g, alpha float64) (TimeSampled, error) {
	if err := checkG(g, 1); err != nil {
		return TimeSampled{}, err
	}
	if err := checkFinite("alpha", alpha); err != nil {
		return TimeSampled{}, err
	}
	if alpha <= 0 {
		return TimeSampled{}, fmt.Errorf("covspec: alpha = %v must be > 0", alpha)
	}
	return TimeSampled{G: g, Alpha: alpha}, nil
}

// Density returns p(x) from (u+α)²s³ + [2u + 2α + αu(1−ν) + α²]s² + [1 + u(1−ν) + 2α]s + 1 = 0,
// u = g²x, ν = 1/g²: p = g² max Im(−(s+1)/u)/π = |Im s|/(πx), times α when α > 1.
func (t TimeSampled) Density(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return 0
	}
	g2 := t.G * t.G
	u := g2 * x
	nu := 1 / g2
	a := t.Alpha
	l := (u + a) * (u + a)
	im := cubicImag((2*u+2*a+a*u*(1-nu)+a*a)/l, (1+u*(1-nu)+2*a)/l, 1/l)
	p := im / (math.Pi * x)
	if a > 1 {
		p *= a
	}
	return p
}

// Support returns the edges: the two largest real roots in u of A₃u³ + A₂u² + A₁u + A₀ = 0,
// divided by g², polished by bisection on where the density switches on (the cubic is
// ill-conditioned as g → 1).
func (t TimeSampled) Support() (lo, hi float64) {
	nu := 1 / (t.G * t.G)
	a := t.Alpha
	n1 := nu - 1
	A3 := 4 * n1 * n1 * n1
	A2 := 1 - 20*nu - 8*nu*nu + a*a*n1*n1*n1*n1 + 2*a*n1*n1*(2*nu-5)
	A1 := -2 * (-2*nu + a*a*a*n1*n1*n1 + a*(-1+15*nu+4*nu*nu) + a*a*(4-10*nu+5*nu*nu+nu*nu*nu))
	A0 := a * (1 - a) * (1 - a) * (4*nu + a*n1*n1)
	r := cubicRealRoots(A2/A3, A1/A3, A0/A3)
	g2 := t.G * t.G
	if len(r) < 3 {
		// Degenerate (α → 0): fall back to the unsampled edges.
		return IIDSupport(t.G)
	}
	lo, hi = math.Max(0, r[1]/g2), r[2]/g2
	return polishEdges(t.Density, lo, hi, t.Mean())
}

// Mean returns 1/(1 − g²), times α when α > 1 (mean of the non-zero eigenvalues).
func (t TimeSampled) Mean() float64 {
	m := 1 / (1 - t.G*t.G)
	if t.Alpha > 1 {
		m *= t.Alpha
	}
	return m
}

// TimeSampledDimension returns PR/N = D₀/(1 + αD₀), D₀ = (1 − g²)², for the sample covariance
// of M = N/α windows (zeros included).
func TimeSampledDimension(g, alpha float64) float64 {
	d0 := IIDDimension(g)
	return d0 / (1 + alpha*d0)
}

// SpaceSampled is the spectrum of the covariance of N_s = fN randomly chosen neurons of an
// i.i.d. network (Hu & Sompolinsky 2022, spatial sampling). Create it with NewSpaceSampled.
type SpaceSampled struct {
	G, F float64

	lo, hi float64
}

// NewSpaceSampled returns the subsampled spectrum at gain g ∈ (0,1) and fraction f ∈ (0, 1].
func NewSpaceSampled(g, f float64) (*SpaceSampled, error) {
	if err := checkG(g, 1); err != nil {
		return nil, err
	}
	if err := checkFinite("f", f); err != nil {
		return nil, err
	}
	if f <= 0 || f > 1 {
		return nil, fmt.Errorf("covspec: f = %v must lie in (0, 1]", f)
	}
	s := &SpaceSampled{G: g, F: f}
	if f == 1 {
		s.lo, s.hi = IIDSupport(g)
		return s, nil
	}
	// Eigenvalues of a principal submatrix interlace those of the full matrix.
	lo, hi := IIDSupport(g)
	l, h, err := scanSupport(s.quintic, lo*0.5, hi*2)
	if err != nil {
		return nil, err
	}
	s.lo, s.hi = l, h
	return s, nil
}

// Density returns p(x).
func (s *SpaceSampled) Density(x float64) float64 {
	if x < s.lo || x > s.hi {
		return 0
	}
	if s.F == 1 {
		return IID{G: s.G}.Density(x)
	}
	return s.quintic(x)
}

// quintic evaluates p = g² max Im(s)/π over the roots of c₅s⁵ + … + c₀ = 0 with u = g²x,
// r = (1−f)/f, ν = 1/g².
func (s *SpaceSampled) quintic(x float64) float64 {
	if !(x > 0) {
		return 0
	}
	g2 := s.G * s.G
	u := g2 * x
	nu := 1 / g2
	f := s.F
	r := (1 - f) / f
	c5 := -f * f * f * u * u * u * u * u
	c4 := f * f * u * u * u * (2 + f*(2*r-3)*u)
	c3 := -f * u * (1 + (1-nu)*u + 2*f*(r-2)*u + f*f*(3-6*r+r*r)*u*u)
	c2 := 1 + f*f*(2-4*r)*u - f*f*f*(1-6*r+3*r*r)*u*u - f*(1+(nu-1)*(r-1)*u)
	c1 := -f * r * (2*f - 1 + nu + f*f*(3*r-2)*u)
	c0 := -f * f * f * r * r
	return g2 * maxImag(polyRoots([]float64{c5, c4, c3, c2, c1, c0})) / math.Pi
}

// Support returns the support edges (located numerically).
func (s *SpaceSampled) Support() (lo, hi float64) { return s.lo, s.hi }

// Mean returns 1/(1 − g²) (subsampling leaves the mean unchanged).
func (s *SpaceSampled) Mean() float64 { return 1 / (1 - s.G*s.G) }

// SpaceSampledDimension returns PR/N_s = D₀/(f + (1−f)D₀), D₀ = (1 − g²)².
func SpaceSampledDimension(g, f float64) float64 {
	d0 := IIDDimension(g)
	return d0 / (f + (1-f)*d0)
}
