// Package optim holds the first-order optimisers used to train neurodyn's gradient models:
// Adam, RAdam and AdamW, learning-rate schedules (exponential, step) and optional clipping of
// the global gradient norm. An Optimizer updates autodiff parameters (New) or plain float64
// slices with their gradients (NewSlices) in place; it reads the gradients and never modifies
// them, so zero them between steps yourself (autodiff.ZeroGrads or Optimizer.ZeroGrad).
//
// # Updates
//
// For every parameter entry θ with gradient g, at step t = 1, 2, … with learning rate η
// (from the schedule), decay rates β₁, β₂, ε and weight decay λ:
//
//	clipping:   g ← g · min(1, c / (‖G‖₂ + 1e-6)),  ‖G‖₂ the norm over all parameters (if c > 0)
//	Adam:       g ← g + λθ;  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²
//	            m̂ = m/(1−β₁ᵗ);  v̂ = v/(1−β₂ᵗ);  θ ← θ − η m̂/(√v̂ + ε)
//	AdamW:      θ ← θ(1 − ηλ), then the Adam update without the λθ term (decoupled decay)
//	RAdam:      Adam's g, m, v and m̂;  ρ∞ = 2/(1−β₂) − 1;  ρₜ = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ);
//	            if ρₜ > 5:  rₜ = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ)),
//	                        θ ← θ − η rₜ m̂ √(1−β₂ᵗ)/(√v + ε)
//	            else        θ ← θ − η m̂   (the variance of the adaptive rate is not yet tractable)
//
// These are the update rules of PyTorch's Adam, AdamW and RAdam (the defaults used by the
// papers neurodyn reproduces), and Step rejects a gradient containing NaN or ±Inf without
// changing anything.
//
// # Schedules
//
// The learning rate is η = Schedule.LR(η₀, e) at epoch e (EndEpoch advances e):
//
//	Exponential{Gamma, End}:  η₀γᵉ, frozen at the first epoch where it is ≤ End (if End > 0)
//	StepDecay{Every, Gamma}:  η₀γ^⌊e/Every⌋
//
// ExponentialTo(η₀, η_end, n) returns the Exponential schedule with γ = (η_end/η₀)^(1/n), as used
// by the VSMC training of Pals et al. (2024).
//
// References: Kingma & Ba, "Adam" (ICLR 2015); Loshchilov & Hutter, "Decoupled weight decay
// regularization" (ICLR 2019); Liu et al., "On the variance of the adaptive learning rate and
// beyond" (RAdam, ICLR 2020).
package optim
