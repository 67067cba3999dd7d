package smc

import (
	"fmt"
	"math"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
	"gonum.org/v1/gonum/mat"
)

// Teacher builds a latent-form model from the weights of a continuous-time rank-R teacher RNN
// τ dx/dt = −x + (1/N) m n relu(x + b) (m N×R, n R×N), as in the paper's teacher–student runs:
// the SVD of m (α n/N) = U S Wᵀ gives the orthonormal M = U_R and N_w = S_R W_Rᵀ, h = −b, and
// z_{t+1} = decay·z_t + N_w relu(M z_t − h) + N(0, noiseZ² I), x_t = M z_t + N(0, noiseX² I)
// (one-to-one readout of the currents, Gaussian). z_0 ~ N(0, noise0² I).
func Teacher(m, n *mat.Dense, b []float64, alpha, decay, noiseZ, noiseX, noise0 float64) (*Model, error) {
	if m == nil || n == nil {
		return nil, fmt.Errorf("smc: Teacher: m and n are required")
	}
	N, R := m.Dims()
	if nr, nc := n.Dims(); nr != R || nc != N {
		return nil, fmt.Errorf("smc: Teacher: n is %d×%d, want %d×%d", nr, nc, R, N)
	}
	if len(b) != N {
		return nil, fmt.Errorf("smc: Teacher: b has length %d, want N = %d", len(b), N)
	}
	var w mat.Dense
	w.Mul(m, n)
	w.Scale(alpha/float64(N), &w)
	var svd mat.SVD
	if !svd.Factorize(&w, mat.SVDThin) {
		return nil, fmt.Errorf("smc: Teacher: SVD failed")
	}
	var u, v mat.Dense
	svd.UTo(&u)
	svd.VTo(&v)
	sv := svd.Values(nil)
	model, err := NewModel(ModelConfig{N: N, R: R, Dx: N, Decay0: decay, NoiseZ0: noiseZ, NoiseX0: noiseX, Noise0: noise0})
	if err != nil {
		return nil, err
	}
	for i := range N {
		for r := range R {
			model.M.Value.Set(i, r, u.At(i, r))
			model.Nw.Value.Set(r, i, sv[r]*v.At(i, r))
		}
		model.H.Data()[i] = -b[i]
	}
	for _, x := range model.M.Data() {
		if math.IsNaN(x) {
			return nil, fmt.Errorf("smc: Teacher: weights are not finite")
		}
	}
	return model, nil
}

// SetInput gives the model the input weights W_u = w (N×d_u), e.g. a teacher's w_inpᵀ, with the
// input low-pass filtered by the decay when filter is set (v_t = a v_{t−1} + (1 − a) u_{t−1}).
func (m *Model) SetInput(w *mat.Dense, filter bool) error {
	if w == nil {
		return fmt.Errorf("smc: SetInput: w is nil")
	}
	r, du := w.Dims()
	if r != m.Cfg.N || du < 1 {
		return fmt.Errorf("smc: SetInput: w is %d×%d, want N×d_u with N = %d", r, du, m.Cfg.N)
	}
	p, err := autodiff.NewParamFrom("Wu", w)
	if err != nil {
		return err
	}
	for _, x := range p.Data() {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("smc: SetInput: w holds %v", x)
		}
	}
	m.Wu, m.Cfg.Du, m.Cfg.InputFilter = p, du, filter
	return nil
}
