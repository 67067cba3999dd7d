package linalg

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// SolveDARE returns the stabilising solution P of the Kalman-predictor Riccati equation
//
//	P = A P Aᵀ + Q − (A P Cᵀ + S)(C P Cᵀ + R)⁻¹(A P Cᵀ + S)ᵀ
//
// for A (n×n), C (m×n), Q (n×n, symmetric), R (m×m, symmetric positive definite) and the
// state/observation noise cross-covariance S (n×m; nil means zero). It uses structured doubling
// (see the package documentation), then verifies the residual and that A − K C is stable. An
// error is returned when the arguments are malformed or no stabilising solution exists (for
// example an unstable mode that C does not observe).
func SolveDARE(a, c mat.Matrix, q, r mat.Symmetric, s mat.Matrix) (*mat.SymDense, error) {
	n, _, err := checkDARE(a, c, q, r, s)
	if err != nil {
		return nil, err
	}
	rch, err := Cholesky(r, "DARE: R")
	if err != nil {
		return nil, err
	}
	// Remove the cross-covariance: Ā = A − S R⁻¹ C, Q̄ = Q − S R⁻¹ Sᵀ.
	abar := mat.DenseCopyOf(a)
	hk := mat.NewDense(n, n, nil)
	hk.Copy(q)
	if s != nil {
		var rinvC, rinvSt, t mat.Dense
		if err := rch.SolveTo(&rinvC, c); err != nil {
			return nil, fmt.Errorf("linalg: DARE: %w", err)
		}
		t.Mul(s, &rinvC)
		abar.Sub(abar, &t)
		if err := rch.SolveTo(&rinvSt, s.T()); err != nil {
			return nil, fmt.Errorf("linalg: DARE: %w", err)
		}
		t.Reset()
		t.Mul(s, &rinvSt)
		hk.Sub(hk, &t)
	}
	// G = Cᵀ R⁻¹ C.
	var rinvC mat.Dense
	if err := rch.SolveTo(&rinvC, c); err != nil {
		return nil, fmt.Errorf("linalg: DARE: %w", err)
	}
	gk := mat.NewDense(n, n, nil)
	gk.Mul(c.T(), &rinvC)
	symmetrizeInPlace(gk)
	symmetrizeInPlace(hk)
	ak := mat.NewDense(n, n, nil)
	ak.CloneFrom(abar.T())

	eye := identity(n)
	var w, winvA, winvG, t1, t2 mat.Dense
	var lu mat.LU
	converged := false
	for range 100 {
		w.Mul(gk, hk)
		w.Add(&w, eye)
		lu.Factorize(&w)
		if lu.Cond() > 1e14 {
			return nil, fmt.Errorf("linalg: DARE: doubling breakdown (I + G H singular); no stabilising solution")
		}
		if err := lu.SolveTo(&winvA, false, ak); err != nil {
			return nil, fmt.Errorf("linalg: DARE: doubling breakdown: %v", err)
		}
		if err := lu.SolveTo(&winvG, false, gk); err != nil {
			return nil, fmt.Errorf("linalg: DARE: doubling breakdown: %v", err)
		}
		// H_{k+1} = H_k + A_kᵀ H_k W⁻¹ A_k.
		t1.Mul(hk, &winvA)
		t2.Mul(ak.T(), &t1)
		hnew := mat.NewDense(n, n, nil)
		hnew.Add(hk, &t2)
		symmetrizeInPlace(hnew)
		// G_{k+1} = G_k + A_k W⁻¹ G_k A_kᵀ.
		t1.Mul(&winvG, ak.T())
		t2.Mul(ak, &t1)
		gk.Add(gk, &t2)
		symmetrizeInPlace(gk)
		// A_{k+1} = A_k W⁻¹ A_k.
		t1.Mul(ak, &winvA)
		ak.Copy(&t1)

		var d mat.Dense
		d.Sub(hnew, hk)
		hk = hnew
		if !AllFinite(hk) {
			return nil, fmt.Errorf("linalg: DARE: doubling diverged; no stabilising solution")
		}
		if mat.Norm(&d, 1) <= 1e-13*math.Max(1, mat.Norm(hk, 1)) {
			converged = true
			break
		}
	}
	if !converged {
		return nil, fmt.Errorf("linalg: DARE: doubling did not converge in 100 iterations; no stabilising solution found")
	}
	p := Symmetrize(hk)
	if err := verifyDARE(a, c, q, r, s, p); err != nil {
		return nil, err
	}
	return p, nil
}

// verifyDARE checks that p solves the equation and stabilises the predictor.
func verifyDARE(a, c mat.Matrix, q, r mat.Symmetric, s mat.Matrix, p *mat.SymDense) error {
	k, sig, err := predictorGain(a, c, r, s, p)
	if err != nil {
		return err
	}
	n, _ := a.Dims()
	// Residual: A P Aᵀ + Q − K Σe Kᵀ − P.
	var ap, apa, ksk, t mat.Dense
	ap.Mul(a, p)
	apa.Mul(&ap, a.T())
	t.Mul(k, sig)
	ksk.Mul(&t, k.T())
	res := mat.NewDense(n, n, nil)
	res.Add(&apa, q)
	res.Sub(res, &ksk)
	res.Sub(res, p)
	scale := math.Max(1, math.Max(mat.Norm(p, 1), mat.Norm(q, 1)))
	if rr := mat.Norm(res, 1) / scale; rr > 1e-7 {
		return fmt.Errorf("linalg: DARE: solution residual %.3g too large; no accurate stabilising solution", rr)
	}
	var kc, cl mat.Dense
	kc.Mul(k, c)
	cl.Sub(a, &kc)
	rho, err := SpectralRadius(&cl)
	if err != nil {
		return fmt.Errorf("linalg: DARE: %w", err)
	}
	if rho >= 1 {
		return fmt.Errorf("linalg: DARE: closed loop A − K C has spectral radius %.6g ≥ 1; no stabilising solution", rho)
	}
	return nil
}

// predictorGain returns K = (A P Cᵀ + S)(C P Cᵀ + R)⁻¹ and Σe = C P Cᵀ + R.
func predictorGain(a, c mat.Matrix, r mat.Symmetric, s mat.Matrix, p mat.Symmetric) (*mat.Dense, *mat.SymDense, error) {
	var pct, cpc, apct mat.Dense
	pct.Mul(p, c.T())
	cpc.Mul(c, &pct)
	cpc.Add(&cpc, r)
	sig := Symmetrize(&cpc)
	apct.Mul(a, &pct)
	if s != nil {
		apct.Add(&apct, s)
	}
	ch, err := Cholesky(sig, "innovation covariance C P Cᵀ + R")
	if err != nil {
		return nil, nil, err
	}
	var kt mat.Dense
	if err := ch.SolveTo(&kt, apct.T()); err != nil {
		return nil, nil, fmt.Errorf("linalg: %w", err)
	}
	k := mat.NewDense(kt.RawMatrix().Cols, kt.RawMatrix().Rows, nil)
	k.Copy(kt.T())
	return k, sig, nil
}

func checkDARE(a, c mat.Matrix, q, r mat.Symmetric, s mat.Matrix) (n, m int, err error) {
	n, nc := a.Dims()
	if n != nc {
		return 0, 0, fmt.Errorf("linalg: DARE: A is %d×%d, need square", n, nc)
	}
	m, cc := c.Dims()
	if cc != n {
		return 0, 0, fmt.Errorf("linalg: DARE: C is %d×%d, need %d columns to match A", m, cc, n)
	}
	if q.SymmetricDim() != n {
		return 0, 0, fmt.Errorf("linalg: DARE: Q is %d×%d, need %d×%d", q.SymmetricDim(), q.SymmetricDim(), n, n)
	}
	if r.SymmetricDim() != m {
		return 0, 0, fmt.Errorf("linalg: DARE: R is %d×%d, need %d×%d", r.SymmetricDim(), r.SymmetricDim(), m, m)
	}
	if s != nil {
		if sr, sc := s.Dims(); sr != n || sc != m {
			return 0, 0, fmt.Errorf("linalg: DARE: S is %d×%d, need %d×%d", sr, sc, n, m)
		}
		if !AllFinite(s) {
			return 0, 0, fmt.Errorf("linalg: DARE: S has NaN or Inf entries")
		}
	}
	if !AllFinite(a) || !AllFinite(c) || !AllFinite(q) || !AllFinite(r) {
		return 0, 0, fmt.Errorf("linalg: DARE: A, C, Q or R has NaN or Inf entries")
	}
	return n, m, nil
}

func symmetrizeInPlace(m *mat.Dense) {
	n, _ := m.Dims()
	for i := range n {
		for j := i + 1; j < n; j++ {
			v := 0.5 * (m.At(i, j) + m.At(j, i))
			m.Set(i, j, v)
			m.Set(j, i, v)
		}
	}
}

func identity(n int) *mat.Dense {
	d := mat.NewDense(n, n, nil)
	for i := range n {
		d.Set(i, i, 1)
	}
	return d
}
