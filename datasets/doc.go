// Package datasets brings real recordings into Go: one call finds (or
// downloads) a public dataset, parses its native format and returns gonum
// matrices and gota DataFrames with channel names, units, sampling rate and
// events.
//
// Conventions (see DESIGN.md): a recording is a slice of trials, each a
// *mat.Dense with one row per time bin and one column per channel; a
// continuous recording is one trial.
//
// Recording.Epochs cuts a continuous recording into windows
// [t + start, t + end) around event times t.
//
// Spike trains are kept as a tidy table (unit, time, trial) and binned into
// counts: bin b of a window aligned at time a covers
//
//	[a + Start + b·Width, a + Start + (b+1)·Width),
//
// and entry (b, u) counts the spikes of unit u in that interval. Smoothing
// along time is either Gaussian, y_t = Σ_k w_k x_{t−k} with
// w_k ∝ exp(−k²/2σ²) for |k| ≤ 4σ, renormalised at the edges, or causal
// exponential, y_t = α y_{t−1} + (1 − α) x_t with α = exp(−1/τ) (σ and τ in
// bins). The per-unit summary reports the rate n/T and the coefficient of
// variation of the inter-spike intervals, CV = sd(ISI)/mean(ISI).
//
// File formats live in subpackages: edf (EDF/EDF+), npy (NPY/NPZ), matv5
// (MAT level 5), postrack (video position tracking) and wfdb (PhysioNet
// annotations). The registry (Catalog, Store) names public datasets with
// their official source, size, SHA-256, licence and citation, and finds a
// file in the NEURODYN_DATA directories, then the user cache, then downloads
// it into the cache with its checksum verified.
//
// Data sources: Schalk et al. 2004 (PhysioNet eegmmidb); Churchland et al.
// 2012 and Pei et al. 2021 (NLB MC_Maze); Golub et al. 2018; Elsayed &
// Cunningham 2017; Flint et al. 2012 / Burkhart et al. 2020; Pals et al.
// 2024; the nelpy example data. See Catalog for the full citations.
package datasets
