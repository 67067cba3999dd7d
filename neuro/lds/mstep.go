package lds

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Fixed lists the parameters that EM keeps at their initial values.
type Fixed struct {
	A, B, C, D bool
	Dout       bool // output offset
	Q, R       bool
	Init       bool // Mu0 and P0
}

// mstep returns the parameters maximising the expected complete-data log-likelihood.
func (ed *emData) mstep(md *Model, s *stats, cfg *Config) (*Model, error) {
	n, p, m := ed.n, ed.p, ed.m
	out := md.Clone()
	// Dynamics: x(t+1) on [x(t); u(t)].
	thetaD := mat.NewDense(n, n+m, nil)
	thetaD.Slice(0, n, 0, n).(*mat.Dense).Copy(md.A)
	if m > 0 {
		thetaD.Slice(0, n, n, n+m).(*mat.Dense).Copy(md.B)
	}
	freeD := make([]bool, n+m)
	for j := range freeD {
		freeD[j] = (j < n && !cfg.Fixed.A) || (j >= n && !cfg.Fixed.B)
	}
	thetaD, err := regress(s.psiD, s.phiD, thetaD, freeD)
	if err != nil {
		return nil, fmt.Errorf("lds: M-step for A, B: %w", err)
	}
	out.A = mat.DenseCopyOf(thetaD.Slice(0, n, 0, n))
	if m > 0 {
		out.B = mat.DenseCopyOf(thetaD.Slice(0, n, n, n+m))
	}
	if !cfg.Fixed.Q {
		q := residualCov(s.s11, s.psiD, s.phiD, thetaD)
		q.Scale(1/ed.dynSteps, q)
		var err error
		if out.Q, err = clipRoundoff(symOf(q), "Q"); err != nil {
			return nil, err
		}
	}
	// Emission: y(t) on [x(t); u(t); 1].
	k := s.k
	theta := mat.NewDense(p, k, nil)
	theta.Slice(0, p, 0, n).(*mat.Dense).Copy(md.C)
	if m > 0 {
		theta.Slice(0, p, n, n+m).(*mat.Dense).Copy(md.D)
	}
	if ed.offset {
		theta.SetCol(n+m, md.offset())
	}
	free := make([]bool, k)
	for j := range free {
		switch {
		case j < n:
			free[j] = !cfg.Fixed.C
		case j < n+m:
			free[j] = !cfg.Fixed.D
		default:
			free[j] = !cfg.Fixed.Dout
		}
	}
	rdiag := make([]float64, p)
	if s.phiMiss != nil {
		// Diagonal R with missing entries: one regression per channel.
		phiI := mat.NewDense(k, k, nil)
		for i := range p {
			phiI.Sub(s.phi, s.phiMiss[i])
			row := mat.NewDense(1, k, theta.RawRowView(i))
			psiI := mat.NewDense(1, k, s.psi.RawRowView(i))
			ti, err := regress(psiI, phiI, row, free)
			if err != nil {
				return nil, fmt.Errorf("lds: M-step for channel %d: %w", i, err)
			}
			copy(theta.RawRowView(i), ti.RawRowView(0))
			rdiag[i] = residualCov(mat.NewDense(1, 1, []float64{ed.syy[i]}), psiI, phiI, ti).At(0, 0) / ed.nobs[i]
		}
	} else {
		theta, err = regress(s.psi, s.phi, theta, free)
		if err != nil {
			return nil, fmt.Errorf("lds: M-step for C, D, Dout: %w", err)
		}
		if !cfg.denseR() {
			var tphi mat.Dense
			tphi.Mul(theta, s.phi)
			for i := range p {
				ti := theta.RawRowView(i)
				rdiag[i] = (ed.syy[i] - 2*dot(ti, s.psi.RawRowView(i)) + dot(tphi.RawRowView(i), ti)) / ed.nobs[i]
			}
		}
	}
	out.C = mat.DenseCopyOf(theta.Slice(0, p, 0, n))
	if m > 0 {
		out.D = mat.DenseCopyOf(theta.Slice(0, p, n, n+m))
	}
	if ed.offset {
		out.Dout = mat.Col(nil, n+m, theta)
	}
	if !cfg.Fixed.R {
		out.RLowRank = nil
		var r *mat.Dense
		if cfg.denseR() {
			syy := mat.DenseCopyOf(ed.syyFull)
			if s.syy != nil {
				syy.Add(syy, s.syy)
			}
			r = residualCov(syy, s.psi, s.phi, theta)
			r.Scale(1/ed.steps, r)
		}
		if cfg.RFactors > 0 {
			lr := faUpdate(r, md.RLowRank, ed.rfloor)
			if err := out.SetLowRankR(lr.Psi, lr.W); err != nil {
				return nil, fmt.Errorf("lds: M-step for low-rank R: %w", err)
			}
		} else if cfg.FullR {
			out.R = symOf(r)
			var ch mat.Cholesky
			if !ch.Factorize(out.R) {
				return nil, fmt.Errorf("lds: M-step gave a singular R (channels linearly dependent?); use diagonal R")
			}
		} else {
			out.R = mat.NewSymDense(p, nil)
			for i := range p {
				out.R.SetSym(i, i, math.Max(rdiag[i], ed.rfloor[i]))
			}
		}
	}
	if !cfg.Fixed.Init {
		K := float64(s.trials)
		mu := make([]float64, n)
		for i := range n {
			mu[i] = s.m0.At(i, 0) / K
		}
		p0 := mat.DenseCopyOf(s.ps0)
		for _, m0 := range s.m0list {
			for i := range n {
				for j := range n {
					p0.Set(i, j, p0.At(i, j)+(m0[i]-mu[i])*(m0[j]-mu[j]))
				}
			}
		}
		p0.Scale(1/K, p0)
		out.Mu0 = mu
		var err error
		if out.P0, err = clipRoundoff(symOf(p0), "P0"); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// regress returns Θ maximising −½ tr(Θ Φ Θᵀ − 2 Θ Ψᵀ) over the free columns, the other columns
// held at theta0: Θ_F Φ_FF = Ψ_F − Θ_X Φ_XF.
func regress(psi, phi, theta0 *mat.Dense, free []bool) (*mat.Dense, error) {
	var fi, xi []int
	for j, f := range free {
		if f {
			fi = append(fi, j)
		} else {
			xi = append(xi, j)
		}
	}
	theta := mat.DenseCopyOf(theta0)
	if len(fi) == 0 {
		return theta, nil
	}
	rows, _ := psi.Dims()
	phiFF := mat.NewSymDense(len(fi), nil)
	for a, i := range fi {
		for b := a; b < len(fi); b++ {
			phiFF.SetSym(a, b, 0.5*(phi.At(i, fi[b])+phi.At(fi[b], i)))
		}
	}
	rhs := mat.NewDense(len(fi), rows, nil) // (Ψ_F − Θ_X Φ_XF)ᵀ
	for a, j := range fi {
		for r := range rows {
			v := psi.At(r, j)
			for _, x := range xi {
				v -= theta0.At(r, x) * phi.At(x, j)
			}
			rhs.Set(a, r, v)
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(phiFF) {
		return nil, fmt.Errorf("the regressors are collinear (a constant input together with the offset, or duplicate inputs?)")
	}
	var sol mat.Dense
	if err := ch.SolveTo(&sol, rhs); err != nil {
		return nil, fmt.Errorf("the regressors are numerically collinear: %v", err)
	}
	for a, j := range fi {
		for r := range rows {
			theta.Set(r, j, sol.At(a, r))
		}
	}
	return theta, nil
}

// residualCov returns S − Θ Ψᵀ − Ψ Θᵀ + Θ Φ Θᵀ (the summed expected residual outer product).
func residualCov(s, psi, phi, theta *mat.Dense) *mat.Dense {
	out := mat.DenseCopyOf(s)
	var tp, tpt mat.Dense
	tp.Mul(theta, psi.T())
	out.Sub(out, &tp)
	out.Sub(out, tp.T())
	tpt.Product(theta, phi, theta.T())
	out.Add(out, &tpt)
	return out
}

// symOf returns the symmetric part of a square matrix.
func symOf(a *mat.Dense) *mat.SymDense {
	n, _ := a.Dims()
	s := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			s.SetSym(i, j, 0.5*(a.At(i, j)+a.At(j, i)))
		}
	}
	return s
}

// clipRoundoff returns s with eigenvalues that are negative only through round-off
// (≥ −1e-9·max |λ|) set to zero; a clearly indefinite s is an error.
func clipRoundoff(s *mat.SymDense, name string) (*mat.SymDense, error) {
	var es mat.EigenSym
	if !es.Factorize(s, true) {
		return nil, fmt.Errorf("lds: M-step: eigendecomposition of %s failed", name)
	}
	vals := es.Values(nil)
	n := len(vals)
	if vals[0] >= 0 {
		return s, nil
	}
	top := math.Max(math.Abs(vals[0]), math.Abs(vals[n-1]))
	if vals[0] < -1e-9*top {
		return nil, fmt.Errorf("lds: M-step gave an indefinite %s (eigenvalue %g); the data may be degenerate", name, vals[0])
	}
	var v mat.Dense
	es.VectorsTo(&v)
	for i := range vals {
		vals[i] = math.Max(vals[i], 0)
	}
	out := mat.NewSymDense(n, nil)
	for k, l := range vals {
		if l > 0 {
			col := mat.NewVecDense(n, mat.Col(nil, k, &v))
			out.SymRankOne(out, l, col)
		}
	}
	return out, nil
}
