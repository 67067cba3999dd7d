package lds

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// naiveFilter is the textbook covariance-form Kalman filter with the |o|×|o| innovation
// covariance of the observed entries, as a reference for many channels.
func naiveFilter(md *Model, y *mat.Dense) (means []*mat.VecDense, covs []*mat.Dense, ll float64) {
	n, p, _ := md.Dims()
	T, _ := y.Dims()
	x := mat.NewVecDense(n, append([]float64(nil), md.mean0()...))
	P := mat.DenseCopyOf(md.P0)
	d := md.offset()
	for t := range T {
		var obs []int
		for i := range p {
			if !math.IsNaN(y.At(t, i)) {
				obs = append(obs, i)
			}
		}
		if len(obs) > 0 {
			k := len(obs)
			co := mat.NewDense(k, n, nil)
			e := mat.NewVecDense(k, nil)
			s := mat.NewSymDense(k, nil)
			for a, i := range obs {
				co.SetRow(a, md.C.RawRowView(i))
				e.SetVec(a, y.At(t, i)-d[i]-mat.Dot(md.C.RowView(i), x))
			}
			var cp, cpc mat.Dense
			cp.Mul(co, P)
			cpc.Mul(&cp, co.T())
			for a, i := range obs {
				for b := a; b < k; b++ {
					s.SetSym(a, b, 0.5*(cpc.At(a, b)+cpc.At(b, a))+md.R.At(i, obs[b]))
				}
			}
			var ch mat.Cholesky
			if !ch.Factorize(s) {
				panic("S not PD")
			}
			var w mat.VecDense
			_ = ch.SolveVecTo(&w, e)
			ll -= 0.5 * (float64(k)*math.Log(2*math.Pi) + ch.LogDet() + mat.Dot(e, &w))
			var kt mat.Dense // S⁻¹ C P
			_ = ch.SolveTo(&kt, &cp)
			var dx mat.VecDense
			dx.MulVec(cp.T(), &w)
			x.AddVec(x, &dx)
			var dp mat.Dense
			dp.Mul(cp.T(), &kt)
			P.Sub(P, &dp)
		}
		means = append(means, mat.VecDenseCopyOf(x))
		covs = append(covs, mat.DenseCopyOf(P))
		var nx mat.VecDense
		nx.MulVec(md.A, x)
		x = &nx
		var np mat.Dense
		np.Product(md.A, P, md.A.T())
		np.Add(&np, md.Q)
		P = &np
	}
	return means, covs, ll
}

// Many channels, scattered missing entries (exercising the J downdate), diagonal and full R.
func TestFilterMatchesNaiveFilterWithManyChannels(t *testing.T) {
	for _, fullR := range []bool{false, true} {
		md := randomTestModel(t, 31, 3, 40, 0, fullR)
		_, y, err := md.Sample([]int{60}, nil, 4)
		if err != nil {
			t.Fatal(err)
		}
		maskRandom(y, 0.1, 5)
		for i := range 40 { // one fully missing step and one nearly empty one
			y[0].Set(20, i, math.NaN())
			if i > 1 {
				y[0].Set(30, i, math.NaN())
			}
		}
		f, err := md.Filter(y, nil)
		if err != nil {
			t.Fatal(err)
		}
		means, covs, ll := naiveFilter(md, y[0])
		for tt := range means {
			if d := maxAbsDiff(f[0].Mean.RowView(tt), means[tt]); d > 1e-9 {
				t.Fatalf("fullR %v t %d: filtered mean differs by %g", fullR, tt, d)
			}
			if d := maxAbsDiff(f[0].Cov[tt], covs[tt]); d > 1e-9 {
				t.Fatalf("fullR %v t %d: filtered covariance differs by %g", fullR, tt, d)
			}
		}
		if math.Abs(ll-f[0].LogLik) > 1e-9*math.Abs(ll) {
			t.Fatalf("fullR %v: log-likelihood %v, naive %v", fullR, f[0].LogLik, ll)
		}
	}
}
