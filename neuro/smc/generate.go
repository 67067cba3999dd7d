package smc

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Sample holds one generated trajectory.
type Sample struct {
	Z *mat.Dense // T×R latent states
	X *mat.Dense // T×Dx observations (sampled, with observation noise or Poisson counts)
	// Mean is the T×Dx noise-free observation mean (the rate for Poisson).
	Mean *mat.Dense
}

// Generate samples a trajectory of T steps from the model: z_0 ~ N(μ_0, Σ_0) (or z0 if not nil),
// then the stochastic transition and the observation model. u (T×Du) is required when the model
// has inputs. seed selects the random numbers.
func (m *Model) Generate(T int, z0 []float64, u *mat.Dense, seed uint64) (*Sample, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	c := m.Cfg
	if T < 1 {
		return nil, fmt.Errorf("smc: Generate: T = %d, want ≥ 1", T)
	}
	if z0 != nil && len(z0) != c.R {
		return nil, fmt.Errorf("smc: Generate: z0 has length %d, want R = %d", len(z0), c.R)
	}
	if c.Du > 0 {
		if u == nil {
			return nil, fmt.Errorf("smc: Generate: the model has Du = %d inputs but u is nil", c.Du)
		}
		if r, cc := u.Dims(); r < T || cc != c.Du {
			return nil, fmt.Errorf("smc: Generate: u is %d×%d, want at least %d×%d", r, cc, T, c.Du)
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e7))
	N, R, Dx := c.N, c.R, c.Dx
	a := m.Decay()
	lz, l0 := cholOf(m.PZ, m.LVZ, R), cholOf(m.P0, m.LV0, R)
	s := &Sample{Z: mat.NewDense(T, R, nil), X: mat.NewDense(T, Dx, nil), Mean: mat.NewDense(T, Dx, nil)}
	z := make([]float64, R)
	eps := make([]float64, R)
	draw := func(l []float64, dst []float64) {
		for i := range eps {
			eps[i] = rng.NormFloat64()
		}
		for i := range R {
			for j := 0; j <= i; j++ {
				dst[i] += l[i*R+j] * eps[j]
			}
		}
	}
	if z0 != nil {
		copy(z, z0)
	} else {
		copy(z, m.Mu0.Data())
		draw(l0, z)
	}
	v := make([]float64, c.Du)
	cur := make([]float64, N)
	next := make([]float64, R)
	M, Nw, h := m.M.Data(), m.Nw.Data(), m.H.Data()
	for t := range T {
		if c.Du > 0 {
			if c.InputFilter {
				if t > 0 {
					for j := range v {
						v[j] = a*v[j] + (1-a)*u.At(t-1, j)
					}
				}
			} else {
				copy(v, u.RawRowView(t))
			}
		}
		s.Z.SetRow(t, z)
		for i := range N {
			x := 0.0
			for r := range R {
				x += M[i*R+r] * z[r]
			}
			for j := range v {
				x += m.Wu.Value.At(i, j) * v[j]
			}
			cur[i] = x
		}
		m.observe(z, cur, s.Mean.RawRowView(t), s.X.RawRowView(t), rng)
		for r := range R {
			next[r] = a * z[r]
		}
		for i := range N {
			if ph, _, _ := phiOf(c.Phi, cur[i], h[i]); ph != 0 {
				for r := range R {
					next[r] += Nw[r*N+i] * ph
				}
			}
		}
		draw(lz, next)
		copy(z, next)
	}
	return s, nil
}

// observe writes the observation mean and a sample given the latent state and unit currents.
func (m *Model) observe(z, cur, mean, x []float64, rng *rand.Rand) {
	c := m.Cfg
	b := m.Bias.Data()
	for i := range c.Dx {
		var e float64
		if c.Readout == OneToOne {
			e = m.Gain.Data()[i]*cur[i] + b[i]
		} else {
			e = b[i]
			for r := range c.R {
				e += m.C.Value.At(r, i) * z[r]
			}
		}
		if c.Obs == Gaussian {
			mean[i] = e
			x[i] = e + math.Exp(m.LVX.Data()[i]/2)*rng.NormFloat64()
			continue
		}
		lam, _ := linkOf(c.Link, e)
		mean[i] = lam
		x[i] = poisson(lam, rng)
	}
}

// poisson draws a Poisson count by sequential inversion (exact; rates here are small) and, above
// rate 500, by the normal approximation rounded to a count.
func poisson(lam float64, rng *rand.Rand) float64 {
	if lam > 500 {
		return math.Max(0, math.Round(lam+math.Sqrt(lam)*rng.NormFloat64()))
	}
	u := rng.Float64()
	p := math.Exp(-lam)
	if p == 0 {
		return math.Max(0, math.Round(lam+math.Sqrt(lam)*rng.NormFloat64()))
	}
	k, cdf := 0.0, p
	for u > cdf && k < 10*lam+100 {
		k++
		p *= lam / k
		cdf += p
	}
	return k
}
