package lds

import (
	"context"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/commsub"
	"github.com/neurodyn/neurodyn/neuro/linalg"
	"github.com/neurodyn/neurodyn/neuro/ssid"
)

// initSSID builds a starting model from subspace identification: the identified model's
// steady-state Kalman predictor gives latent trajectories, and lsModel fits all parameters on
// them (so inputs, offsets and the Gaussian noise model are handled as for PCA).
func initSSID(data, inputs []*mat.Dense, cfg Config) (*Model, error) {
	filled, mean := fillMissing(data)
	sm, err := ssid.Fit(filled, nil, ssid.Config{NX: cfg.States, Stabilize: true})
	if err != nil {
		return nil, fmt.Errorf("lds: subspace initialisation: %w", err)
	}
	n := cfg.States
	xs := make([]*mat.Dense, len(filled))
	for k, y := range filled {
		T, p := y.Dims()
		xs[k] = mat.NewDense(T, n, nil)
		x := make([]float64, n)
		e := make([]float64, p)
		for t := range T {
			xs[k].SetRow(t, x)
			for i, v := range y.RawRowView(t) {
				e[i] = v - sm.YMean[i] - dot(sm.Cy.RawRowView(i), x)
			}
			next := make([]float64, n)
			for i := range n {
				next[i] = dot(sm.A.RawRowView(i), x) + dot(sm.K.RawRowView(i), e)
			}
			x = next
		}
	}
	return lsModel(data, inputs, xs, mean, cfg)
}

// initFA builds a starting model from factor analysis: the latents are the FA posterior means,
// and lsModel fits all parameters on them.
func initFA(ctx context.Context, data, inputs []*mat.Dense, cfg Config) (*Model, error) {
	filled, mean := fillMissing(data)
	_, p := data[0].Dims()
	if cfg.States >= p {
		return nil, fmt.Errorf("lds: Config.States = %d, FA initialisation needs fewer states than the %d channels (pass Init)", cfg.States, p)
	}
	fa, err := commsub.FitFA(ctx, linalg.StackRows(filled), commsub.FAConfig{Factors: cfg.States, MaxIter: 300})
	if err != nil {
		return nil, fmt.Errorf("lds: factor-analysis initialisation: %w", err)
	}
	xs := make([]*mat.Dense, len(filled))
	for k, y := range filled {
		if xs[k], err = fa.Latents(y); err != nil {
			return nil, fmt.Errorf("lds: factor-analysis initialisation: %w", err)
		}
	}
	return lsModel(data, inputs, xs, mean, cfg)
}

// fillMissing returns copies of the trials with missing entries replaced by channel means, and
// the means.
func fillMissing(data []*mat.Dense) ([]*mat.Dense, []float64) {
	_, p := data[0].Dims()
	mean := make([]float64, p)
	cnt := make([]float64, p)
	for _, y := range data {
		T, _ := y.Dims()
		for t := range T {
			for i, v := range y.RawRowView(t) {
				if !math.IsNaN(v) {
					mean[i] += v
					cnt[i]++
				}
			}
		}
	}
	for i := range p {
		if cnt[i] > 0 {
			mean[i] /= cnt[i]
		}
	}
	out := make([]*mat.Dense, len(data))
	for k, y := range data {
		out[k] = mat.DenseCopyOf(y)
		T, _ := y.Dims()
		for t := range T {
			row := out[k].RawRowView(t)
			for i, v := range row {
				if math.IsNaN(v) {
					row[i] = mean[i]
				}
			}
		}
	}
	return out, mean
}

// initPCA builds a starting model from principal component analysis: missing entries are filled
// with channel means, the latents are the n leading principal scores scaled to unit variance,
// and every other parameter is the least-squares fit given those latents.
func initPCA(data, inputs []*mat.Dense, cfg Config) (*Model, error) {
	n := cfg.States
	_, p := data[0].Dims()
	if n > p {
		return nil, fmt.Errorf("lds: Config.States = %d exceeds the %d channels; PCA initialisation needs n ≤ p (pass Init)", n, p)
	}
	mean := make([]float64, p)
	cnt := make([]float64, p)
	total := 0
	for _, y := range data {
		T, _ := y.Dims()
		total += T
		for t := range T {
			for i, v := range y.RawRowView(t) {
				if !math.IsNaN(v) {
					mean[i] += v
					cnt[i]++
				}
			}
		}
	}
	for i := range p {
		if cnt[i] == 0 {
			return nil, fmt.Errorf("lds: channel %d is never observed", i)
		}
		mean[i] /= cnt[i]
	}
	if total <= n {
		return nil, fmt.Errorf("lds: %d time bins in all, need more than States = %d", total, n)
	}
	filled := make([]*mat.Dense, len(data))
	cov := mat.NewSymDense(p, nil)
	for k, y := range data {
		f := mat.DenseCopyOf(y)
		T, _ := f.Dims()
		for t := range T {
			row := f.RawRowView(t)
			for i, v := range row {
				if math.IsNaN(v) {
					row[i] = 0
				} else {
					row[i] = v - mean[i]
				}
			}
		}
		cov.SymRankK(cov, 1/float64(total), f.T())
		filled[k] = f
	}
	var es mat.EigenSym
	if !es.Factorize(cov, true) {
		return nil, fmt.Errorf("lds: PCA initialisation: eigendecomposition failed")
	}
	vals := es.Values(nil)
	var vecs mat.Dense
	es.VectorsTo(&vecs)
	order := make([]int, p)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return vals[order[a]] > vals[order[b]] })
	w := mat.NewDense(p, n, nil) // scores = Yc W have unit variance
	for j := range n {
		l := vals[order[j]]
		if l <= 1e-12*vals[order[0]] {
			return nil, fmt.Errorf("lds: data have rank %d < States = %d", j, n)
		}
		for i := range p {
			w.Set(i, j, vecs.At(i, order[j])/math.Sqrt(l))
		}
	}
	xs := make([]*mat.Dense, len(data))
	for k, f := range filled {
		T, _ := f.Dims()
		xs[k] = mat.NewDense(T, n, nil)
		xs[k].Mul(f, w)
	}
	return lsModel(data, inputs, xs, mean, cfg)
}

// lsModel fits every parameter by least squares given latent trajectories xs, with the
// observations' channel means as the fallback offset.
func lsModel(data, inputs, xs []*mat.Dense, mean []float64, cfg Config) (*Model, error) {
	_, p := data[0].Dims()
	_, n := xs[0].Dims()
	m := 0
	if inputs != nil {
		_, m = inputs[0].Dims()
	}
	// Dynamics regression on ζ = [x; u].
	kd := n + m
	phiD := mat.NewDense(kd, kd, nil)
	psiD := mat.NewDense(n, kd, nil)
	s11 := mat.NewDense(n, n, nil)
	nd := 0.0
	mu0 := make([]float64, n)
	for k, x := range xs {
		T, _ := x.Dims()
		mu0 = addVec(mu0, x.RawRowView(0))
		for t := 0; t+1 < T; t++ {
			z := append(append([]float64(nil), x.RawRowView(t)...), rowOrNil(inputs, k, t)...)
			next := x.RawRowView(t + 1)
			for a := range kd {
				for b := range kd {
					phiD.Set(a, b, phiD.At(a, b)+z[a]*z[b])
				}
			}
			for a := range n {
				for b := range kd {
					psiD.Set(a, b, psiD.At(a, b)+next[a]*z[b])
				}
				for b := range n {
					s11.Set(a, b, s11.At(a, b)+next[a]*next[b])
				}
			}
			nd++
		}
	}
	if nd == 0 {
		return nil, fmt.Errorf("lds: every trial has a single bin; need at least one trial with 2 or more")
	}
	all := make([]bool, kd)
	for i := range all {
		all[i] = true
	}
	thetaD, err := regress(psiD, phiD, mat.NewDense(n, kd, nil), all)
	if err != nil {
		return nil, fmt.Errorf("lds: initialisation of A, B: %w", err)
	}
	q := residualCov(s11, psiD, phiD, thetaD)
	q.Scale(1/nd, q)
	qs := symOf(q)
	for i := range n { // keep the starting Q safely positive definite
		qs.SetSym(i, i, qs.At(i, i)+1e-6)
	}
	// Emission regression on ξ = [x; u; 1] over observed entries (pooled: missing entries are
	// skipped per channel by dropping them from the sums).
	off := 1
	if cfg.NoOffset {
		off = 0
	}
	k := n + m + off
	phi := make([]*mat.Dense, p)
	psi := mat.NewDense(p, k, nil)
	syy := make([]float64, p)
	cnt := make([]float64, p)
	for i := range phi {
		phi[i] = mat.NewDense(k, k, nil)
	}
	common := mat.NewDense(k, k, nil)
	xi := make([]float64, k)
	for kk, y := range data {
		T, _ := y.Dims()
		for t := range T {
			copy(xi, xs[kk].RawRowView(t))
			copy(xi[n:], rowOrNil(inputs, kk, t))
			if off == 1 {
				xi[n+m] = 1
			}
			outer := mat.NewDense(k, k, nil)
			outer.Outer(1, mat.NewVecDense(k, xi), mat.NewVecDense(k, xi))
			common.Add(common, outer)
			for i, v := range y.RawRowView(t) {
				if math.IsNaN(v) {
					phi[i].Sub(phi[i], outer)
					continue
				}
				for a := range k {
					psi.Set(i, a, psi.At(i, a)+v*xi[a])
				}
				syy[i] += v * v
				cnt[i]++
			}
		}
	}
	free := make([]bool, k)
	for i := range free {
		free[i] = true
	}
	md := &Model{A: mat.DenseCopyOf(thetaD.Slice(0, n, 0, n)), C: mat.NewDense(p, n, nil), Q: qs,
		R: mat.NewSymDense(p, nil), Mu0: make([]float64, n), P0: mat.NewSymDense(n, nil), Dout: make([]float64, p)}
	if m > 0 {
		md.B = mat.DenseCopyOf(thetaD.Slice(0, n, n, kd))
		md.D = mat.NewDense(p, m, nil)
	}
	for i := range p {
		phi[i].Add(phi[i], common)
		row := mat.NewDense(1, k, nil)
		pi := mat.NewDense(1, k, psi.RawRowView(i))
		ti, err := regress(pi, phi[i], row, free)
		if err != nil {
			return nil, fmt.Errorf("lds: initialisation of channel %d: %w", i, err)
		}
		t := ti.RawRowView(0)
		md.C.SetRow(i, t[:n])
		if m > 0 {
			md.D.SetRow(i, t[n:n+m])
		}
		if off == 1 {
			md.Dout[i] = t[n+m]
		}
		res := residualCov(mat.NewDense(1, 1, []float64{syy[i]}), pi, phi[i], ti).At(0, 0) / cnt[i]
		variance := syy[i]/cnt[i] - mean[i]*mean[i]
		md.R.SetSym(i, i, math.Max(res, 0.01*variance))
	}
	K := float64(len(xs))
	for i := range n {
		md.Mu0[i] = mu0[i] / K
	}
	for i := range n { // the scores have unit variance
		md.P0.SetSym(i, i, 1)
	}
	return md, nil
}

func addVec(a, b []float64) []float64 {
	for i := range a {
		a[i] += b[i]
	}
	return a
}

func rowOrNil(inputs []*mat.Dense, k, t int) []float64 {
	if inputs == nil {
		return nil
	}
	return inputs[k].RawRowView(t)
}
