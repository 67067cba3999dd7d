package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/dsp/fourier"
	"gonum.org/v1/gonum/mat"
)

// SpectrumConfig configures PowerSpectra and DH. The zero value follows Pals et al. (2024):
// Gaussian smoothing over σ = 20 frequency bins, all bins kept.
type SpectrumConfig struct {
	Sigma float64 // smoothing width in frequency bins; 0 means 20, < 0 means no smoothing
	// Cutoff keeps the first Cutoff bins; 0 keeps all, −1 drops the last (Nyquist) bin (EEG).
	Cutoff int
}

// PowerSpectra returns, per column, the normalised smoothed power spectrum of the trials
// (equal lengths): each series is z-scored (the last sample dropped if the length is odd),
// |rfft|² is smoothed with a Gaussian kernel (reflecting edges), clipped at 0, normalised to
// sum 1, averaged over trials, truncated to Cutoff bins and renormalised.
func PowerSpectra(x []*mat.Dense, cfg SpectrumConfig) ([][]float64, error) {
	if len(x) == 0 || x[0] == nil {
		return nil, fmt.Errorf("metrics: PowerSpectra: no trials")
	}
	T, d := x[0].Dims()
	for i, m := range x {
		if m == nil {
			return nil, fmt.Errorf("metrics: PowerSpectra: trial %d is nil", i)
		}
		if r, c := m.Dims(); r != T || c != d {
			return nil, fmt.Errorf("metrics: PowerSpectra: trial %d is %d×%d, want %d×%d", i, r, c, T, d)
		}
		if err := finite("trial", m); err != nil {
			return nil, err
		}
	}
	n := T - T%2
	if n < 4 {
		return nil, fmt.Errorf("metrics: PowerSpectra: trials of %d samples are too short", T)
	}
	sigma := cfg.Sigma
	if sigma == 0 {
		sigma = 20
	}
	nb := n/2 + 1
	keep := nb
	switch {
	case cfg.Cutoff == -1:
		keep = nb - 1
	case cfg.Cutoff > 0:
		keep = min(cfg.Cutoff, nb)
	case cfg.Cutoff < -1:
		return nil, fmt.Errorf("metrics: PowerSpectra: Cutoff = %d, want ≥ −1", cfg.Cutoff)
	}
	fft := fourier.NewFFT(n)
	series := make([]float64, n)
	coef := make([]complex128, nb)
	out := make([][]float64, d)
	for c := range d {
		acc := make([]float64, nb)
		for _, m := range x {
			mean, sd := 0.0, 0.0
			for t := range n {
				series[t] = m.At(t, c)
				mean += series[t]
			}
			mean /= float64(n)
			for t := range n {
				series[t] -= mean
				sd += series[t] * series[t]
			}
			sd = math.Sqrt(sd / float64(n))
			if sd == 0 {
				return nil, fmt.Errorf("metrics: PowerSpectra: column %d is constant", c)
			}
			fft.Coefficients(coef, series)
			p := make([]float64, nb)
			for k, z := range coef {
				p[k] = (real(z)*real(z) + imag(z)*imag(z)) / (float64(n) * sd * sd)
			}
			if sigma > 0 {
				p = gaussSmooth(p, sigma)
			}
			normalise(p)
			for k := range acc {
				acc[k] += p[k] / float64(len(x))
			}
		}
		acc = acc[:keep]
		normalise(acc)
		out[c] = acc
	}
	return out, nil
}

func normalise(p []float64) {
	s := 0.0
	for i, v := range p {
		p[i] = math.Max(v, 0)
		s += p[i]
	}
	if s > 0 {
		for i := range p {
			p[i] /= s
		}
	}
}

// gaussSmooth convolves p with a Gaussian of width sigma truncated at 4σ, reflecting at the
// edges (… c b a | a b c … as scipy.ndimage's default).
func gaussSmooth(p []float64, sigma float64) []float64 {
	rad := int(4*sigma + 0.5)
	w := make([]float64, 2*rad+1)
	s := 0.0
	for i := range w {
		x := float64(i - rad)
		w[i] = math.Exp(-0.5 * x * x / (sigma * sigma))
		s += w[i]
	}
	n := len(p)
	out := make([]float64, n)
	for i := range n {
		v := 0.0
		for j, wj := range w {
			k := i + j - rad
			for k < 0 || k >= n {
				if k < 0 {
					k = -k - 1
				} else {
					k = 2*n - k - 1
				}
			}
			v += wj * p[k]
		}
		out[i] = v / s
	}
	return out
}

// Hellinger returns (1/√2) ‖√p − √q‖₂ of two distributions of equal length.
func Hellinger(p, q []float64) (float64, error) {
	if len(p) != len(q) {
		return 0, fmt.Errorf("metrics: Hellinger: lengths %d and %d differ", len(p), len(q))
	}
	s := 0.0
	for i := range p {
		d := math.Sqrt(p[i]) - math.Sqrt(q[i])
		s += d * d
	}
	return math.Sqrt(s / 2), nil
}

// DH returns the power-spectrum Hellinger distance D_H of Pals et al. (2024): the mean over
// columns of the Hellinger distance between the PowerSpectra of data and gen (trials of equal
// length in each set; both sets must give spectra of the same length), and the per-column values.
func DH(data, gen []*mat.Dense, cfg SpectrumConfig) (float64, []float64, error) {
	pd, err := PowerSpectra(data, cfg)
	if err != nil {
		return 0, nil, fmt.Errorf("data: %w", err)
	}
	pg, err := PowerSpectra(gen, cfg)
	if err != nil {
		return 0, nil, fmt.Errorf("gen: %w", err)
	}
	if len(pd) != len(pg) {
		return 0, nil, fmt.Errorf("metrics: DH: data has %d columns and gen %d", len(pd), len(pg))
	}
	per := make([]float64, len(pd))
	for c := range pd {
		if per[c], err = Hellinger(pd[c], pg[c]); err != nil {
			return 0, nil, fmt.Errorf("metrics: DH: column %d: spectra of %d and %d bins (use trials of equal length)", c, len(pd[c]), len(pg[c]))
		}
	}
	return Mean(per), per, nil
}
