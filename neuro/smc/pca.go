package smc

import (
	"fmt"
	"math"

	"github.com/neurodyn/neurodyn/neuro/linalg"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// InitReadoutPCA initialises an affine Gaussian readout from the principal components of the
// trials pooled in time: Cᵀ holds the top-R loadings scaled by the standard deviations of their
// scores (so the latents start at unit scale), b the channel means and σ_x² the variance the R
// components leave unexplained in each channel (at least 1e-4). A data-driven start that
// shortens training; the paper initialises C at random.
func (m *Model) InitReadoutPCA(data []*mat.Dense) error {
	c := m.Cfg
	if c.Readout != Affine || c.Obs != Gaussian {
		return fmt.Errorf("smc: InitReadoutPCA needs an affine Gaussian readout")
	}
	for i, d := range data {
		if d == nil || d.RawMatrix().Cols != c.Dx {
			return fmt.Errorf("smc: InitReadoutPCA: data[%d] is nil or does not have Dx = %d columns", i, c.Dx)
		}
	}
	x := linalg.StackRows(data)
	n, d := x.Dims()
	if n <= c.R {
		return fmt.Errorf("smc: InitReadoutPCA: %d time points for rank %d", n, c.R)
	}
	var pc stat.PC
	if !pc.PrincipalComponents(x, nil) {
		return fmt.Errorf("smc: InitReadoutPCA: PCA failed")
	}
	var vecs mat.Dense
	pc.VectorsTo(&vecs)
	vars := pc.VarsTo(nil)
	for j := range d {
		col := mat.Col(nil, j, x)
		mean, v := stat.MeanVariance(col, nil)
		m.Bias.Data()[j] = mean
		for r := range c.R {
			l := vecs.At(j, r) * math.Sqrt(vars[r])
			m.C.Value.Set(r, j, l)
			v -= l * l
		}
		m.LVX.Data()[j] = math.Log(math.Max(v, 1e-4))
	}
	return nil
}

// InitBiasFromData sets the observation bias b so that a latent state with zero currents
// reproduces every channel's mean: b = mean (Gaussian) or link⁻¹(mean count) (Poisson, means
// floored at 1e-3). A data-driven start that shortens training.
func (m *Model) InitBiasFromData(data []*mat.Dense) error {
	c := m.Cfg
	x := stackTrialsChecked(data, c.Dx)
	if x == nil {
		return fmt.Errorf("smc: InitBiasFromData: data must be non-empty trials with Dx = %d columns", c.Dx)
	}
	for j := range c.Dx {
		mean := stat.Mean(mat.Col(nil, j, x), nil)
		if c.Obs == Poisson {
			mean = math.Max(mean, 1e-3)
			if c.Link == ExpLink {
				mean = math.Log(mean)
			} else {
				mean = math.Log(math.Expm1(mean))
			}
		}
		m.Bias.Data()[j] = mean
	}
	return nil
}

func stackTrialsChecked(data []*mat.Dense, dx int) *mat.Dense {
	if len(data) == 0 {
		return nil
	}
	for _, d := range data {
		if d == nil || d.RawMatrix().Cols != dx {
			return nil
		}
	}
	return linalg.StackRows(data)
}
