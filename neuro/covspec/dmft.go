package covspec

import (
	"fmt"
	"math"
)

// DMFT is the dynamic mean-field solution of the noiseless network τ dh/dt = −h + Jφ(h),
// J_ij ~ N(0, g²/N), N → ∞.
type DMFT struct {
	// Delta0 is the stationary variance of h (0 below the chaos transition).
	Delta0 float64
	// GEff = g⟨φ'(h)⟩ is the effective (covariance) gain.
	GEff float64
	// JacobianRadius = g√⟨φ'(h)²⟩ is the spectral radius of the local Jacobian; > 1 in chaos.
	JacobianRadius float64
}

// DMFTChaos solves the Sompolinsky–Crisanti–Sommers condition Δ₀²/2 = g² Var_z[Φ(√Δ₀ z)],
// z ~ N(0,1), Φ' = φ, for the stationary variance Δ₀ of the chaotic state and returns
// g_eff = g E_z[φ'(√Δ₀ z)]. Below the transition (no positive root) Δ₀ = 0 and g_eff = gφ'(0).
func DMFTChaos(g float64, phi Nonlinearity) (DMFT, error) {
	if err := checkFinite("g", g); err != nil {
		return DMFT{}, err
	}
	if g <= 0 {
		return DMFT{}, fmt.Errorf("covspec: g = %v must be > 0", g)
	}
	if phi.Integral == nil || phi.Deriv == nil {
		return DMFT{}, fmt.Errorf("covspec: phi needs Deriv and Integral for DMFT")
	}
	q := newGaussQuad()
	expect := func(f func(float64) float64) float64 {
		s := 0.0
		for i, z := range q.z {
			s += q.w[i] * f(z)
		}
		return s
	}
	F := func(d float64) float64 {
		sd := math.Sqrt(d)
		m1 := expect(func(z float64) float64 { return phi.Integral(sd * z) })
		m2 := expect(func(z float64) float64 { v := phi.Integral(sd*z) - m1; return v * v })
		return g*g*m2 - d*d/2
	}
	res := DMFT{}
	lo := 1e-6
	if F(lo) > 0 {
		hi := 1.0
		for F(hi) > 0 {
			hi *= 2
			if hi > 1e8 {
				return DMFT{}, fmt.Errorf("covspec: DMFT variance did not converge for g = %v", g)
			}
		}
		for range 200 {
			mid := (lo + hi) / 2
			if F(mid) > 0 {
				lo = mid
			} else {
				hi = mid
			}
			if hi-lo < 1e-13*hi {
				break
			}
		}
		res.Delta0 = (lo + hi) / 2
	}
	sd := math.Sqrt(res.Delta0)
	res.GEff = g * expect(func(z float64) float64 { return phi.Deriv(sd * z) })
	res.JacobianRadius = g * math.Sqrt(expect(func(z float64) float64 { d := phi.Deriv(sd * z); return d * d }))
	return res, nil
}

// gaussQuad holds nodes and weights for E_z[f(z)], z ~ N(0,1): the trapezoid rule on
// z ∈ [−12, 12], spectrally accurate for smooth integrands with Gaussian decay, and fine enough
// (h = 0.004) to resolve φ'(√Δ₀ z) when Δ₀ is large.
type gaussQuad struct{ z, w []float64 }

func newGaussQuad() gaussQuad {
	const n = 6001
	q := gaussQuad{z: make([]float64, n), w: make([]float64, n)}
	h := 24.0 / (n - 1)
	for i := range q.z {
		q.z[i] = -12 + float64(i)*h
		q.w[i] = h * math.Exp(-q.z[i]*q.z[i]/2) / math.Sqrt(2*math.Pi)
	}
	return q
}
