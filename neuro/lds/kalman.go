package lds

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// The covariances of the Kalman filter and RTS smoother do not depend on the observed values,
// only on which channels are observed. Steps with the same pattern whose covariance recursion
// has converged (relative change below convTol) share one fstep/bstep, so a long, fully observed
// trial costs O(n³) only until the Riccati recursion settles, then O(n²) per step.
const convTol = 1e-14

// dynamics holds the state-equation quantities.
type dynamics struct {
	n, m int
	a    *mat.Dense
	b    *mat.Dense // nil without inputs to the dynamics
	q    *mat.Dense
	p0   *mat.Dense
	mu0  []float64
}

func newDynamics(md *Model) *dynamics {
	n, _, m := md.Dims()
	dy := &dynamics{n: n, m: m, a: md.A, b: md.B, mu0: md.mean0()}
	dy.q = mat.DenseCopyOf(md.Q)
	dy.p0 = mat.DenseCopyOf(md.P0)
	return dy
}

// fstep is the forward (filter) covariance information of one step.
type fstep struct {
	pat     *obsPattern
	pp, pf  *mat.Dense // predicted and filtered covariance
	k       []float64  // n×r gain in z-space
	lS      []float64  // r×r lower Cholesky factor of S = I + U Pp Uᵀ (eigenvalues ≥ 1)
	logdetS float64
	ppNext  *mat.Dense // predicted covariance of the next step
	g       []float64  // n×n smoother gain Pf Aᵀ ppNext⁻¹
}

// bstep is the smoothed covariance of one step and the lag-one cross-covariance
// cov(x(t+1), x(t) | all data) (nil at the last step).
type bstep struct {
	ps, cc *mat.Dense
}

// covStep runs one measurement update (Joseph form in z-space) and one time update.
func (dy *dynamics) covStep(pp *mat.Dense, pt *obsPattern, ar *arena) (*fstep, error) {
	n := dy.n
	nn := n * n
	f := &fstep{pat: pt, pp: pp}
	ppd := pp.RawMatrix().Data
	pf := ppd
	if r := pt.r; r > 0 {
		u := pt.u
		up := ar.get(r * n)
		mulNN(up, u, ppd, r, n, n)
		s := ar.get(r * r)
		mulNT(s, up, u, r, n, r)
		symmetrizeFlat(s, r)
		for i := range r {
			s[i*r+i]++
		}
		if !cholFlat(s, r) {
			return nil, fmt.Errorf("innovation matrix I + U P Uᵀ is not positive definite (P has NaN or is indefinite)")
		}
		for i := range r {
			f.logdetS += 2 * math.Log(s[i*r+i])
		}
		kt := up // overwritten in place: S⁻¹ U Pp (r×n)
		cholSolveFlat(s, r, kt, n)
		f.k = ar.get(n * r)
		for a := range r {
			for b := range n {
				f.k[b*r+a] = kt[a*n+b]
			}
		}
		f.lS = s
		// Joseph form: Pf = (I − K U) Pp (I − K U)ᵀ + K Kᵀ.
		iku := ar.get(nn)
		mulNN(iku, f.k, u, n, r, n)
		for i := range iku {
			iku[i] = -iku[i]
		}
		for i := range n {
			iku[i*n+i]++
		}
		tmp := ar.get(nn)
		mulNN(tmp, iku, ppd, n, n, n)
		pf = ar.get(nn)
		mulNT(pf, tmp, iku, n, n, n)
		kk := tmp
		mulNT(kk, f.k, f.k, n, r, n)
		for i := range pf {
			pf[i] += kk[i]
		}
		symmetrizeFlat(pf, n)
		f.pf = mat.NewDense(n, n, pf)
	} else {
		f.pf = pp
	}
	a := dy.a.RawMatrix().Data
	apf := ar.get(nn)
	mulNN(apf, a, pf, n, n, n)
	next := ar.get(nn)
	mulNT(next, apf, a, n, n, n)
	q := dy.q.RawMatrix().Data
	for i := range next {
		next[i] += q[i]
	}
	symmetrizeFlat(next, n)
	if !finite(next) {
		return nil, fmt.Errorf("state covariance overflowed: A has unstable modes that the observations do not constrain")
	}
	f.ppNext = mat.NewDense(n, n, next)
	// Gᵀ = ppNext⁻¹ A Pf.
	l := ar.get(nn)
	copy(l, next)
	f.g = ar.get(nn)
	if cholFlat(l, n) {
		cholSolveFlat(l, n, apf, n)
	} else {
		gt, err := solvePSD(f.ppNext, mat.NewDense(n, n, apf))
		if err != nil {
			return nil, err
		}
		copy(apf, gt.RawMatrix().Data)
	}
	for i := range n {
		for j := range n {
			f.g[i*n+j] = apf[j*n+i]
		}
	}
	return f, nil
}

// forwardCov runs the covariance recursion of the Kalman filter over the step patterns.
func (dy *dynamics) forwardCov(pats []*obsPattern) ([]*fstep, error) {
	T := len(pats)
	fs := make([]*fstep, T)
	pp := dy.p0
	steady := false
	var ar arena
	for t := range T {
		if steady && pats[t] == fs[t-1].pat {
			fs[t] = fs[t-1]
			continue
		}
		f, err := dy.covStep(pp, pats[t], &ar)
		if err != nil {
			return nil, fmt.Errorf("lds: filter step %d: %w", t, err)
		}
		fs[t] = f
		pp = f.ppNext
		steady = t+1 < T && pats[t+1] == pats[t] && converged(f.ppNext, f.pp)
	}
	return fs, nil
}

// backwardCov runs the RTS covariance recursion.
func (dy *dynamics) backwardCov(fs []*fstep) []*bstep {
	n := dy.n
	nn := n * n
	T := len(fs)
	bs := make([]*bstep, T)
	bs[T-1] = &bstep{ps: fs[T-1].pf}
	var steady *bstep
	var ar arena
	diff := make([]float64, nn)
	tmp := make([]float64, nn)
	for t := T - 2; t >= 0; t-- {
		f, next := fs[t], bs[t+1]
		if steady != nil && next == steady && f == fs[t+1] {
			bs[t] = steady
			continue
		}
		nps := next.ps.RawMatrix().Data
		pn := f.ppNext.RawMatrix().Data
		for i := range diff {
			diff[i] = nps[i] - pn[i]
		}
		mulNN(tmp, f.g, diff, n, n, n)
		ps := ar.get(nn)
		mulNT(ps, tmp, f.g, n, n, n)
		pf := f.pf.RawMatrix().Data
		for i := range ps {
			ps[i] += pf[i]
		}
		symmetrizeFlat(ps, n)
		cc := ar.get(nn)
		mulNT(cc, nps, f.g, n, n, n)
		b := &bstep{ps: mat.NewDense(n, n, ps), cc: mat.NewDense(n, n, cc)}
		if f == fs[t+1] && converged(b.ps, next.ps) {
			steady = b
		}
		bs[t] = b
	}
	return bs
}

// forwardMean runs the mean recursion of the filter. xp and xf (T×n, row-major) receive the
// predicted and filtered means; the return value is the log-likelihood of the trial.
func (dy *dynamics) forwardMean(tr *trialObs, fs []*fstep, u *mat.Dense, xp, xf []float64) float64 {
	n := dy.n
	a := dy.a.RawMatrix()
	var b blas64.General
	if dy.b != nil && u != nil {
		b = dy.b.RawMatrix()
	}
	e := make([]float64, n)
	var ll float64
	const log2pi = 1.8378770664093453
	for t := range tr.T {
		p := xp[t*n : (t+1)*n]
		if t == 0 {
			copy(p, dy.mu0)
		} else {
			prev := xf[(t-1)*n : t*n]
			for i := range n {
				p[i] = dot(a.Data[i*a.Stride:i*a.Stride+n], prev)
			}
			if b.Data != nil {
				ut := u.RawRowView(t - 1)
				for i := range n {
					p[i] += dot(b.Data[i*b.Stride:i*b.Stride+b.Cols], ut)
				}
			}
		}
		f := fs[t]
		xft := xf[t*n : (t+1)*n]
		copy(xft, p)
		r := f.pat.r
		if r > 0 {
			z := tr.z[tr.zoff[t]:tr.zoff[t+1]]
			e = e[:r]
			for i := range r {
				e[i] = z[i] - dot(f.pat.u[i*n:(i+1)*n], p)
			}
			for i := range n {
				xft[i] += dot(f.k[i*r:(i+1)*r], e)
			}
			forwardSubst(f.lS, r, e) // e ← L⁻¹ e, so eᵀ S⁻¹ e = |e|²
			ll -= 0.5 * (f.logdetS + dot(e, e))
		}
		if tr.nobs[t] > 0 {
			ll -= 0.5 * (float64(tr.nobs[t])*log2pi + f.pat.logdetR + tr.resid[t])
		}
	}
	return ll
}

// backwardMean runs the RTS mean recursion into ms (T×n).
func (dy *dynamics) backwardMean(fs []*fstep, xp, xf, ms []float64) {
	n := dy.n
	T := len(fs)
	copy(ms[(T-1)*n:], xf[(T-1)*n:T*n])
	d := make([]float64, n)
	for t := T - 2; t >= 0; t-- {
		g := fs[t].g
		for i := range n {
			d[i] = ms[(t+1)*n+i] - xp[(t+1)*n+i]
		}
		for i := range n {
			ms[t*n+i] = xf[t*n+i] + dot(g[i*n:(i+1)*n], d)
		}
	}
}

// solvePSD returns S⁻¹ B for symmetric positive semi-definite S, using the pseudo-inverse when
// S is singular.
func solvePSD(s *mat.Dense, b *mat.Dense) (*mat.Dense, error) {
	n, _ := s.Dims()
	sym := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			sym.SetSym(i, j, s.At(i, j))
		}
	}
	var x mat.Dense
	var ch mat.Cholesky
	if ch.Factorize(sym) && ch.Cond() < 1e14 {
		if err := ch.SolveTo(&x, b); err == nil {
			return &x, nil
		}
	}
	var es mat.EigenSym
	if !es.Factorize(sym, true) {
		return nil, fmt.Errorf("eigendecomposition of a covariance failed")
	}
	vals := es.Values(nil)
	var v mat.Dense
	es.VectorsTo(&v)
	lmax := 0.0
	for _, l := range vals {
		lmax = math.Max(lmax, math.Abs(l))
	}
	var vtb mat.Dense
	vtb.Mul(v.T(), b)
	_, c := vtb.Dims()
	for i, l := range vals {
		inv := 0.0
		if l > 1e-13*lmax {
			inv = 1 / l
		}
		for j := range c {
			vtb.Set(i, j, vtb.At(i, j)*inv)
		}
	}
	x.Mul(&v, &vtb)
	return &x, nil
}

// converged reports whether max|a − b| ≤ convTol · max|b|.
func converged(a, b *mat.Dense) bool {
	ra, rb := a.RawMatrix().Data, b.RawMatrix().Data
	var d, s float64
	for i, v := range rb {
		d = math.Max(d, math.Abs(ra[i]-v))
		s = math.Max(s, math.Abs(v))
	}
	return d <= convTol*s
}

func finite(xs []float64) bool {
	for _, v := range xs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
