// Package ssid implements stochastic subspace identification of linear state-space models,
// standard (Van Overschee & De Moor 1996) and prioritized in two stages (PSID: Sani, Pandarinath,
// Nikolai, Shenoy & Shanechi, Nat. Neurosci. 24:140, 2021), computed entirely from covariances.
//
// Model, with y the primary signal (what the Kalman filter runs on) and z the prioritized one:
//
//	x_{k+1} = A x_k + w_k,   y_k = Cy x_k + v_k,   z_k = Cz x_k + e_k,   cov([w; v]) = [Q S; Sᵀ R]
//	x = [x⁽¹⁾; x⁽²⁾],  A = [A11 0; A21 A22]
//
// Data matrices (horizon i, per trial, columns t = 0 … T−2i; trials shorter than 2i are
// skipped and counted): Y_p = past i samples of y, Y_f = future i samples, Z_f likewise,
// Y_p⁺ = [Y_p; y_i], and ⁻ marks a future without its first block row. The orthogonal
// projection of rows is A/B = (A Bᵀ)(B Bᵀ)⁻¹ B; the oblique projection of A onto B along C is
// the B-part of the regression of A on [B; C].
//
// Stage 1 (n1 prioritized states): Ẑ = Z_f / Y_p, Ẑ⁻ = Z_f⁻ / Y_p⁺, Ẑ ≈ U₁Σ₁V₁ᵀ (top n1),
// Γ_z = U₁Σ₁^{1/2}, X⁽¹⁾_i = Γ_z⁺ Ẑ, X⁽¹⁾_{i+1} = (Γ_z⁻)⁺ Ẑ⁻, A11 by least squares.
// Stage 2 (n2 = nx − n1 states): remove from Y_f what X⁽¹⁾ explains, project the rest on the
// past the same way and take the top n2 directions; [A21 A22] by least squares on [X⁽¹⁾; X⁽²⁾].
// n1 = 0 is standard SID. Then Cy (and Cz) by least squares on X_i, Q, R, S from the residuals
// X_{i+1} − A X_i and y_i − Cy X_i, and the steady-state Kalman gains from the DARE
// (neuro/linalg). By default Cz is refitted on the Kalman-predicted states x̂_{k|k−1}.
//
// Covariance form (our implementation choice, equivalent to the data-matrix form): no J-wide
// matrix is formed. Moments holds the covariance of the stacked Hankel column, assembled
// exactly from lagged products of the series (plus at most 2i boundary terms per lag and
// trial). With Σ(Y_p⁺) = L Lᵀ and whitened past v = L⁻¹ Y_p⁺ every projection is G v for a
// small matrix G = cov(future, v); the SVD of Ẑ is the SVD of G, state sequences are T v, and
// every covariance of states and residuals is a product of these small maps.
//
// An unstable learned A is reported (Report.Unstable, Report.SpectralRadius) and, with
// Config.Stabilize, its eigenvalues above MaxRadius are clipped blockwise (Report.Stabilized).
package ssid
