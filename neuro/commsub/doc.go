// Package commsub finds how one neural population talks to another: reduced-rank regression
// with a cross-validated rank (the communication subspace), ridge regression, factor analysis
// with a cross-validated number of factors, canonical correlation analysis, and the
// output-null / output-potent split of a source population under a mapping.
//
// Data are matrices with one row per sample (time bin or trial) and one column per neuron:
// X (n×p) is the source population, Y (n×K) the target population.
//
// Ridge / OLS. With centred Xc, Yc and the thin SVD Xc = U D Vᵀ,
//
//	B_λ = V diag(d_i/(d_i²+λ)) Uᵀ Yc,   intercept b0 = mean(Y) − mean(X) B_λ.
//
// λ = 0 is ordinary least squares (the minimum-norm solution when Xc is rank deficient, so
// neurons with zero variance get zero weight). CrossValRidge picks λ from a grid by k-fold
// cross-validation.
//
// Reduced-rank regression (Izenman 1975; Semedo, Zandvakili, Machens, Yu & Kohn 2019, Neuron
// 102:249, "Cortical areas interact through a communication subspace"). Let B be the full-rank
// (OLS or ridge-initialised) solution and V the principal axes of the fitted targets Ŷ = Xc B
// (right singular vectors, ordered by variance). The rank-m solution is
//
//	B_m = B V_m V_mᵀ,
//
// the best rank-m approximation of the fitted values. The predictive dimensions are the columns
// of B V (source-space directions ordered by the target variance they explain); they are not
// orthonormal, so Subspace returns an orthonormal basis of their span.
//
// Rank selection: k-fold cross-validation of the normalised squared error NSE = RSS/TSS (TSS
// about the test-fold mean); predictive performance is 1 − NSE. The rank is the smallest m within
// one standard error of the best mean performance (crossval.OneSE). That rank is the
// dimensionality of the interaction.
//
// Factor analysis: x = L z + μ + ε, z ~ N(0, I_q), ε ~ N(0, Ψ) with Ψ diagonal, fitted by EM
// (Rubin & Thayer 1982) with a floor on each private variance Ψ_ii ≥ floor·var(x_i). The number
// of factors is the one with the highest cross-validated log-likelihood.
//
// CCA (Hotelling 1936): directions a_i, b_i maximising corr(X a, Y b), from the SVD of Qxᵀ Qy
// where Xc = Qx Rx and Yc = Qy Ry are thin QR factorisations.
//
// Output-null / output-potent (Kaufman, Churchland, Ryu & Shenoy 2014): for a mapping y = W x
// from source to target, the potent space is the row space of W (activity there changes the
// target) and the null space its orthogonal complement (activity there is invisible to it).
// For a regression Ŷ = X B, W = Bᵀ.
package commsub
