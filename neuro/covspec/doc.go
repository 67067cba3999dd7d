// Package covspec computes, fits and simulates the eigenvalue spectrum of long-window
// covariances of random recurrent networks.
//
// Linear theory (Hu & Sompolinsky 2022, PLoS Comput Biol 18:e1010327). For
//
//	τ dx/dt = −x + J x + ξ(t),  J_ij ~ N(0, g²/N),  ⟨ξ_i(t)ξ_j(s)⟩ = σ² δ_ij δ(t−s),
//
// the covariance of activity summed over windows much longer than τ/(1−g), divided by the window
// length, is C = σ²(I − J)⁻¹(I − J)⁻ᵀ. As N → ∞ the eigenvalues x of C/σ² have a density p_g(x)
// (IID) on [x₋, x₊], x± = [2 + 5g² − g⁴/4 ± (g/4)(8+g²)^{3/2}] / [2(1−g²)³], with mean
// 1/(1−g²) and participation-ratio dimension PR/N = (Σx)²/(NΣx²) = (1−g²)². Near g = 1 the
// density has a power-law tail p ≈ (√3/2π) x^{−5/3} and the k-th largest eigenvalue is about
// (4πk/(3√3N))^{−3/2}. Reciprocal motifs, corr(J_ij, J_ji) = κ (Motif; symmetric and
// antisymmetric limits in closed form), a finite number M of windows, α = N/M (TimeSampled;
// PR/N = D₀/(1+αD₀)), and observing a fraction f of the neurons (SpaceSampled;
// PR/N = D₀/(f+(1−f)D₀)) change the density in closed form (cubic, quartic, quintic equations).
// Tabulate integrates any of them; Fit normalises an empirical spectrum by its mean and fits g
// (and optionally α, f or κ) by minimising the Cramér–von Mises distance; Bootstrap gives intervals.
//
// Nonlinear networks (Shen & Hu 2025, arXiv 2508.05288). For
//
//	τ dh/dt = −h + J φ(h) + σ√τ ξ(t),  r = φ(h),
//
// the long-window covariance spectrum of r (or h) follows the linear theory with g replaced by an
// effective gain g_eff = g⟨φ'(h)⟩ (the linear response of φ under the stationary, near-Gaussian
// distribution of h). In the noiseless chaotic state (g > 1 for tanh) dynamic mean-field theory
// gives h ~ N(0, Δ₀) with Δ₀²/2 = g² Var_z[Φ(√Δ₀ z)], Φ' = φ (DMFTChaos), and g_eff stays just
// below 1 (0.987, 0.974, 0.958 at g = 1.5, 2, 3): the dimension is smallest near the transition.
// With noise, DMFTNoise solves the stationary DMFT (1 − ∂²_t)Δ = g²C_φ + σ²δ(t) for the
// autocovariance Δ(t) of h and gives g_eff = g E[φ'(√Δ₀ z)] in every regime.
// Simulate integrates the network by Euler–Maruyama (or exponential Euler), several independent runs at once as one
// matrix–matrix product per step, and records window averages, ⟨φ'⟩, the largest Lyapunov
// exponent and the population autocorrelation; Sweep runs many configurations in parallel.
package covspec
