package cropldm

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Mode selects how target activity is inferred from source activity.
type Mode int

const (
	// Causal is one-step prediction: ẑ_{k|k−1} = Cz x̂_{k|k−1} uses source samples before k.
	Causal Mode = iota
	// Filtered adds the current source sample through the learned update term:
	// ẑ_{k|k} = Cz x̂_{k|k−1} + L e_k.
	Filtered
	// Smoothed uses the whole trial: the filtered prediction plus the backward model's
	// prediction of its residual from the later source samples (forward-backward smoothing;
	// needs Config.NonCausal). For a generative model (ThreeBlock.Truth) it is the RTS
	// smoother, ẑ_{k|T} = Cz x̂_{k|T}.
	Smoothed
)

func (m Mode) String() string {
	switch m {
	case Causal:
		return "causal"
	case Filtered:
		return "filtered"
	case Smoothed:
		return "smoothed"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// Predictor predicts target activity from source activity (one T_k×nz matrix per trial).
type Predictor interface {
	Predict(source []*mat.Dense) ([]*mat.Dense, error)
}

// Predict returns the causal one-step prediction of the target from the source.
func (m *Model) Predict(source []*mat.Dense) ([]*mat.Dense, error) {
	return m.PredictMode(source, Causal)
}

// PredictMode returns the target predicted from the source in the given mode.
func (m *Model) PredictMode(source []*mat.Dense, mode Mode) ([]*mat.Dense, error) {
	s := m.Sys
	switch mode {
	case Causal:
		return s.PredictZ(source)
	case Filtered:
		xp, _, err := s.Filter(source, false)
		if err != nil {
			return nil, err
		}
		out := make([]*mat.Dense, len(source))
		for k := range source {
			e := residual(source[k], xp[k], s.Cy, s.YMean)
			var z, le mat.Dense
			z.Mul(xp[k], s.Cz.T())
			le.Mul(e, m.L.T())
			z.Add(&z, &le)
			addMean(&z, s.ZMean)
			out[k] = &z
		}
		return out, nil
	case Smoothed:
		if m.Backward != nil {
			zf, err := m.PredictMode(source, Filtered)
			if err != nil {
				return nil, err
			}
			rb, err := m.Backward.Sys.PredictZ(reverse(source))
			if err != nil {
				return nil, err
			}
			rb = reverse(rb)
			for k := range zf {
				zf[k].Add(zf[k], rb[k])
			}
			return zf, nil
		}
		if m.J == nil {
			return nil, fmt.Errorf("cropldm: smoothed inference needs a model fitted with Config.NonCausal")
		}
		xs, err := m.SmoothedStates(source)
		if err != nil {
			return nil, err
		}
		out := make([]*mat.Dense, len(source))
		for k := range xs {
			var z mat.Dense
			z.Mul(xs[k], s.Cz.T())
			addMean(&z, s.ZMean)
			out[k] = &z
		}
		return out, nil
	}
	return nil, fmt.Errorf("cropldm: unknown prediction mode %d", int(mode))
}

// SmoothedStates returns x̂_{k|T} for every trial (steady-state RTS smoother):
// x̂_{k|T} = x̂_{k|k} + J (x̂_{k+1|T} − x̂_{k+1|k}). It needs a generative model (J set, as in
// ThreeBlock.Truth): a model learned by subspace identification is in innovation form, where
// the state is a function of the past and the RTS pass adds nothing.
func (m *Model) SmoothedStates(source []*mat.Dense) ([]*mat.Dense, error) {
	if m.J == nil {
		return nil, fmt.Errorf("cropldm: SmoothedStates needs a generative model with a smoother gain")
	}
	xp, xf, err := m.Sys.Filter(source, true)
	if err != nil {
		return nil, err
	}
	nx := m.Sys.NX()
	jd := m.J.RawMatrix().Data
	out := make([]*mat.Dense, len(source))
	diff := make([]float64, nx)
	for k := range source {
		T, _ := xf[k].Dims()
		xs := mat.DenseCopyOf(xf[k])
		for t := T - 2; t >= 0; t-- {
			next, pred, cur := xs.RawRowView(t+1), xp[k].RawRowView(t+1), xs.RawRowView(t)
			for r := range nx {
				diff[r] = next[r] - pred[r]
			}
			for r := range nx {
				var s float64
				row := jd[r*nx : (r+1)*nx]
				for c, v := range diff {
					s += row[c] * v
				}
				cur[r] += s
			}
		}
		out[k] = xs
	}
	return out, nil
}

func addMean(z *mat.Dense, mean []float64) {
	T, n := z.Dims()
	for t := range T {
		row := z.RawRowView(t)
		for j := range n {
			row[j] += mean[j]
		}
	}
}
