// Package smc fits low-rank recurrent neural networks with stochastic transitions to noisy,
// high-dimensional recordings by variational sequential Monte Carlo, after Pals, Sağtekin, Pei,
// Gloeckler & Macke, "Inferring stochastic low-rank recurrent neural networks from neural data",
// NeurIPS 2024.
//
// # Model (a state-space model)
//
//	c_t     = M z_t + W_u v_t                        unit currents, M ∈ R^{N×R}
//	z_{t+1} = a z_t + N_w φ(c_t; h) + ε_t,           ε_t ~ N(0, Σ_z),  z_0 ~ N(μ_0, Σ_0)
//	x_t     ~ p(x | η_t),  η_t = B ⊙ c_t + b         (one-to-one readout of the currents, d_x = N)
//	                       η_t = Cᵀ z_t + b           (affine readout of the latents)
//
// with a = exp(−exp θ) ∈ (0, 1), φ = relu(c − h) or the clipped ReLU max(c + h, 0) − max(c, 0),
// Gaussian observations N(η, diag σ_x²) or Poisson counts with rate softplus(η) or exp(η), and
// inputs v_t = u_t or low-pass filtered, v_t = a v_{t−1} + (1 − a) u_{t−1}. Σ_z is full
// (Σ = L Lᵀ, L_ii = exp(P_ii/2)) or diagonal.
//
// # Particle filters and the VSMC objective
//
// K particles per trial, resampled at every step (systematic by default) from detached
// weights. The objective is the time-averaged log evidence estimate
//
//	L = (1/T) Σ_t log( (1/K) Σ_k w_t^k ),   w_t^k = p(x_t | z_t^k) p(z_t^k | z_{t−1}^{A_t^k}) / q(z_t^k | …),
//
// maximised with reparameterised proposals and without the resampling score term (the biased
// gradient of Naesseth et al., Le et al., Maddison et al. 2018). Proposals:
//
//   - Bootstrap: q = transition, w = p(x_t | z_t).
//   - Optimal (Gaussian, linear readout H = diag(B) M or Cᵀ): q = p(z_t | z_{t−1}, x_t) =
//     N(f + P(g_t − G f), P) with, in information form, G = Hᵀ R⁻¹ H, g_t = Hᵀ R⁻¹ (x_t − b − …),
//     P = (Σ_z⁻¹ + G)⁻¹ (one Cholesky per batch, not per particle); the weight is the predictive
//     density N(x_t; H f + b, H Σ_z Hᵀ + R), evaluated per particle in O(R²) through
//     ‖x − Hf‖²_{S⁻¹} = ‖ỹ‖² − 2fᵀg + fᵀGf − (g − Gf)ᵀ P (g − Gf) and
//     log det S = log det R + log det Σ_z + log det P⁻¹.
//   - Encoder: a causal CNN e(z_t | x) = N(μ_e(t), diag σ_e²(t)) multiplied with the (diagonal)
//     transition: precision 1/σ_z² + 1/σ_e², mean (f/σ_z² + μ_e/σ_e²)/precision.
//
// # Implementation
//
// One batch is recorded on a neuro/autodiff tape: the per-batch quantities (decay, Kalman
// information matrices, Cholesky factors, readout, CNN encoder) are ordinary tape ops, and the
// particle filters of all trials are one fused op (autodiff.Func) with hand-written forward and
// backward loops over particles, parallel over the trials of the batch (one random stream per
// trial derived from the seed, gradients reduced in trial order, so results do not depend on
// scheduling). Fit trains with RAdam and an exponentially decaying learning rate per epoch.
// Filter and Smooth (conditional backward simulation) give posterior latent means; Generate
// samples long trajectories.
//
// For Poisson observations with the bootstrap and encoder proposals the likelihood's gradient
// is accumulated in the forward pass: with ancestors treated as constants, ∂J/∂ log w_t^k is the
// normalised weight w̄_t^k (times the output scale), so right after step t's weights are
// normalised the readout gradients Σ_k w̄_t^k q_t^k z_t^kᵀ and Σ_k w̄_t^k q_t^k (q = ∂ log p/∂η)
// are added up while q is in cache, and each particle keeps only its latent adjoint Hᵀq_t^k. The
// backward pass scales these and propagates latent adjoints through proposals, transitions
// and ancestors; the rank-2 and rank-3 transition kernels recompute the unit currents M z
// there instead of storing T×K×N of them.
//
// On CPUs with AVX2 and FMA the hot loops run four lanes at a time in assembly: the rank-2
// ReLU and rank-3 clipped-ReLU transitions over units (structure-of-arrays weights, all
// particles of a step per call, the backward pass in L1-sized chunks of units), the
// softplus-Poisson likelihood of a step's particles in one fused pass (pre-activations, exp,
// log1p, rates, derivatives and Hᵀq in registers) followed by the spiking channels' terms
// (gathered), the forward accumulation of the readout gradients,
// and the encoder's convolutions as 6×8 micro-kernel products summed over the taps (sparse
// spike-count inputs from their nonzeros). With AVX-512 (F, DQ, BW, VL) the fused
// softplus-Poisson pass runs eight channels per register and two particles at a time (masked
// last block: no scalar tail for any d_x), and the rank-2 transition backward keeps a block of
// units' weights and gradients in registers while all particles pass. Elsewhere the same maths
// runs in portable Go; all paths agree to rounding (tested to 1e-12).
package smc
