package ssid

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// block2 returns a 2×2 block with eigenvalues r·e^{±iθ}.
func rot(r, theta float64) [4]float64 {
	c, s := r*math.Cos(theta), r*math.Sin(theta)
	return [4]float64{c, -s, s, c}
}

type testSys struct {
	a, cy, cz   *mat.Dense
	q, ry, rz   float64
	aEps, czEps *mat.Dense // within-z dynamics
}

// psidExample is the PSID example structure: 2 prioritized states (poles 0.893±0.239j) read
// by y and z, 2 y-only states (poles ±0.94j) and a 2-state z-only process (−0.672±0.672j).
func psidExample(rng *rand.Rand) testSys {
	a := mat.NewDense(4, 4, nil)
	b1 := rot(math.Hypot(0.893, 0.239), math.Atan2(0.239, 0.893))
	b2 := rot(0.94, math.Pi/2)
	for r := range 2 {
		for c := range 2 {
			a.Set(r, c, b1[2*r+c])
			a.Set(2+r, 2+c, b2[2*r+c])
		}
	}
	cy := randMat(rng, 2, 4)
	cz := randMat(rng, 2, 4)
	cz.Set(0, 2, 0)
	cz.Set(0, 3, 0)
	cz.Set(1, 2, 0)
	cz.Set(1, 3, 0)
	ae := mat.NewDense(2, 2, nil)
	be := rot(0.672*math.Sqrt2, 3*math.Pi/4)
	ae.SetRawMatrix(mat.NewDense(2, 2, be[:]).RawMatrix())
	return testSys{a: a, cy: cy, cz: cz, q: 1, ry: 1, rz: 1, aEps: ae, czEps: randMat(rng, 2, 2)}
}

func randMat(rng *rand.Rand, r, c int) *mat.Dense {
	m := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			m.Set(i, j, rng.NormFloat64())
		}
	}
	return m
}

// simulate draws T samples (after a burn-in) of y and z.
func (s testSys) simulate(rng *rand.Rand, T int) (y, z *mat.Dense) {
	nx, _ := s.a.Dims()
	ny, _ := s.cy.Dims()
	nz, _ := s.cz.Dims()
	ne, _ := s.aEps.Dims()
	x := make([]float64, nx)
	xe := make([]float64, ne)
	y = mat.NewDense(T, ny, nil)
	z = mat.NewDense(T, nz, nil)
	nxt := make([]float64, nx)
	nxe := make([]float64, ne)
	sq, sy, sz := math.Sqrt(s.q), math.Sqrt(s.ry), math.Sqrt(s.rz)
	for t := -500; t < T; t++ {
		if t >= 0 {
			for r := range ny {
				v := sy * rng.NormFloat64()
				for c := range nx {
					v += s.cy.At(r, c) * x[c]
				}
				y.Set(t, r, v)
			}
			for r := range nz {
				v := sz * rng.NormFloat64()
				for c := range nx {
					v += s.cz.At(r, c) * x[c]
				}
				for c := range ne {
					v += s.czEps.At(r, c) * xe[c]
				}
				z.Set(t, r, v)
			}
		}
		for r := range nx {
			v := sq * rng.NormFloat64()
			for c := range nx {
				v += s.a.At(r, c) * x[c]
			}
			nxt[r] = v
		}
		for r := range ne {
			v := rng.NormFloat64()
			for c := range ne {
				v += s.aEps.At(r, c) * xe[c]
			}
			nxe[r] = v
		}
		copy(x, nxt)
		copy(xe, nxe)
	}
	return y, z
}

// ideal returns the true model as a Model (z readout of the true states, Kalman filter of the
// true y model), the best linear causal predictor of z from y's past.
func (s testSys) ideal() (*Model, error) {
	nx, _ := s.a.Dims()
	ny, _ := s.cy.Dims()
	nz, _ := s.cz.Dims()
	q := mat.NewSymDense(nx, nil)
	for k := range nx {
		q.SetSym(k, k, s.q)
	}
	r := mat.NewSymDense(ny, nil)
	for k := range ny {
		r.SetSym(k, k, s.ry)
	}
	m := &Model{A: s.a, Cy: s.cy, Cz: s.cz, Q: q, R: r, S: mat.NewDense(nx, ny, nil),
		YMean: make([]float64, ny), ZMean: make([]float64, nz)}
	return m, m.updateKalman()
}
