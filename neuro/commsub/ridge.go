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

// ridgeCentered solves the ridge problem for centred X and Y through the SVD of X.
func ridgeCentered(X, Y *mat.Dense, lambda float64) (*mat.Dense, error) {
	var svd mat.SVD
	if !svd.Factorize(X, mat.SVDThin) {
		return nil, fmt.Errorf("commsub: SVD of X failed")
	}
	d := svd.Values(nil)
	var U, V mat.Dense
	svd.UTo(&U)
	svd.VTo(&V)
	tol := 0.0
	if len(d) > 0 {
		n, p := X.Dims()
		tol = d[0] * float64(max(n, p)) * 1e-14
	}
	UtY := mat.NewDense(len(d), Y.RawMatrix().Cols, nil)
	UtY.Mul(U.T(), Y)
	for i, di := range d {
		s := 0.0
		if di > tol {
			s = di / (di*di + lambda)
		}
		row := UtY.RawRowView(i)
		for j := range row {
			row[j] *= s
		}
	}
	B := mat.NewDense(V.RawMatrix().Rows, Y.RawMatrix().Cols, nil)
	B.Mul(&V, UtY)
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
