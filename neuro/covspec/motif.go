package covspec

import (
	"fmt"
	"math"
)

// Motif is the covariance spectrum for connectivity with reciprocal motifs,
// J = g[√(1−|κ|) G + √|κ| (A ± Aᵀ)], so that Var J_ij = g²/N and corr(J_ij, J_ji) = κ.
// The network is stable iff g(1 + κ) < 1 (and always for κ = −1). Create it with NewMotif.
type Motif struct {
	G, Kappa float64

	lo, hi float64 // support, located numerically for |κ| < 1
}

// NewMotif returns the reciprocal-motif spectrum. κ = 1 (symmetric, g < ½) and κ = −1
// (antisymmetric, any g) use closed forms; otherwise the density comes from a quartic.
func NewMotif(g, kappa float64) (*Motif, error) {
	if err := checkFinite("kappa", kappa); err != nil {
		return nil, err
	}
	if kappa < -1 || kappa > 1 {
		return nil, fmt.Errorf("covspec: kappa = %v must lie in [-1, 1]", kappa)
	}
	if err := checkG(g, math.Inf(1)); err != nil {
		return nil, err
	}
	if kappa > -1 && g*(1+kappa) >= 1 {
		return nil, fmt.Errorf("covspec: g(1+kappa) = %v must be < 1 for a stable network", g*(1+kappa))
	}
	m := &Motif{G: g, Kappa: kappa}
	switch kappa {
	case 1:
		m.lo, m.hi = 1/((1+2*g)*(1+2*g)), 1/((1-2*g)*(1-2*g))
	case -1:
		m.lo, m.hi = 1/(1+4*g*g), 1
	default:
		// No closed form for the edges: scan a generous logarithmic range.
		lo, hi, err := scanSupport(m.quartic, 1e-6, 1e9)
		if err != nil {
			return nil, err
		}
		m.lo, m.hi = lo, hi
	}
	return m, nil
}

// Density returns p(x).
func (m *Motif) Density(x float64) float64 {
	if x < m.lo || x > m.hi {
		return 0
	}
	g := m.G
	switch m.Kappa {
	case 1:
		v := (4*g*g-1)*x - 1 + 2*math.Sqrt(x)
		if v <= 0 {
			return 0
		}
		return math.Sqrt(v) / (4 * math.Pi * g * g * x * x)
	case -1:
		v := (4*g*g+1)*x - 1
		if v <= 0 || x >= 1 {
			return 0
		}
		return math.Sqrt(v) / (2 * math.Pi * g * g * x * x * math.Sqrt(1-x))
	}
	return m.quartic(x)
}

// quartic evaluates the density from β²y s⁴ + β(β+2)y s³ + [(2κ+3)y − ν + β²]s² + [y − ν + 2β]s + 1 = 0,
// β = 1+κ, y = 1/(g²x), ν = 1/g²; p = |Im s*|/(π g² x²) with s* the root of largest |Im| for
// κ ≤ 0 and of largest real part for κ > 0.
func (m *Motif) quartic(x float64) float64 {
	if !(x > 0) {
		return 0
	}
	g2 := m.G * m.G
	k := m.Kappa
	b := 1 + k
	y := 1 / (g2 * x)
	nu := 1 / g2
	roots := polyRoots([]float64{b * b * y, b * (b + 2) * y, (2*k+3)*y - nu + b*b, y - nu + 2*b, 1})
	var im float64
	if k <= 0 {
		im = maxImag(roots)
	} else {
		im = imagOfMaxReal(roots)
	}
	return im / math.Pi / (g2 * x * x)
}

// Support returns the support edges.
func (m *Motif) Support() (lo, hi float64) { return m.lo, m.hi }

// Mean returns μ = [2θ − 1 + √(1 − 4g²κ)] / [2(g² − θ²)], θ = g²(1+κ).
func (m *Motif) Mean() float64 { return MotifMean(m.G, m.Kappa) }

// MotifMean returns the mean eigenvalue for reciprocal-motif connectivity.
func MotifMean(g, kappa float64) float64 {
	if kappa == 0 {
		return 1 / (1 - g*g)
	}
	th := g * g * (1 + kappa)
	return (2*th - 1 + math.Sqrt(1-4*g*g*kappa)) / (2 * (g*g - th*th))
}

// MotifDimension returns PR/N = [μ(2g²μ + 1) − 2θμ(θμ + 1)] / [(θμ + 1)²(g²μ + 1)].
func MotifDimension(g, kappa float64) float64 {
	mu := MotifMean(g, kappa)
	th := g * g * (1 + kappa)
	g2 := g * g
	return (mu*(2*g2*mu+1) - 2*th*mu*(th*mu+1)) / ((th*mu + 1) * (th*mu + 1) * (g2*mu + 1))
}

// scanSupport finds the single interval on which density > 0 inside [a, b] by a logarithmic scan
// followed by bisection of both edges.
func scanSupport(density func(float64) float64, a, b float64) (lo, hi float64, err error) {
	const n = 600
	la, lb := math.Log(a), math.Log(b)
	first, last := -1, -1
	xs := make([]float64, n)
	for i := range n {
		xs[i] = math.Exp(la + (lb-la)*float64(i)/float64(n-1))
		if density(xs[i]) > 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first <= 0 || last < 0 || last >= n-1 {
		return 0, 0, fmt.Errorf("covspec: could not bracket the support in [%v, %v]", a, b)
	}
	edge := func(out, in float64) float64 { // density(out) = 0 < density(in)
		for range 80 {
			mid := math.Sqrt(out * in)
			if density(mid) > 0 {
				in = mid
			} else {
				out = mid
			}
		}
		return in
	}
	return edge(xs[first-1], xs[first]), edge(xs[last+1], xs[last]), nil
}

// polishEdges moves approximate support edges [lo, hi] onto the points where density switches
// on, by geometric bisection between just outside each edge and an interior point mid.
func polishEdges(density func(float64) float64, lo, hi, mid float64) (float64, float64) {
	const floor = 1e-20
	if density(mid) <= 0 {
		return lo, hi
	}
	bisect := func(out, in float64) float64 {
		for range 100 {
			m := math.Sqrt(out * in)
			if density(m) > 0 {
				in = m
			} else {
				out = m
			}
		}
		return out
	}
	out := lo / 1.5
	if lo <= 0 { // step down from mid to the first zero of the density
		for out = mid / 1.5; out > floor && density(out) > 0; out /= 1.5 {
		}
	}
	if out > floor && density(out) == 0 {
		lo = bisect(out, mid)
	}
	if out := hi * 1.5; density(out) == 0 {
		hi = bisect(out, mid)
	}
	return lo, hi
}
