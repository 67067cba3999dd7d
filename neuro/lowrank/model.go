package lowrank

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Activation names the unit nonlinearity φ(c; h) of a latent-form model; c is the unit current
// and h the unit's threshold.
type Activation int

const (
	// ReLU is max(c − h, 0).
	ReLU Activation = iota
	// ClippedReLU is max(c + h, 0) − max(c, 0): a ramp from c = −h to c = 0 of height h.
	ClippedReLU
	// Tanh is tanh(c − h).
	Tanh
	// Linear is c − h.
	Linear
)

func (a Activation) String() string {
	switch a {
	case ReLU:
		return "relu"
	case ClippedReLU:
		return "clipped_relu"
	case Tanh:
		return "tanh"
	case Linear:
		return "linear"
	}
	return fmt.Sprintf("Activation(%d)", int(a))
}

// apply returns φ(c; h).
func (a Activation) apply(c, h float64) float64 {
	switch a {
	case ReLU:
		return math.Max(c-h, 0)
	case ClippedReLU:
		return math.Max(c+h, 0) - math.Max(c, 0)
	case Tanh:
		return math.Tanh(c - h)
	default:
		return c - h
	}
}

// Model is a low-rank RNN in latent form (Pals et al. 2024, the repo's Transition_LowRank):
//
//	c_t     = U z_t + W v_t                        (unit currents, N)
//	z_{t+1} = a z_t + V φ(c_t; h) + Bias + ε_t,    ε_t ~ N(0, L Lᵀ)
//
// with latent state z ∈ R^R. With InputFilter the input is low-pass filtered with the same
// decay, v_t = a v_{t−1} + (1 − a) u_{t−1}, v_0 = 0; otherwise v_t = u_t.
type Model struct {
	// U (N×R) maps the latent state to unit currents (the paper's M).
	U *mat.Dense
	// V (R×N) maps unit rates back to the latent state (the paper's N, without 1/N or dt/τ).
	V *mat.Dense
	// Decay is the shared leak a, usually exp(−Δt/τ) or 1 − Δt/τ, in (0, 1).
	Decay float64
	// H (length N) holds the unit thresholds h.
	H []float64
	// Bias (length R, nil for zero) is a constant latent drive.
	Bias []float64
	// W (N×d_u, nil without inputs) maps the (filtered) input to unit currents.
	W *mat.Dense
	// InputFilter low-pass filters the input with the decay before it enters (simulate_input).
	InputFilter bool
	// Phi is the unit nonlinearity.
	Phi Activation
	// NoiseChol (R×R lower triangular, nil for no noise) is the Cholesky factor L of the
	// latent noise covariance Σ_z = L Lᵀ.
	NoiseChol *mat.Dense
}

// Dims returns the number of units N, the rank R and the input dimension d_u.
func (m *Model) Dims() (n, r, du int) {
	n, r = m.U.Dims()
	if m.W != nil {
		_, du = m.W.Dims()
	}
	return n, r, du
}

// Validate checks the shapes and values of every field.
func (m *Model) Validate() error {
	if m == nil || m.U == nil || m.V == nil {
		return fmt.Errorf("lowrank: model needs U and V")
	}
	n, r := m.U.Dims()
	if vr, vn := m.V.Dims(); vr != r || vn != n {
		return fmt.Errorf("lowrank: V is %d×%d, want R×N = %d×%d", vr, vn, r, n)
	}
	if len(m.H) != n {
		return fmt.Errorf("lowrank: H has length %d, want N = %d", len(m.H), n)
	}
	if m.Bias != nil && len(m.Bias) != r {
		return fmt.Errorf("lowrank: Bias has length %d, want R = %d", len(m.Bias), r)
	}
	if m.W != nil {
		if wn, _ := m.W.Dims(); wn != n {
			return fmt.Errorf("lowrank: W has %d rows, want N = %d", wn, n)
		}
		if err := finiteDense("W", m.W); err != nil {
			return err
		}
	}
	if m.NoiseChol != nil {
		if a, b := m.NoiseChol.Dims(); a != r || b != r {
			return fmt.Errorf("lowrank: NoiseChol is %d×%d, want R×R = %d×%d", a, b, r, r)
		}
		if err := finiteDense("NoiseChol", m.NoiseChol); err != nil {
			return err
		}
	}
	if m.Phi < ReLU || m.Phi > Linear {
		return fmt.Errorf("lowrank: unknown activation %d", int(m.Phi))
	}
	if math.IsNaN(m.Decay) || math.IsInf(m.Decay, 0) {
		return fmt.Errorf("lowrank: Decay is %v", m.Decay)
	}
	if err := finiteDense("U", m.U); err != nil {
		return err
	}
	if err := finiteDense("V", m.V); err != nil {
		return err
	}
	if err := finiteVec("H", m.H); err != nil {
		return err
	}
	return finiteVec("Bias", m.Bias)
}

// Currents writes c = U z + W v into dst (length N) and returns it; v may be nil.
func (m *Model) Currents(dst, z, v []float64) []float64 {
	n, r := m.U.Dims()
	if dst == nil {
		dst = make([]float64, n)
	}
	for i := range n {
		row := m.U.RawRowView(i)
		s := 0.0
		for k := range r {
			s += row[k] * z[k]
		}
		if m.W != nil && v != nil {
			wrow := m.W.RawRowView(i)
			for k, x := range v {
				s += wrow[k] * x
			}
		}
		dst[i] = s
	}
	return dst
}

// Rates writes φ(c; h) into dst (length N) and returns it.
func (m *Model) Rates(dst, c []float64) []float64 {
	if dst == nil {
		dst = make([]float64, len(c))
	}
	for i, x := range c {
		dst[i] = m.Phi.apply(x, m.H[i])
	}
	return dst
}

// Step writes the noise-free transition a z + V φ(U z + W v; h) + Bias into dst (length R) and
// returns it. buf (length N, may be nil) is scratch space.
func (m *Model) Step(dst, z, v, buf []float64) []float64 {
	n, r := m.U.Dims()
	if dst == nil {
		dst = make([]float64, r)
	}
	if buf == nil {
		buf = make([]float64, n)
	}
	m.Rates(buf, m.Currents(buf, z, v))
	for k := range r {
		row := m.V.RawRowView(k)
		s := m.Decay * z[k]
		for i, x := range buf {
			s += row[i] * x
		}
		if m.Bias != nil {
			s += m.Bias[k]
		}
		dst[k] = s
	}
	return dst
}

func finiteVec(name string, x []float64) error {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("lowrank: %s[%d] is %v", name, i, v)
		}
	}
	return nil
}

func finiteDense(name string, a *mat.Dense) error {
	r, c := a.Dims()
	for i := range r {
		for j := range c {
			if v := a.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("lowrank: %s[%d,%d] is %v", name, i, j, v)
			}
		}
	}
	return nil
}
