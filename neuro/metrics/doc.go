// Package metrics scores model predictions and learned dynamics.
//
// Prediction accuracy of a multichannel signal y (trials of T×n matrices, scored over all
// samples of all trials pooled in time) against a prediction ŷ:
//
//	CC_c  = Pearson correlation of y[:,c] and ŷ[:,c]                        (per channel)
//	R²_c  = 1 − Σ_t (y_tc − ŷ_tc)² / Σ_t (y_tc − ȳ_c)²                       (per channel)
//	pooled R² = 1 − Σ_c Σ_t (y_tc − ŷ_tc)² / Σ_c Σ_t (y_tc − ȳ_c)²           (DLAG convention)
//
// The PSID family reports the channel average of CC_c and R²_c (Sani et al., Nat. Neurosci.
// 24:140, 2021); DLAG (Gokcen et al., Nat. Comput. Sci. 2022) reports the pooled R².
//
// Learned dynamics are compared through eigenvalues: the normalized eigenvalue error
//
//	e = ‖λ_true − λ_learned[π]‖₂ / ‖λ_true‖₂
//
// where π is the assignment between true and learned eigenvalues minimising Σ|λ_i − λ_π(i)|
// (Hungarian algorithm). When the two lists differ in length the shorter one is padded with
// zeros (a mode at the origin, i.e. no dynamics); this padding is our choice.
//
// Generative models (Pals et al., NeurIPS 2024) are scored against data by
//
//	D_stsp = KL(p_data ‖ p_gen) between Gaussian kernel density estimates of the two state-space
//	         point clouds (Dstsp; exact float64 log-sum-exp, or the reference code's float32 mode,
//	         which drops underflowing samples and is biased low),
//	D_H    = mean over channels of the Hellinger distance between smoothed, normalised power
//	         spectra (PowerSpectra, Hellinger, DH),
//
// and spike trains by their statistics: MeanRate, ISIStats (mean and coefficient of variation of
// inter-spike intervals), PairwiseCorrelations and Autocorrelation.
//
// Hungarian solves the rectangular linear assignment problem exactly in O(n² m) (shortest
// augmenting paths with dual potentials; Kuhn 1955, Munkres 1957, Jonker & Volgenant 1987).
package metrics
