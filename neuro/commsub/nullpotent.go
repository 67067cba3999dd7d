package commsub

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// NullPotent is the split of source space under a mapping y = W x.
type NullPotent struct {
	Potent *mat.Dense // p×r orthonormal basis of the row space of W (changes the target)
	Null   *mat.Dense // p×(p−r) orthonormal basis of its complement (invisible to the target); nil when r = p
}

// SplitNullPotent splits the p-dimensional source space under the K×p mapping W (for a
// regression Ŷ = X B, pass Bᵀ). The rank r is numerical: singular values below
// tol·σ_max count as zero; tol = 0 uses 1e-10.
func SplitNullPotent(w mat.Matrix, tol float64) (*NullPotent, error) {
	W, err := dense("W", w)
	if err != nil {
		return nil, err
	}
	if tol < 0 || tol >= 1 {
		return nil, fmt.Errorf("commsub: tol = %v, need 0 ≤ tol < 1", tol)
	}
	if tol == 0 {
		tol = 1e-10
	}
	_, p := W.Dims()
	var svd mat.SVD
	if !svd.Factorize(W, mat.SVDFullV) {
		return nil, fmt.Errorf("commsub: SVD of W failed")
	}
	s := svd.Values(nil)
	r := 0
	for _, v := range s {
		if v > tol*s[0] {
			r++
		}
	}
	if r == 0 {
		return nil, fmt.Errorf("commsub: W is zero, no potent space")
	}
	var V mat.Dense
	svd.VTo(&V)
	np := &NullPotent{Potent: mat.DenseCopyOf(V.Slice(0, p, 0, r))}
	if r < p {
		np.Null = mat.DenseCopyOf(V.Slice(0, p, r, p))
	}
	return np, nil
}

// VarianceFractions returns the fractions of the total variance of X (n×p, rows are samples)
// that lie in the potent and in the null space; they sum to one.
func (s *NullPotent) VarianceFractions(x mat.Matrix) (potent, null float64, err error) {
	X, err := dense("X", x)
	if err != nil {
		return 0, 0, err
	}
	p, _ := s.Potent.Dims()
	if _, c := X.Dims(); c != p {
		return 0, 0, fmt.Errorf("commsub: X has %d columns, split has %d", c, p)
	}
	center(X)
	tot := mat.Norm(X, 2)
	tot *= tot
	if tot == 0 {
		return 0, 0, fmt.Errorf("commsub: X has no variance")
	}
	var P mat.Dense
	P.Mul(X, s.Potent)
	pv := mat.Norm(&P, 2)
	pv *= pv
	return pv / tot, 1 - pv/tot, nil
}
