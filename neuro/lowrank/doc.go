// Package lowrank holds low-rank recurrent neural networks: their continuous and latent forms,
// simulation, and the exact fixed points of piecewise-linear ones.
//
// Continuous form (teacher networks), N units, rank R:
//
//	τ dx/dt = −x + (1/N) M Nᵀ φ(x + b) + W_in u
//
// Latent form (Pals et al. 2024, "Inferring stochastic low-rank recurrent neural networks from
// neural data", NeurIPS; their Transition_LowRank), z ∈ R^R:
//
//	z_{t+1} = a z_t + V φ(U z_t + W v_t; h) + ε_t,   ε_t ~ N(0, Σ_z)
//
// An Euler step α = dt/τ of the continuous form is the latent form with U = M, V = α Nᵀ/N,
// a = 1 − α, h = −b and v the input low-pass filtered with the same decay; Model.Orthonormal
// rewrites a model so that U has orthonormal columns (the SVD of U V).
package lowrank
