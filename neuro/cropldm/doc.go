// Package cropldm implements CroP-LDM, prioritized learning of cross-population dynamics (Jha,
// Sani, Pesaran & Shanechi, J. Neural Eng. 2025, doi:10.1088/1741-2552/ade569): a linear
// dynamical model of a source population y whose first n1 latent states are learned to predict
// a target population z, so that cross-population dynamics are not masked by the (often larger)
// within-population dynamics.
//
// Model (y = source, z = target, both mean-removed):
//
//	x_{k+1} = A x_k + w_k,   A = [A11 0; A21 A22]    x = [x⁽¹⁾ (n1 cross states); x⁽²⁾ (n2 within-source)]
//	y_k = Cy x_k + v_k,      z_k = Cz x_k + e_k,      cov([w; v]) = [Q S; Sᵀ R]
//
// The cross-population dynamics are the eigenvalues of A11. Within-target dynamics stay in e_k.
//
// Learning is PSID's two-stage prioritized subspace identification (package neuro/ssid) with
// the source as the primary signal and the target as the prioritized one: stage 1 takes the
// top n1 directions of the projection of the target's future onto the source's past; optional
// stage 2 adds n2 = nx − n1 within-source states. Cz is refitted on the Kalman-predicted states.
//
// Inference of the target from the source:
//
//	causal (one-step)  ẑ_{k|k−1} = Cz x̂_{k|k−1}             (source samples before k)
//	filtered           ẑ_{k|k}   = Cz x̂_{k|k−1} + L e_k       (adds the current source sample)
//	smoothed           ẑ_{k|T}   = ẑ_{k|k} + r̂_k             (whole trial, forward-backward)
//
// with e_k = y_k − Cy x̂_{k|k−1} the source innovation and r̂_k the prediction of the filtered
// residual r_k = z_k − ẑ_{k|k} by a second, backward model learned in reversed time from the
// later source samples y_{k+1}, …, y_{T−1} (Config.NonCausal).
//
// Which choices are ours. The paper's Methods could not be read (only its abstract); the spec
// marks the following as inferred, and this package makes these choices:
//   - The learning algorithm is PSID with source = primary and target = prioritized signal
//     (orthogonal projection by default; Config.Oblique projects along the target's own past).
//   - L is learned by least squares of the one-step target residual on the source innovation
//     (full rank), following "PSID with filtering" (Sani & Shanechi, arXiv:2507.15288).
//   - Smoothing is forward-backward (the route of Sani & Shanechi, arXiv:2507.15288): a model
//     identified by subspace methods is in innovation form, its state a function of the past
//     (Q − S R⁻¹ Sᵀ ≈ 0), so an RTS pass on it adds almost nothing. The backward model is a
//     CroP-LDM with the same n1 and horizon, fitted on the time-reversed source and the
//     time-reversed filtered residual. The RTS smoother (steady-state, after decorrelating the
//     noises: Ã = A − S R⁻¹ Cy, Q̃ = Q − S R⁻¹ Sᵀ, known input S R⁻¹ y_k) is kept for
//     generative models such as the simulation's true model, to give the ideal smoothed accuracy.
//   - n1 is chosen by k-fold cross-validation of the causal target CC with the one-standard-
//     error rule (neuro/crossval.OneSE); the horizon i by the best cross-validated CC.
//   - Interaction pathways are scored three ways: the cross-validated source→target CC of every
//     ordered region pair, a partial R² = (SSE_own − SSE_own+source)/SSE_own comparing a
//     model of the target from its own past (PathwayConfig.OwnStates states) with one from its
//     own and the source's past (OwnStates + n1 states), and the eigenvalues of A11 per pathway
//     as frequency and decay time. Pairwise scores cannot tell a direct from an indirect
//     pathway (A → B → C also gives A → C some partial R²).
//   - Simulations: three latent blocks (cross, within-source, within-target) with unit-variance
//     states, poles of magnitude U(0.5, 0.99), 75 % complex pairs, loadings scaled by a within
//     gain, and observation noise as a fraction of each channel's signal variance.
//
// Baselines with the same Predictor interface: non-prioritized SID of the source (Fit with
// N1 = 0), a joint SID of [source; target] predicting the target from the source-only Kalman
// filter (FitJointLDM), an EM-fitted joint LDS with the target treated as missing (FitEMLDS,
// package neuro/lds), and static reduced-rank regression, same-bin or with lags (FitRRR,
// package neuro/commsub).
package cropldm
