package linalg

import (
	"fmt"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"
)

// Symmetrize returns (M + Mᵀ)/2 for a square M.
func Symmetrize(m mat.Matrix) *mat.SymDense {
	n, _ := m.Dims()
	s := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			s.SetSym(i, j, 0.5*(m.At(i, j)+m.At(j, i)))
		}
	}
	return s
}

// Eigenvalues returns the eigenvalues of the square matrix a.
func Eigenvalues(a mat.Matrix) ([]complex128, error) {
	r, c := a.Dims()
	if r != c {
		return nil, fmt.Errorf("linalg: matrix is %d×%d, need square", r, c)
	}
	if r == 0 {
		return nil, nil
	}
	if !AllFinite(a) {
		return nil, fmt.Errorf("linalg: matrix has NaN or Inf entries")
	}
	var e mat.Eigen
	if !e.Factorize(a, mat.EigenNone) {
		return nil, fmt.Errorf("linalg: eigendecomposition did not converge")
	}
	return e.Values(nil), nil
}

// SpectralRadius returns max |λ| over the eigenvalues of the square matrix a.
func SpectralRadius(a mat.Matrix) (float64, error) {
	ev, err := Eigenvalues(a)
	if err != nil {
		return 0, err
	}
	var rho float64
	for _, v := range ev {
		rho = math.Max(rho, cmplx.Abs(v))
	}
	return rho, nil
}

// AllFinite reports whether every entry of m is finite.
func AllFinite(m mat.Matrix) bool {
	r, c := m.Dims()
	for i := range r {
		for j := range c {
			v := m.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return false
			}
		}
	}
	return true
}

// IsPSD reports whether the symmetric matrix s is positive semi-definite up to a relative
// tolerance: its smallest eigenvalue is ≥ −tol·max(1, largest |eigenvalue|).
func IsPSD(s mat.Symmetric, tol float64) bool {
	if s.SymmetricDim() == 0 {
		return true
	}
	var e mat.EigenSym
	if !e.Factorize(s, false) {
		return false
	}
	v := e.Values(nil)
	scale := math.Max(1, math.Max(math.Abs(v[0]), math.Abs(v[len(v)-1])))
	return v[0] >= -tol*scale
}

// Cholesky factorises the symmetric positive-definite s; name is used in the error message.
func Cholesky(s mat.Symmetric, name string) (*mat.Cholesky, error) {
	var ch mat.Cholesky
	if !ch.Factorize(s) {
		return nil, fmt.Errorf("linalg: %s is not positive definite", name)
	}
	return &ch, nil
}

// LogDetPD returns log det s for symmetric positive-definite s.
func LogDetPD(s mat.Symmetric) (float64, error) {
	ch, err := Cholesky(s, "matrix")
	if err != nil {
		return 0, err
	}
	return ch.LogDet(), nil
}

// SolvePD returns X with s X = b for symmetric positive-definite s.
func SolvePD(s mat.Symmetric, b mat.Matrix) (*mat.Dense, error) {
	ch, err := Cholesky(s, "matrix")
	if err != nil {
		return nil, err
	}
	var x mat.Dense
	if err := ch.SolveTo(&x, b); err != nil {
		return nil, fmt.Errorf("linalg: %w", err)
	}
	return &x, nil
}

// Pinv returns the Moore–Penrose pseudo-inverse of m, discarding singular values below
// rcond·σ_max (rcond ≤ 0 selects max(r, c)·eps, the usual default).
func Pinv(m mat.Matrix, rcond float64) (*mat.Dense, error) {
	r, c := m.Dims()
	if r == 0 || c == 0 {
		return mat.NewDense(c, r, nil), nil
	}
	var svd mat.SVD
	if !svd.Factorize(m, mat.SVDThin) {
		return nil, fmt.Errorf("linalg: SVD did not converge")
	}
	if rcond <= 0 {
		rcond = float64(max(r, c)) * 2.220446049250313e-16
	}
	sv := svd.Values(nil)
	var u, v mat.Dense
	svd.UTo(&u)
	svd.VTo(&v)
	cut := rcond * sv[0]
	for k, s := range sv {
		inv := 0.0
		if s > cut && s > 0 {
			inv = 1 / s
		}
		for i := range c {
			v.Set(i, k, v.At(i, k)*inv)
		}
	}
	out := mat.NewDense(c, r, nil)
	out.Mul(&v, u.T())
	return out, nil
}
