package lds

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// joint is the exact joint Gaussian of all states and observations of one short trial.
type joint struct {
	n, p, T int
	mu      []float64  // means of [x_0..x_{T−1}, y_0..y_{T−1}]
	cov     *mat.Dense // covariance of the same vector
}

func buildJoint(md *Model, u *mat.Dense, T int) *joint {
	n, p, _ := md.Dims()
	N := T * (n + p)
	j := &joint{n: n, p: p, T: T, mu: make([]float64, N), cov: mat.NewDense(N, N, nil)}
	xi := func(t, i int) int { return t*n + i }
	yi := func(t, i int) int { return T*n + t*p + i }
	// State means and covariances Cov(x_s, x_t).
	mx := mat.NewVecDense(n, append([]float64(nil), md.mean0()...))
	vx := mat.DenseCopyOf(md.P0)
	vars := make([]*mat.Dense, T)
	means := make([]*mat.VecDense, T)
	for t := range T {
		vars[t], means[t] = vx, mx
		nm := mat.NewVecDense(n, nil)
		nm.MulVec(md.A, mx)
		if md.B != nil {
			var bu mat.VecDense
			bu.MulVec(md.B, u.RowView(t))
			nm.AddVec(nm, &bu)
		}
		nv := mat.NewDense(n, n, nil)
		nv.Product(md.A, vx, md.A.T())
		nv.Add(nv, md.Q)
		mx, vx = nm, nv
	}
	cxx := func(s, t int) *mat.Dense { // Cov(x_s, x_t)
		if s >= t {
			c := mat.DenseCopyOf(vars[t])
			for range s - t {
				c.Mul(md.A, c)
			}
			return c
		}
		c := mat.DenseCopyOf(vars[s])
		for range t - s {
			c.Mul(c, md.A.T())
		}
		return c
	}
	d := md.offset()
	for t := range T {
		for i := range n {
			j.mu[xi(t, i)] = means[t].AtVec(i)
		}
		var ym mat.VecDense
		ym.MulVec(md.C, means[t])
		for i := range p {
			v := ym.AtVec(i) + d[i]
			if md.D != nil {
				v += mat.Dot(md.D.RowView(i), u.RowView(t))
			}
			j.mu[yi(t, i)] = v
		}
	}
	for s := range T {
		for t := range T {
			c := cxx(s, t)
			var cy, yy mat.Dense
			cy.Mul(c, md.C.T())
			yy.Mul(md.C, &cy)
			for a := range n {
				for b := range n {
					j.cov.Set(xi(s, a), xi(t, b), c.At(a, b))
				}
				for b := range p {
					j.cov.Set(xi(s, a), yi(t, b), cy.At(a, b))
					j.cov.Set(yi(t, b), xi(s, a), cy.At(a, b))
				}
			}
			for a := range p {
				for b := range p {
					v := yy.At(a, b)
					if s == t {
						v += md.R.At(a, b)
					}
					j.cov.Set(yi(s, a), yi(t, b), v)
				}
			}
		}
	}
	return j
}

// condition returns the mean and covariance of the states given the observed entries of y in
// rows 0..upto−1, and the log-density of those entries.
func (j *joint) condition(y *mat.Dense, upto int) (*mat.VecDense, *mat.Dense, float64) {
	nx := j.T * j.n
	var obs []int
	var vals []float64
	for t := range upto {
		for i := range j.p {
			if v := y.At(t, i); !math.IsNaN(v) {
				obs = append(obs, nx+t*j.p+i)
				vals = append(vals, v-j.mu[nx+t*j.p+i])
			}
		}
	}
	mean := mat.NewVecDense(nx, append([]float64(nil), j.mu[:nx]...))
	cov := mat.DenseCopyOf(j.cov.Slice(0, nx, 0, nx))
	if len(obs) == 0 {
		return mean, cov, 0
	}
	k := len(obs)
	soo := mat.NewSymDense(k, nil)
	sxo := mat.NewDense(nx, k, nil)
	for a, oa := range obs {
		for b, ob := range obs {
			soo.SetSym(a, b, j.cov.At(oa, ob))
		}
		for i := range nx {
			sxo.Set(i, a, j.cov.At(i, oa))
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(soo) {
		panic("joint covariance not PD")
	}
	e := mat.NewVecDense(k, vals)
	var w mat.VecDense
	_ = ch.SolveVecTo(&w, e)
	var dm mat.VecDense
	dm.MulVec(sxo, &w)
	mean.AddVec(mean, &dm)
	var sw mat.Dense
	_ = ch.SolveTo(&sw, sxo.T())
	var dc mat.Dense
	dc.Mul(sxo, &sw)
	cov.Sub(cov, &dc)
	ll := -0.5 * (float64(k)*math.Log(2*math.Pi) + ch.LogDet() + mat.Dot(e, &w))
	return mean, cov, ll
}

// randomTestModel is a small random model with inputs, a non-zero Mu0 and, when fullR is set,
// a full observation covariance.
func randomTestModel(t *testing.T, seed uint64, n, p, m int, fullR bool) *Model {
	t.Helper()
	md, err := RandomModel(RandomConfig{States: n, Channels: p, Inputs: m, MaxRadius: 0.99, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	for i := range n {
		md.Mu0[i] = rng.NormFloat64()
	}
	if fullR {
		g := mat.NewDense(p, p, nil)
		for i := range p {
			for k := range p {
				g.Set(i, k, rng.NormFloat64()/math.Sqrt(float64(p)))
			}
		}
		md.R.SymOuterK(1, g)
		for i := range p {
			md.R.SetSym(i, i, md.R.At(i, i)+0.2)
		}
	}
	// A non-trivial Q.
	g := mat.NewDense(n, n, nil)
	for i := range n {
		for k := range n {
			g.Set(i, k, 0.3*rng.NormFloat64())
		}
	}
	md.Q.SymOuterK(1, g)
	for i := range n {
		md.Q.SetSym(i, i, md.Q.At(i, i)+0.05)
	}
	return md
}

func maxAbsDiff(a, b mat.Matrix) float64 {
	r, c := a.Dims()
	var d float64
	for i := range r {
		for j := range c {
			d = math.Max(d, math.Abs(a.At(i, j)-b.At(i, j)))
		}
	}
	return d
}

func TestFilterSmootherMatchBruteForce(t *testing.T) {
	const T, tol = 7, 1e-9
	for seed := range uint64(12) {
		n, p, m := 1+int(seed%4), 2+int(seed%5), int(seed%3)
		fullR := seed%2 == 1
		md := randomTestModel(t, seed, n, p, m, fullR)
		for _, missFrac := range []float64{0, 0.35} {
			_, ys, err := md.Sample([]int{T}, randomInputs(seed, []int{T}, m), seed+100)
			if err != nil {
				t.Fatal(err)
			}
			u := randomInputs(seed, []int{T}, m)
			y := ys[0]
			rng := rand.New(rand.NewPCG(seed, 99))
			if missFrac > 0 {
				for tt := range T {
					for i := range p {
						if rng.Float64() < missFrac || tt == 2 {
							y.Set(tt, i, math.NaN())
						}
					}
				}
			}
			var uk *mat.Dense
			if u != nil {
				uk = u[0]
			}
			j := buildJoint(md, uk, T)
			filt, err := md.Filter([]*mat.Dense{y}, u)
			if err != nil {
				t.Fatal(err)
			}
			sm, err := md.Smooth([]*mat.Dense{y}, u)
			if err != nil {
				t.Fatal(err)
			}
			f, s := filt[0], sm[0]
			for tt := range T {
				for _, c := range []struct {
					name string
					upto int
					mean mat.Matrix
					cov  mat.Matrix
				}{
					{"predicted", tt, f.PredMean.RowView(tt), f.PredCov[tt]},
					{"filtered", tt + 1, f.Mean.RowView(tt), f.Cov[tt]},
					{"smoothed", T, s.Mean.RowView(tt), s.Cov[tt]},
				} {
					bm, bc, _ := j.condition(y, c.upto)
					want := bm.SliceVec(tt*n, (tt+1)*n)
					if d := maxAbsDiff(c.mean, want); d > tol {
						t.Fatalf("seed %d miss %v t %d: %s mean differs by %g", seed, missFrac, tt, c.name, d)
					}
					if d := maxAbsDiff(c.cov, bc.Slice(tt*n, (tt+1)*n, tt*n, (tt+1)*n)); d > tol {
						t.Fatalf("seed %d miss %v t %d: %s covariance differs by %g", seed, missFrac, tt, c.name, d)
					}
					if c.name == "smoothed" && tt < T-1 {
						want := bc.Slice((tt+1)*n, (tt+2)*n, tt*n, (tt+1)*n)
						if d := maxAbsDiff(s.CrossCov[tt], want); d > tol {
							t.Fatalf("seed %d t %d: cross-covariance differs by %g", seed, tt, d)
						}
					}
				}
			}
			// One-step-ahead predictions: E[y(t) | y(0..t−1)] = C x̂(t|t−1) + D u(t) + Dout.
			for tt := range T {
				bm, _, _ := j.condition(y, tt)
				want := mat.NewVecDense(p, nil)
				want.MulVec(md.C, bm.SliceVec(tt*n, (tt+1)*n))
				for i := range p {
					w := want.AtVec(i) + j.mu[T*n+tt*p+i]
					// j.mu holds the prior mean of y; remove the prior state part.
					w -= mat.Dot(md.C.RowView(i), mat.NewVecDense(n, j.mu[tt*n:(tt+1)*n]))
					if d := math.Abs(f.PredObs.At(tt, i) - w); d > tol {
						t.Fatalf("seed %d t %d: one-step prediction differs by %g", seed, tt, d)
					}
				}
			}
			_, _, ll := j.condition(y, T)
			if math.Abs(ll-f.LogLik) > tol*math.Max(1, math.Abs(ll)) || math.Abs(ll-s.LogLik) > tol*math.Max(1, math.Abs(ll)) {
				t.Fatalf("seed %d miss %v: log-likelihood %v (filter) %v (smoother), brute force %v", seed, missFrac, f.LogLik, s.LogLik, ll)
			}
		}
	}
}

// randomInputs returns one T×m Gaussian input matrix per length (nil when m = 0).
func randomInputs(seed uint64, lengths []int, m int) []*mat.Dense {
	if m == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, 1234))
	out := make([]*mat.Dense, len(lengths))
	for k, T := range lengths {
		out[k] = mat.NewDense(T, m, nil)
		for t := range T {
			for i := range m {
				out[k].Set(t, i, rng.NormFloat64())
			}
		}
	}
	return out
}
