package lowrank

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Simulate runs the latent model for steps transitions from z0 and returns the (steps+1)×R
// trajectory whose row 0 is z0. u (steps×d_u) holds the inputs u_0..u_{steps−1}; nil means zero
// inputs (and is required for a model without W). With rng == nil the run is noise-free; otherwise ε_t ~ N(0, L Lᵀ) is
// drawn from rng (a model without NoiseChol stays noise-free). Same rng seed, same trajectory.
func (m *Model) Simulate(z0 []float64, u *mat.Dense, steps int, rng *rand.Rand) (*mat.Dense, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	n, r, du := m.Dims()
	if len(z0) != r {
		return nil, fmt.Errorf("lowrank: z0 has length %d, want R = %d", len(z0), r)
	}
	if err := finiteVec("z0", z0); err != nil {
		return nil, err
	}
	if steps < 0 {
		return nil, fmt.Errorf("lowrank: steps = %d is negative", steps)
	}
	if err := checkInputs(u, steps, du); err != nil {
		return nil, err
	}
	out := mat.NewDense(steps+1, r, nil)
	out.SetRow(0, z0)
	var v, vnext []float64
	if du > 0 {
		v, vnext = make([]float64, du), make([]float64, du)
	}
	buf, eps, noise := make([]float64, n), make([]float64, r), make([]float64, r)
	for t := range steps {
		if du > 0 && u != nil {
			ut := u.RawRowView(t)
			if m.InputFilter {
				// v_t = a v_{t−1} + (1 − a) u_{t−1}; v_0 = 0.
				if t > 0 {
					up := u.RawRowView(t - 1)
					for k := range v {
						vnext[k] = m.Decay*v[k] + (1-m.Decay)*up[k]
					}
					copy(v, vnext)
				}
			} else {
				copy(v, ut)
			}
		}
		z := out.RawRowView(t)
		next := out.RawRowView(t + 1)
		m.Step(next, z, v, buf)
		if rng != nil && m.NoiseChol != nil {
			for k := range eps {
				eps[k] = rng.NormFloat64()
			}
			mat.NewVecDense(r, noise).MulVec(m.NoiseChol, mat.NewVecDense(r, eps))
			for k := range next {
				next[k] += noise[k]
			}
		}
	}
	return out, nil
}

func checkInputs(u *mat.Dense, steps, du int) error {
	if du == 0 {
		if u != nil {
			return fmt.Errorf("lowrank: inputs given but the model has no input weights")
		}
		return nil
	}
	if u == nil {
		return nil // zero inputs
	}
	ur, uc := u.Dims()
	if ur < steps || uc != du {
		return fmt.Errorf("lowrank: u is %d×%d, want at least steps×d_u = %d×%d", ur, uc, steps, du)
	}
	return finiteDense("u", u)
}
