package linalg

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// SolveDiscreteLyapunov returns the symmetric X with X = A X Aᵀ + Q. A must be square with
// spectral radius < 1 (otherwise the series Σ A^k Q A^kᵀ diverges and an error is returned);
// Q must be symmetric of the same size.
func SolveDiscreteLyapunov(a mat.Matrix, q mat.Symmetric) (*mat.SymDense, error) {
	n, c := a.Dims()
	if n != c {
		return nil, fmt.Errorf("linalg: Lyapunov: A is %d×%d, need square", n, c)
	}
	if q.SymmetricDim() != n {
		return nil, fmt.Errorf("linalg: Lyapunov: Q is %d×%d, A is %d×%d", q.SymmetricDim(), q.SymmetricDim(), n, n)
	}
	if !AllFinite(a) || !AllFinite(q) {
		return nil, fmt.Errorf("linalg: Lyapunov: A or Q has NaN or Inf entries")
	}
	if n == 0 {
		return mat.NewSymDense(0, nil), nil
	}
	rho, err := SpectralRadius(a)
	if err != nil {
		return nil, fmt.Errorf("linalg: Lyapunov: %w", err)
	}
	if rho >= 1 {
		return nil, fmt.Errorf("linalg: Lyapunov: A is not stable (spectral radius %.6g ≥ 1)", rho)
	}
	x := mat.NewDense(n, n, nil)
	x.Copy(q)
	ak := mat.DenseCopyOf(a)
	var tmp, term, a2 mat.Dense
	for range 200 {
		tmp.Mul(ak, x)
		term.Mul(&tmp, ak.T())
		x.Add(x, &term)
		if mat.Norm(&term, 1) <= 1e-15*mat.Norm(x, 1) {
			return Symmetrize(x), nil
		}
		a2.Mul(ak, ak)
		ak.Copy(&a2)
	}
	return nil, fmt.Errorf("linalg: Lyapunov: doubling did not converge (spectral radius %.12g)", rho)
}
