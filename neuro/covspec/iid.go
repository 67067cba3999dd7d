package covspec

import "math"

// IID is the covariance spectrum of a linear network with i.i.d. Gaussian connectivity
// J_ij ~ N(0, g²/N), C = (I − J)⁻¹(I − J)⁻ᵀ (Hu & Sompolinsky 2022). Create it with NewIID.
type IID struct {
	G float64 // connectivity gain, 0 < G < 1
}

// NewIID returns the i.i.d. spectrum at gain g ∈ (0, 1).
func NewIID(g float64) (IID, error) {
	if err := checkG(g, 1); err != nil {
		return IID{}, err
	}
	return IID{G: g}, nil
}

// Density returns p(x) in closed form: y = 1/(g²x) is an eigenvalue of (I−J)ᵀ(I−J)/g², whose
// density |Im s|/π comes from the non-real root s of y s³ + y s² + (1 − 1/g²) s − 1/g² = 0.
func (s IID) Density(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return 0
	}
	g2 := s.G * s.G
	y := 1 / (g2 * x)
	nu := 1 / g2
	im := cubicImag(1, (1-nu)/y, -nu/y)
	return im / math.Pi / (g2 * x * x)
}

// Support returns x± = [2 + 5g² − g⁴/4 ± (g/4)(8 + g²)^{3/2}] / [2(1 − g²)³].
func (s IID) Support() (lo, hi float64) {
	return IIDSupport(s.G)
}

// Mean returns 1/(1 − g²).
func (s IID) Mean() float64 { return 1 / (1 - s.G*s.G) }

// IIDSupport returns the support edges of the i.i.d. spectrum at gain g.
func IIDSupport(g float64) (lo, hi float64) {
	g2 := g * g
	a := 2 + 5*g2 - g2*g2/4
	b := g / 4 * math.Pow(8+g2, 1.5)
	d := 2 * math.Pow(1-g2, 3)
	return (a - b) / d, (a + b) / d
}

// IIDDimension returns the participation-ratio dimension per neuron, PR/N = (1 − g²)².
func IIDDimension(g float64) float64 {
	return (1 - g*g) * (1 - g*g)
}

// IIDSecondMoment returns E[x²] = 1/(1 − g²)⁴.
func IIDSecondMoment(g float64) float64 {
	return 1 / math.Pow(1-g*g, 4)
}

// CriticalTail returns the g → 1 power law p(x) ≈ (√3/2π) x^{−5/3}, valid for x₋ ≪ x ≪ x₊.
func CriticalTail(x float64) float64 {
	return math.Sqrt(3) / (2 * math.Pi) * math.Pow(x, -5.0/3)
}

// CriticalRank returns the g → 1 rank law: the k-th largest of n eigenvalues is about
// (4πk / (3√3 n))^{−3/2}, a line of slope −3/2 on log–log axes.
func CriticalRank(k, n int) float64 {
	return math.Pow(4*math.Pi*float64(k)/(3*math.Sqrt(3)*float64(n)), -1.5)
}
