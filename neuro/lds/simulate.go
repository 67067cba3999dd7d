package lds

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Sample draws one trial per entry of lengths. inputs is nil or one lengths[k]×m matrix per
// trial. It returns the latent states x[k] (T_k×n) and the observations y[k] (T_k×p). Trial k
// uses its own random stream derived from seed, so the result does not depend on the order or
// number of trials drawn before it.
func (md *Model) Sample(lengths []int, inputs []*mat.Dense, seed uint64) (x, y []*mat.Dense, err error) {
	if err := md.Validate(); err != nil {
		return nil, nil, err
	}
	n, p, m := md.Dims()
	if len(lengths) == 0 {
		return nil, nil, fmt.Errorf("lds: lengths is empty")
	}
	for k, T := range lengths {
		if T < 1 {
			return nil, nil, fmt.Errorf("lds: lengths[%d] = %d, need at least 1", k, T)
		}
	}
	if inputs != nil || m > 0 {
		dummy := make([]*mat.Dense, len(lengths))
		for k, T := range lengths {
			dummy[k] = mat.NewDense(T, p, nil)
		}
		if _, err := checkTrials(dummy, inputs, p, m); err != nil {
			return nil, nil, err
		}
	}
	lq, err := psdFactor(md.Q)
	if err != nil {
		return nil, nil, fmt.Errorf("lds: Q: %w", err)
	}
	lr, err := psdFactor(md.R)
	if err != nil {
		return nil, nil, fmt.Errorf("lds: R: %w", err)
	}
	l0, err := psdFactor(md.P0)
	if err != nil {
		return nil, nil, fmt.Errorf("lds: P0: %w", err)
	}
	mu0, d := md.mean0(), md.offset()
	x = make([]*mat.Dense, len(lengths))
	y = make([]*mat.Dense, len(lengths))
	for k, T := range lengths {
		rng := rand.New(rand.NewPCG(seed, uint64(k)+0x9e3779b97f4a7c15))
		xs := mat.NewDense(T, n, nil)
		ys := mat.NewDense(T, p, nil)
		u := input(inputs, k)
		xt := mat.NewVecDense(n, nil)
		noise := func(l *mat.Dense, dim int) *mat.VecDense {
			e := mat.NewVecDense(dim, nil)
			for i := range dim {
				e.SetVec(i, rng.NormFloat64())
			}
			e.MulVec(l, e)
			return e
		}
		xt.AddVec(mat.NewVecDense(n, append([]float64(nil), mu0...)), noise(l0, n))
		for t := range T {
			xs.SetRow(t, xt.RawVector().Data)
			yt := mat.NewVecDense(p, nil)
			yt.MulVec(md.C, xt)
			if md.D != nil && u != nil {
				var du mat.VecDense
				du.MulVec(md.D, u.RowView(t))
				yt.AddVec(yt, &du)
			}
			yt.AddVec(yt, noise(lr, p))
			for i := range p {
				ys.Set(t, i, yt.AtVec(i)+d[i])
			}
			next := mat.NewVecDense(n, nil)
			next.MulVec(md.A, xt)
			if md.B != nil && u != nil {
				var bu mat.VecDense
				bu.MulVec(md.B, u.RowView(t))
				next.AddVec(next, &bu)
			}
			next.AddVec(next, noise(lq, n))
			xt = next
		}
		x[k], y[k] = xs, ys
	}
	return x, y, nil
}

// psdFactor returns L with L Lᵀ = S for symmetric positive semi-definite S.
func psdFactor(s *mat.SymDense) (*mat.Dense, error) {
	n := s.SymmetricDim()
	var ch mat.Cholesky
	if ch.Factorize(s) {
		var l mat.TriDense
		ch.LTo(&l)
		return mat.DenseCopyOf(&l), nil
	}
	var es mat.EigenSym
	if !es.Factorize(s, true) {
		return nil, fmt.Errorf("eigendecomposition failed")
	}
	vals := es.Values(nil)
	var v mat.Dense
	es.VectorsTo(&v)
	l := mat.NewDense(n, n, nil)
	for j, lam := range vals {
		sq := math.Sqrt(math.Max(lam, 0))
		for i := range n {
			l.Set(i, j, v.At(i, j)*sq)
		}
	}
	return l, nil
}
