// Package linalg holds the small dense linear-algebra routines that the dynamical-model packages
// (neuro/lds, neuro/ssid, neuro/cropldm) share: matrix equations of linear-Gaussian state-space
// models and numerically careful helpers around them.
//
// Discrete Lyapunov equation (stationary state covariance of x_{k+1} = A x_k + w_k, cov w = Q):
//
//	X = A X Aᵀ + Q,   solvable with X = Σ_k A^k Q (A^k)ᵀ when the spectral radius ρ(A) < 1.
//
// It is solved by squared Smith iteration (doubling): X ← X + A_k X A_kᵀ, A_k ← A_k², which
// converges quadratically for stable A.
//
// Discrete algebraic Riccati equation of the steady-state Kalman predictor for
// x_{k+1} = A x_k + w_k, y_k = C x_k + v_k, cov([w; v]) = [Q S; Sᵀ R]:
//
//	P = A P Aᵀ + Q − (A P Cᵀ + S)(C P Cᵀ + R)⁻¹(A P Cᵀ + S)ᵀ.
//
// With Ā = A − S R⁻¹ C, Q̄ = Q − S R⁻¹ Sᵀ and G = Cᵀ R⁻¹ C it becomes
// P = Ā P (I + G P)⁻¹ Āᵀ + Q̄, which is solved by the structure-preserving doubling algorithm
// (Chu, Fan & Lin, Linear Algebra Appl. 396, 2005):
//
//	W_k = I + G_k H_k
//	A_{k+1} = A_k W_k⁻¹ A_k,  G_{k+1} = G_k + A_k W_k⁻¹ G_k A_kᵀ,  H_{k+1} = H_k + A_kᵀ H_k W_k⁻¹ A_k
//
// with A_0 = Āᵀ, G_0 = G, H_0 = Q̄; H_k converges quadratically to the stabilising solution P.
// The result is verified (residual and closed-loop stability ρ(A − K C) < 1); when no stabilising
// solution exists an error says so.
//
// From P follow the innovation covariance Σe = C P Cᵀ + R, the predictor gain
// K = (A P Cᵀ + S) Σe⁻¹ (x̂_{k+1|k} = A x̂_{k|k−1} + K e_k) and the filter gain
// Kf = P Cᵀ Σe⁻¹ (x̂_{k|k} = x̂_{k|k−1} + Kf e_k).
package linalg
