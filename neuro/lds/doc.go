// Package lds is the linear dynamical system (linear-Gaussian state-space model) of neural
// population activity: simulation, exact inference, exact EM learning, cross-validated choice
// of the latent dimension, and the analyses used to read a fitted model (modes, flow fields,
// manifold perturbations, perturbed dynamics).
//
// Model (n latent states x, p observed channels y, m inputs u; time t indexes the rows of a
// trial):
//
//	x(t+1) = A x(t) + B u(t) + w(t),          w(t) ~ N(0, Q)
//	y(t)   = C x(t) + D u(t) + d + v(t),      v(t) ~ N(0, R)
//	x(0)   ~ N(Mu0, P0)
//
// Data are []*mat.Dense, one T_k×p matrix per trial (trials may differ in length); a NaN entry
// is a missing observation — per entry, not only per row.
//
// Inference. Model.Filter is the Kalman filter (causal: predicted and filtered moments,
// innovations, log-likelihood) and Model.Smooth the Rauch–Tung–Striebel smoother (non-causal:
// smoothed moments and the lag-one cross-covariances cov(x(t+1), x(t) | data)). The update
// works in information form: the observed channels o of a step are reduced to n numbers
// z = Λ^−½ Vᵀ C_oᵀ R_oo⁻¹ (y_o − d_o − D_o u), where C_oᵀ R_oo⁻¹ C_o = V Λ Vᵀ, so that
// z = Λ^½ Vᵀ x + e with e ~ N(0, I); the exact log-likelihood adds back the part of y that the
// reduction discards. The cost per step is O(n³) whatever p is, no p×p innovation covariance is
// formed or inverted, the covariance update is in Joseph form and every covariance is kept
// symmetric. Covariances do not depend on the observed values, only on which entries are
// observed, so once the Riccati recursion has converged (relative change below 1e-14) steps
// share it and a long, fully observed trial costs O(n² + n p) per step. Model.SteadyState gives
// the time-invariant filter from the discrete algebraic Riccati equation (neuro/linalg.SolveDARE)
// for long recordings and online decoding.
//
// Observation noise. R may be diagonal (C_oᵀ R_oo⁻¹ C_o costs O(p n²) per set of observed
// channels), full (exact, but O(p³) per set of observed channels plus O(p²) per step), or low-rank
// plus diagonal, R = Ψ + W Wᵀ with Ψ diagonal positive and W p×k (the factor-analysis noise
// model; Model.SetLowRankR sets Model.RLowRank and the equivalent dense Model.R, which Validate
// checks agree). For the last the filter uses the Woodbury identity
// R⁻¹ = Ψ⁻¹ − Ψ⁻¹ W (I_k + Wᵀ Ψ⁻¹ W)⁻¹ Wᵀ Ψ⁻¹ and the matrix determinant lemma
// log det R = Σ log Ψ_ii + log det(I_k + Wᵀ Ψ⁻¹ W): Cᵀ R⁻¹ C and log det R cost O(p (n + k)²) per
// set of observed channels, Cᵀ R⁻¹ r and rᵀ R⁻¹ r cost O(p (n + k)) per step, and no p×p matrix
// is formed during inference. A missing entry drops its row of Ψ and W: the observed block of R is
// again diagonal plus low rank.
//
// Learning. FitEM is exact expectation-maximisation: the E-step is the smoother, the M-step the
// closed-form maximiser of the expected complete-data log-likelihood (Shumway & Stoffer 1982;
// Ghahramani & Hinton 1996), with parameters optionally held fixed, diagonal, full or
// low-rank-plus-diagonal R, inputs and offsets. With diagonal R a missing entry drops out of its channel's regression; with full R
// missing entries are treated as latent. The log-likelihood never decreases (to round-off).
// Config.RFactors = k fits R = Ψ + W Wᵀ: the E-step keeps the full-R statistics (missing entries
// latent) and the M-step updates C, D, Dout in closed form and then Ψ and W by a few factor-analysis
// EM steps on the expected residual covariance S, each of which raises
// −½ (log det R + tr(R⁻¹ S)), so the log-likelihood still never decreases (generalised EM; this
// M-step costs O(p² k), the E-step's statistics are p×p and, as for full R, each pattern of
// missing entries costs O(p³) in the E-step). The starting W is the top-k
// eigen-directions of the starting R with half their variance, unless Init already carries a
// k-factor RLowRank. Without RFactors, a low-rank Init is replaced by its diagonal (or, with
// FullR, by the dense R) and the fitted model has no RLowRank (unless R is held fixed).
// Starting models come from PCA, factor analysis (neuro/commsub) or subspace identification
// (neuro/ssid).
//
// Model selection. SelectDim scores candidate latent dimensions by k-fold held-out
// log-likelihood and one-step-ahead prediction R² and picks one by the one-standard-error rule.
//
// Analysis. Modes (frequency and decay time of each eigenvalue of A), IsStable, FlowField
// (x ↦ (A − I) x + B u on a 2-D grid, for quiver plots), ModalForm (a canonical basis so that
// two fits can be compared), ManifoldBases and PerturbationResponse (within- versus
// outside-manifold perturbations of the neural state), and the pure functions ScaleRotation,
// Cool and Lesion that return perturbed models.
//
// References:
//
//	R. E. Kalman (1960). A new approach to linear filtering and prediction problems. J. Basic Eng. 82:35–45.
//	H. E. Rauch, F. Tung, C. T. Striebel (1965). Maximum likelihood estimates of linear dynamic
//	  systems. AIAA J. 3(8):1445–1450.
//	R. H. Shumway, D. S. Stoffer (1982). An approach to time series smoothing and forecasting
//	  using the EM algorithm. J. Time Series Anal. 3(4):253–264.
//	Z. Ghahramani, G. E. Hinton (1996). Parameter estimation for linear dynamical systems.
//	  Tech. Rep. CRG-TR-96-2, University of Toronto.
//	D. B. Rubin, D. T. Thayer (1982). EM algorithms for ML factor analysis. Psychometrika 47:69–76.
//	R. H. Shumway, D. S. Stoffer (2017). Time Series Analysis and Its Applications, 4th ed., ch. 6.
package lds
