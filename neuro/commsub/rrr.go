package commsub

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// RRR is a reduced-rank regression fit that holds the solution for every rank at once.
type RRR struct {
	Full   *mat.Dense // p×K full-rank coefficients (OLS, or ridge when Lambda > 0)
	V      *mat.Dense // K×K principal axes of the fitted targets, columns by decreasing variance
	AxisSS []float64  // sum of squares of the fitted targets along each axis (column of V)
	MeanX  []float64  // source means (length p)
	MeanY  []float64  // target means (length K)
	Lambda float64    // ridge penalty of the full-rank solution
}

// MaxRank is the largest rank the fit supports, min(p, K).
func (m *RRR) MaxRank() int { return len(m.AxisSS) }

// FitRRR fits reduced-rank regression of Y (n×K) on X (n×p). lambda = 0 gives ordinary RRR;
// lambda > 0 initialises it from ridge regression (λ-RRR).
func FitRRR(x, y mat.Matrix, lambda float64) (*RRR, error) {
	if lambda < 0 || math.IsNaN(lambda) || math.IsInf(lambda, 0) {
		return nil, fmt.Errorf("commsub: lambda = %v, need a finite value ≥ 0", lambda)
	}
	X, Y, err := pair(x, y)
	if err != nil {
		return nil, err
	}
	return fitRRRCentered(X, Y, lambda)
}

// fitRRRCentered centres X and Y in place and fits.
func fitRRRCentered(X, Y *mat.Dense, lambda float64) (*RRR, error) {
	mx, my := center(X), center(Y)
	B, err := ridgeCentered(X, Y, lambda)
	if err != nil {
		return nil, err
	}
	// Principal axes of Ŷ = X B from the eigen-decomposition of ŶᵀŶ = Bᵀ (XᵀX) B.
	_, K := Y.Dims()
	_, p := X.Dims()
	var XB mat.Dense
	XB.Mul(X, B)
	G := mat.NewSymDense(K, nil)
	G.SymOuterK(1, XB.T())
	var eig mat.EigenSym
	if !eig.Factorize(G, true) {
		return nil, fmt.Errorf("commsub: eigen-decomposition of the fitted targets failed")
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	V := mat.NewDense(K, K, nil)
	for j := range K { // ascending → descending
		for i := range K {
			V.Set(i, j, vecs.At(i, K-1-j))
		}
	}
	r := min(p, K)
	ss := make([]float64, r)
	for i := range r {
		ss[i] = math.Max(vals[K-1-i], 0)
	}
	return &RRR{Full: B, V: V, AxisSS: ss, MeanX: mx, MeanY: my, Lambda: lambda}, nil
}

func (m *RRR) checkRank(rank int) error {
	if rank < 0 || rank > m.MaxRank() {
		return fmt.Errorf("commsub: rank = %d, need 0 ≤ rank ≤ min(p, K) = %d", rank, m.MaxRank())
	}
	return nil
}

// Coef returns the rank-m affine map B_m = B V_m V_mᵀ with its intercept. Rank 0 predicts the
// target mean.
func (m *RRR) Coef(rank int) (*Linear, error) {
	if err := m.checkRank(rank); err != nil {
		return nil, err
	}
	p, K := m.Full.Dims()
	B := mat.NewDense(p, K, nil)
	if rank > 0 {
		Vm := m.V.Slice(0, K, 0, rank)
		var BV mat.Dense
		BV.Mul(m.Full, Vm)
		B.Mul(&BV, Vm.T())
	}
	return &Linear{B: B, Intercept: intercept(m.MeanX, m.MeanY, B)}, nil
}

// Predict returns the rank-m prediction of the target for source activity X.
func (m *RRR) Predict(x mat.Matrix, rank int) (*mat.Dense, error) {
	l, err := m.Coef(rank)
	if err != nil {
		return nil, err
	}
	return l.Predict(x)
}

// PredictiveDims returns the first rank predictive dimensions, the columns of B V_m (p×rank),
// ordered by the target variance they explain. They are not orthonormal.
func (m *RRR) PredictiveDims(rank int) (*mat.Dense, error) {
	if err := m.checkRank(rank); err != nil {
		return nil, err
	}
	if rank == 0 {
		return nil, fmt.Errorf("commsub: rank = 0 has no predictive dimensions")
	}
	p, K := m.Full.Dims()
	out := mat.NewDense(p, rank, nil)
	out.Mul(m.Full, m.V.Slice(0, K, 0, rank))
	return out, nil
}

// Subspace returns an orthonormal basis (p×r, r ≤ rank) of the span of the first rank
// predictive dimensions: the communication subspace in source space.
func (m *RRR) Subspace(rank int) (*mat.Dense, error) {
	D, err := m.PredictiveDims(rank)
	if err != nil {
		return nil, err
	}
	return orthBasis(D)
}

// orthBasis returns an orthonormal basis of the column space of D (numerical rank from the SVD).
func orthBasis(D mat.Matrix) (*mat.Dense, error) {
	var svd mat.SVD
	if !svd.Factorize(D, mat.SVDThin) {
		return nil, fmt.Errorf("commsub: SVD failed")
	}
	s := svd.Values(nil)
	r := 0
	p, c := D.Dims()
	for _, v := range s {
		if len(s) > 0 && v > s[0]*float64(max(p, c))*1e-12 {
			r++
		}
	}
	if r == 0 {
		return nil, fmt.Errorf("commsub: matrix is zero, no subspace")
	}
	var U mat.Dense
	svd.UTo(&U)
	return mat.DenseCopyOf(U.Slice(0, p, 0, r)), nil
}
