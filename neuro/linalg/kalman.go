package linalg

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// KalmanGain is the steady-state Kalman filter of x_{k+1} = A x_k + w_k, y_k = C x_k + v_k,
// cov([w; v]) = [Q S; Sᵀ R].
type KalmanGain struct {
	P     *mat.SymDense // steady-state one-step prediction error covariance cov(x_k − x̂_{k|k−1})
	Innov *mat.SymDense // innovation covariance Σe = C P Cᵀ + R
	K     *mat.Dense    // predictor gain: x̂_{k+1|k} = A x̂_{k|k−1} + K (y_k − C x̂_{k|k−1})
	Kf    *mat.Dense    // filter gain: x̂_{k|k} = x̂_{k|k−1} + Kf (y_k − C x̂_{k|k−1})
}

// SteadyStateKalman solves the predictor DARE (see SolveDARE) and returns the gains. s may be
// nil (zero cross-covariance).
func SteadyStateKalman(a, c mat.Matrix, q, r mat.Symmetric, s mat.Matrix) (*KalmanGain, error) {
	p, err := SolveDARE(a, c, q, r, s)
	if err != nil {
		return nil, err
	}
	k, sig, err := predictorGain(a, c, r, s, p)
	if err != nil {
		return nil, err
	}
	ch, err := Cholesky(sig, "innovation covariance")
	if err != nil {
		return nil, err
	}
	var pct, kft mat.Dense
	pct.Mul(p, c.T())
	if err := ch.SolveTo(&kft, pct.T()); err != nil {
		return nil, fmt.Errorf("linalg: %w", err)
	}
	kf := mat.DenseCopyOf(kft.T())
	return &KalmanGain{P: p, Innov: sig, K: k, Kf: kf}, nil
}
