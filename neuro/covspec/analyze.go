package covspec

import "gonum.org/v1/gonum/mat"

// SpectrumFit is the covariance spectrum of simulated or recorded windows and its fit.
type SpectrumFit struct {
	// Eigenvalues of the window covariance, descending (zeros included when M−1 < N).
	Eigenvalues []float64
	// Dimension is the participation ratio per neuron, PR/N.
	Dimension float64
	Fit       FitResult
}

// FitWindows computes the covariance spectrum of windows (one row per window, one column per
// neuron) and fits it with cfg. Unless cfg sets α, fits α or uses space sampling, α is fixed to
// the sampling ratio N/(M−1) of the M mean-removed windows.
func FitWindows(windows *mat.Dense, cfg FitConfig) (*SpectrumFit, error) {
	eigs, err := CovarianceEigenvalues(windows)
	if err != nil {
		return nil, err
	}
	m, n := windows.Dims()
	if cfg.Alpha == 0 && !cfg.FitAlpha && !cfg.FitF && (cfg.F == 0 || cfg.F == 1) {
		cfg.Alpha = float64(n) / float64(m-1)
	}
	f, err := Fit(eigs, cfg)
	if err != nil {
		return nil, err
	}
	return &SpectrumFit{Eigenvalues: eigs, Dimension: ParticipationRatio(eigs) / float64(n), Fit: f}, nil
}

// FitSpectrum fits the spectrum of the recorded rate windows (or of the currents h when
// currents is true); see FitWindows.
func (r *SimResult) FitSpectrum(currents bool, cfg FitConfig) (*SpectrumFit, error) {
	if currents {
		return FitWindows(r.Currents, cfg)
	}
	return FitWindows(r.Rates, cfg)
}
