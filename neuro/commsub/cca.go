package commsub

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// CCA holds canonical correlations and directions between X (n×p) and Y (n×K).
type CCA struct {
	Corr  []float64  // canonical correlations, descending (length d = min(p, K))
	A     *mat.Dense // p×d source directions: (X − MeanX) A has identity sample covariance
	B     *mat.Dense // K×d target directions, likewise for Y
	MeanX []float64
	MeanY []float64
}

// FitCCA computes canonical correlation analysis. Both X and Y need full column rank and more
// samples than columns.
func FitCCA(x, y mat.Matrix) (*CCA, error) {
	X, Y, err := pair(x, y)
	if err != nil {
		return nil, err
	}
	n, p := X.Dims()
	_, K := Y.Dims()
	if n <= max(p, K) {
		return nil, fmt.Errorf("commsub: CCA needs more samples (%d) than columns (X %d, Y %d)", n, p, K)
	}
	mx, my := center(X), center(Y)
	Lx, err := covChol("X", X)
	if err != nil {
		return nil, err
	}
	Ly, err := covChol("Y", Y)
	if err != nil {
		return nil, err
	}
	// M = Lx⁻¹ Cxy Ly⁻ᵀ with Cxy = XᵀY/(n−1) and Cxx = Lx Lxᵀ, Cyy = Ly Lyᵀ.
	var Cxy, T, M mat.Dense
	Cxy.Mul(X.T(), Y)
	Cxy.Scale(1/float64(n-1), &Cxy)
	if err := T.Solve(Lx, &Cxy); err != nil {
		return nil, fmt.Errorf("commsub: CCA whitening X: %w", err)
	}
	if err := M.Solve(Ly, T.T()); err != nil {
		return nil, fmt.Errorf("commsub: CCA whitening Y: %w", err)
	}
	M = *mat.DenseCopyOf(M.T())
	var svd mat.SVD
	if !svd.Factorize(&M, mat.SVDThin) {
		return nil, fmt.Errorf("commsub: CCA SVD failed")
	}
	d := min(p, K)
	corr := svd.Values(nil)[:d]
	for i := range corr {
		corr[i] = math.Min(corr[i], 1)
	}
	var U, V, A, B mat.Dense
	svd.UTo(&U)
	svd.VTo(&V)
	if err := A.Solve(Lx.T(), U.Slice(0, p, 0, d)); err != nil {
		return nil, fmt.Errorf("commsub: CCA directions X: %w", err)
	}
	if err := B.Solve(Ly.T(), V.Slice(0, K, 0, d)); err != nil {
		return nil, fmt.Errorf("commsub: CCA directions Y: %w", err)
	}
	return &CCA{Corr: corr, A: &A, B: &B, MeanX: mx, MeanY: my}, nil
}

// covChol returns the lower Cholesky factor of the sample covariance of the centred X and
// rejects (numerically) rank-deficient X.
func covChol(name string, X *mat.Dense) (*mat.TriDense, error) {
	n, p := X.Dims()
	C := mat.NewSymDense(p, nil)
	C.SymOuterK(1/float64(n-1), X.T())
	var chol mat.Cholesky
	if !chol.Factorize(C) || chol.Cond() > 1e12 {
		return nil, fmt.Errorf("commsub: %s is rank deficient (a column is constant or a combination of others)", name)
	}
	L := mat.NewTriDense(p, mat.Lower, nil)
	chol.LTo(L)
	return L, nil
}
