// Package multiarea models several interacting neural populations: a coupled multi-area linear
// dynamical system generator, a data-constrained multi-region rate RNN trained by recursive least
// squares with its decomposition into region-to-region currents, and a three-region synthetic
// benchmark for it.
//
// Coupled multi-area LDS. Area i has state x_i (n_i dims) and input u_i:
//
//	x_i(t+1) = A_ii x_i(t) + B_i u_i(t) + Σ_{j≠i} A_ij x_j(t) + w_i(t),   w_i ~ N(0, σ_i² I).
//
// A_ij (j ≠ i) is the communication matrix from area j to area i. Its row space is the
// communication subspace of the source area; NewTwoArea builds a two-area system whose
// communication subspace is aligned with the high- or the low-variance dimensions of the source,
// so that communication need not follow the source's dominant principal components
// (Semedo et al. 2019, Neuron 102:249).
//
// Data-constrained multi-region RNN (after Perich, Arlt, ... & Rajan 2020, bioRxiv
// 10.1101/2020.12.18.423348, "Inferring brain-wide interactions using data-constrained recurrent
// neural network models", CURBD). One rate unit per recorded neuron, N units:
//
//	τ dh/dt = −h + J r + η(t),   r = tanh(h),
//
// integrated by Euler steps of dt = dt_data / DtFactor. η is AR(1)-filtered white noise
// (time constant τ_WN, stationary standard deviation AmpWN), drawn once and reused in every pass.
// The data a (T samples × N units, scaled into (−1, 1)) are targets for r. J starts at
// g·N(0, 1)/√N. At every data sample t (every DtFactor steps) recursive least squares
// (FORCE, Sussillo & Abbott 2009) updates all rows of J with one shared inverse-correlation
// matrix P (every row sees the same presynaptic rates r):
//
//	e = r − a(t),  k = P r,  c = 1/(1 + rᵀk),  P ← P − c k kᵀ,  J ← J − c e kᵀ.
//
// P starts at P0·I. A pass starts from h(0) = atanh(a(0)) and runs through the data. Fit quality
// is pVar = 1 − ‖a − r‖²_F / (N·T·var(a)), with r sampled at the data times.
//
// These passes reproduce the data with many different J, so the connectivity (and the current
// decomposition) they find is not pinned down by the data. Optional teacher-forced passes come
// first: the recurrent input is computed from the recorded rates and RLS regresses J onto the
// input each unit needs, z(t) = h(t) + τ (h(t+1) − h(t))/dt_data with h = atanh(a), i.e. ridge
// regression z ≈ J a with penalty λ‖J − J0‖² (P starts at I/(λ·passes)). Ordinary passes then
// continue from that J and P.
//
// Current decomposition (CURBD): with regions R_1..R_M, the current from source region j into
// target region i is C_ij(t) = J[R_i, R_j] r_{R_j}(t); summed over j it is the total recurrent
// input J r into R_i.
//
// Three-region benchmark (in the spirit of CURBD's synthetic example): three tanh networks of N
// units, τ dh/dt = −h + g J r + input + coupling; region A is autonomous and chaotic (g = 1.8),
// region B is driven by a Gaussian bump sweeping across its units (a sequence), region C by
// fixed input patterns that switch every few seconds. Directed pairs are coupled sparsely and
// index-matched: a random fraction of target units i receive amp·r_i of the source. By default
// only A→B, B→C and C→A are coupled, so the decomposition can be checked against the truth.
package multiarea
