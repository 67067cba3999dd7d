package covspec

import "math"

// Nonlinearity is a rate function φ with its derivative and (optionally) its antiderivative.
type Nonlinearity struct {
	Name string
	// F is φ; nil means the identity (a linear network).
	F func(float64) float64
	// Deriv is φ'.
	Deriv func(float64) float64
	// Integral is an antiderivative Φ of φ, needed only by DMFTChaos.
	Integral func(float64) float64

	// derivOfValue computes φ'(h) from r = φ(h) when cheaper (tanh: 1 − r²).
	derivOfValue func(r float64) float64
}

// Tanh returns φ = tanh, φ' = sech², Φ = ln cosh.
func Tanh() Nonlinearity {
	return Nonlinearity{
		Name:  "tanh",
		F:     math.Tanh,
		Deriv: func(h float64) float64 { t := math.Tanh(h); return 1 - t*t },
		Integral: func(h float64) float64 { // ln cosh h, overflow-safe
			a := math.Abs(h)
			return a + math.Log1p(math.Exp(-2*a)) - math.Ln2
		},
		derivOfValue: func(r float64) float64 { return 1 - r*r },
	}
}

// Linear returns φ(h) = h.
func Linear() Nonlinearity {
	return Nonlinearity{
		Name:     "linear",
		Deriv:    func(float64) float64 { return 1 },
		Integral: func(h float64) float64 { return h * h / 2 },
	}
}

func (p Nonlinearity) linear() bool { return p.F == nil }
