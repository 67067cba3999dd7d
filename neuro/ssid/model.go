package ssid

import "gonum.org/v1/gonum/mat"

// Model is a learned stochastic state-space model in innovation-ready form:
//
//	x_{k+1} = A x_k + w_k,   y_k = Cy x_k + v_k,   z_k = Cz x_k + e_k,
//	cov([w; v]) = [Q S; Sᵀ R],
//
// with the first N1 states the prioritized ones (A12 = 0) and the steady-state Kalman gains of
// the predictor driven by y. Data are modelled after removing YMean and ZMean; predictions add
// them back.
type Model struct {
	A  *mat.Dense // nx×nx, block lower-triangular when 0 < N1 < nx
	Cy *mat.Dense // ny×nx
	Cz *mat.Dense // nz×nx; nil when fitted without z

	Q *mat.SymDense // state noise covariance
	R *mat.SymDense // y noise covariance
	S *mat.Dense    // state/y noise cross-covariance (nx×ny)

	K        *mat.Dense    // predictor gain: x̂_{k+1|k} = A x̂_{k|k−1} + K e_k
	Kf       *mat.Dense    // filter gain: x̂_{k|k} = x̂_{k|k−1} + Kf e_k
	P        *mat.SymDense // steady-state prediction error covariance
	InnovCov *mat.SymDense // innovation covariance Cy P Cyᵀ + R
	XCov     *mat.SymDense // stationary state covariance dlyap(A, Q); nil when A is unstable

	YMean, ZMean []float64

	N1      int // prioritized (stage-1) states
	Horizon int // i used for the identification

	// Singular values of the stage-1 and stage-2 projections (largest first; at least the
	// retained ones), for choosing dimensions.
	SingularValues1, SingularValues2 []float64

	Report Report
}

// Report lists what the identification did beyond the textbook steps.
type Report struct {
	Columns         int     // Hankel columns used
	SkippedSegments int     // trials shorter than 2i that were left out
	SpectralRadius  float64 // of the learned A before any stabilisation
	Stabilized      bool    // eigenvalues were clipped to Config.MaxRadius
	Unstable        bool    // the returned A has spectral radius ≥ 1
}

// NX returns the state dimension.
func (m *Model) NX() int { r, _ := m.A.Dims(); return r }
