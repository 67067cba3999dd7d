package commsub

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Linear is an affine map Ŷ = X·B + 1·Interceptᵀ.
type Linear struct {
	B         *mat.Dense // p×K coefficients
	Intercept []float64  // length K
}

// Predict returns X·B + intercept for X with p columns.
func (l *Linear) Predict(x mat.Matrix) (*mat.Dense, error) {
	X, err := dense("X", x)
	if err != nil {
		return nil, err
	}
	p, K := l.B.Dims()
	if _, c := X.Dims(); c != p {
		return nil, fmt.Errorf("commsub: X has %d columns, model expects %d", c, p)
	}
	n, _ := X.Dims()
	out := mat.NewDense(n, K, nil)
	out.Mul(X, l.B)
	for i := range n {
		row := out.RawRowView(i)
		for j := range row {
			row[j] += l.Intercept[j]
		}
	}
	return out, nil
}

// Ridge fits Y ≈ X·B + b0 by ridge regression with penalty lambda ≥ 0 on B (lambda = 0 is
// ordinary least squares, minimum-norm when X is rank deficient). X is n×p, Y is n×K.
func Ridge(x, y mat.Matrix, lambda float64) (*Linear, error) {
	if lambda < 0 || math.IsNaN(lambda) || math.IsInf(lambda, 0) {
		return nil, fmt.Errorf("commsub: lambda = %v, need a finite value ≥ 0", lambda)
	}
	X, Y, err := pair(x, y)
	if err != nil {
		return nil, err
	}
	mx, my := center(X), center(Y)
	B, err := ridgeCentered(X, Y, lambda)
	if err != nil {
		return nil, err
	}
	return &Linear{B: B, Intercept: intercept(mx, my, B)}, nil
}

// ridgeCentered solves the ridge problem for centred X and Y through the eigen-decomposition of
// the Gram matrix XᵀX = V D² Vᵀ: B = V diag(1/(d²+λ)) Vᵀ XᵀY, with directions of (numerically)
// zero variance dropped, which gives the minimum-norm solution when λ = 0.
func ridgeCentered(X, Y *mat.Dense, lambda float64) (*mat.Dense, error) {
	_, p := X.Dims()
	G := mat.NewSymDense(p, nil)
	G.SymOuterK(1, X.T())
	var eig mat.EigenSym
	if !eig.Factorize(G, true) {
		return nil, fmt.Errorf("commsub: eigen-decomposition of XᵀX failed")
	}
	d2 := eig.Values(nil)
	var V mat.Dense
	eig.VectorsTo(&V)
	var top float64
	for _, v := range d2 {
		top = math.Max(top, v)
	}
	tol := top * float64(p) * 1e-13
	var XtY mat.Dense
	XtY.Mul(X.T(), Y)
	VtXtY := mat.NewDense(p, Y.RawMatrix().Cols, nil)
	VtXtY.Mul(V.T(), &XtY)
	for i, v := range d2 {
		s := 0.0
		if v > tol {
			s = 1 / (v + lambda)
		}
		row := VtXtY.RawRowView(i)
		for j := range row {
			row[j] *= s
		}
	}
	B := mat.NewDense(p, Y.RawMatrix().Cols, nil)
	B.Mul(&V, VtXtY)
	return B, nil
}

func intercept(mx, my []float64, B *mat.Dense) []float64 {
	b0 := append([]float64(nil), my...)
	for i, m := range mx {
		for j, v := range B.RawRowView(i) {
			b0[j] -= m * v
		}
	}
	return b0
}
