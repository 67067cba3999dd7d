package smc

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
)

// Activation is the unit nonlinearity φ(c; h).
type Activation int

const (
	ReLU        Activation = iota // max(c − h, 0)
	ClippedReLU                   // max(c + h, 0) − max(c, 0): a ramp of height h
)

// Observation selects the likelihood p(x_t | z_t).
type Observation int

const (
	Gaussian Observation = iota // N(mean, diag σ_x²) with an identity link
	Poisson                     // Poisson(link(pre-activation))
)

// Link maps the Poisson pre-activation η to a rate.
type Link int

const (
	Softplus Link = iota // softplus(η) + 1e-6
	ExpLink              // exp(η) + 1e-10
)

// Readout selects how the latent state enters the observation.
type Readout int

const (
	// OneToOne reads every unit's current: η_i = B_i (M z + W_u v)_i + b_i, so d_x = N.
	OneToOne Readout = iota
	// Affine reads the latent state: η = Cᵀ z + b.
	Affine
)

// NoiseKind selects the parameterisation of a latent noise covariance.
type NoiseKind int

const (
	// FullNoise: Σ = L Lᵀ with L from LowerExpDiag(P) (needed by the optimal proposal).
	FullNoise NoiseKind = iota
	// DiagNoise: Σ = diag(exp(ℓ)) from a log-variance vector (needed by the encoder proposal).
	DiagNoise
)

// ModelConfig fixes the structure and the initialisation of a Model.
type ModelConfig struct {
	N, R        int // units and rank (latent dimension)
	Dx          int // observation dimension (must equal N for OneToOne)
	Du          int // input dimension (0 without inputs)
	Phi         Activation
	Obs         Observation
	Link        Link
	Readout     Readout
	Noise       NoiseKind
	InputFilter bool // low-pass filter the input with the decay (simulate_input)

	Decay0    float64 // initial decay a₀ ∈ (0, 1); 0 means 0.9
	NoiseZ0   float64 // initial latent noise std; 0 means 0.1
	Noise0    float64 // initial std of z_0; 0 means 1
	NoiseX0   float64 // initial observation noise std (Gaussian); 0 means 0.1
	TrainGain bool    // train the one-to-one gains B (fixed at 1 otherwise)
	FixBias   bool    // keep the observation bias b at 0
	Seed      uint64  // initialisation seed
}

// Model is a low-rank RNN with stochastic transitions, as a state-space model (Pals et al. 2024):
//
//	c_t     = M z_t + W_u v_t,
//	z_{t+1} = a z_t + N_w φ(c_t; h) + ε_t,     ε_t ~ N(0, Σ_z),   z_0 ~ N(μ_0, Σ_0),
//	x_t     ~ p(x | η_t),  η_t = B ⊙ c_t + b (OneToOne) or Cᵀ z_t + b (Affine).
//
// The decay is a = exp(−exp θ). Parameters are autodiff.Params so that neuro/optim trains them.
type Model struct {
	Cfg ModelConfig

	Theta *autodiff.Param // 1×1, a = exp(−exp θ)
	M     *autodiff.Param // N×R
	Nw    *autodiff.Param // R×N
	H     *autodiff.Param // 1×N thresholds h
	Wu    *autodiff.Param // N×Du (nil without inputs)
	PZ    *autodiff.Param // R×R LowerExpDiag parameter of Σ_z (FullNoise)
	P0    *autodiff.Param // R×R LowerExpDiag parameter of Σ_0 (FullNoise)
	LVZ   *autodiff.Param // 1×R log-variance of Σ_z (DiagNoise)
	LV0   *autodiff.Param // 1×R log-variance of Σ_0 (DiagNoise)
	Mu0   *autodiff.Param // 1×R initial mean μ_0
	Gain  *autodiff.Param // 1×N one-to-one gains B
	Bias  *autodiff.Param // 1×Dx observation bias b
	C     *autodiff.Param // R×Dx affine readout
	LVX   *autodiff.Param // 1×Dx observation log-variance (Gaussian)

	Enc *CNN // CNN encoder (encoder proposal only), nil otherwise
}

func (c *ModelConfig) defaults() error {
	def := func(x *float64, d float64) {
		if *x == 0 {
			*x = d
		}
	}
	def(&c.Decay0, 0.9)
	def(&c.NoiseZ0, 0.1)
	def(&c.Noise0, 1)
	def(&c.NoiseX0, 0.1)
	switch {
	case c.N < 1:
		return fmt.Errorf("smc: ModelConfig.N = %d, want ≥ 1", c.N)
	case c.R < 1 || c.R > c.N:
		return fmt.Errorf("smc: ModelConfig.R = %d, want 1 ≤ R ≤ N = %d", c.R, c.N)
	case c.Dx < 1:
		return fmt.Errorf("smc: ModelConfig.Dx = %d, want ≥ 1", c.Dx)
	case c.Readout == OneToOne && c.Dx != c.N:
		return fmt.Errorf("smc: ModelConfig.Dx = %d, want N = %d for the one-to-one readout", c.Dx, c.N)
	case c.Du < 0:
		return fmt.Errorf("smc: ModelConfig.Du = %d, want ≥ 0", c.Du)
	case !(c.Decay0 > 0 && c.Decay0 < 1):
		return fmt.Errorf("smc: ModelConfig.Decay0 = %v, want in (0, 1)", c.Decay0)
	case !(c.NoiseZ0 > 0) || !(c.Noise0 > 0) || !(c.NoiseX0 > 0):
		return fmt.Errorf("smc: ModelConfig noise scales %v, %v, %v must be positive", c.NoiseZ0, c.Noise0, c.NoiseX0)
	case c.Phi != ReLU && c.Phi != ClippedReLU:
		return fmt.Errorf("smc: ModelConfig.Phi %d unknown", int(c.Phi))
	case c.Obs != Gaussian && c.Obs != Poisson:
		return fmt.Errorf("smc: ModelConfig.Obs %d unknown", int(c.Obs))
	case c.Readout != OneToOne && c.Readout != Affine:
		return fmt.Errorf("smc: ModelConfig.Readout %d unknown", int(c.Readout))
	case c.Noise != FullNoise && c.Noise != DiagNoise:
		return fmt.Errorf("smc: ModelConfig.Noise %d unknown", int(c.Noise))
	case c.Link != Softplus && c.Link != ExpLink:
		return fmt.Errorf("smc: ModelConfig.Link %d unknown", int(c.Link))
	}
	return nil
}

// NewModel returns a model initialised as in the paper's code: N_w ~ U(±1/√N), M ~ U(±1/√R),
// W_u ~ U(±1/√d_u), h = 0 (ReLU) or U(±1/√N) (clipped ReLU), C ~ N(0, 2/R), B = 1, b = 0.
func NewModel(cfg ModelConfig) (*Model, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	N, R := cfg.N, cfg.R
	m := &Model{Cfg: cfg}
	np := func(name string, r, c int) *autodiff.Param {
		p, _ := autodiff.NewParam(name, r, c)
		return p
	}
	uni := func(p *autodiff.Param, s float64) {
		for i := range p.Data() {
			p.Data()[i] = s * (2*rng.Float64() - 1)
		}
	}
	m.Theta = np("theta", 1, 1)
	m.Theta.Data()[0] = math.Log(-math.Log(cfg.Decay0))
	m.M, m.Nw, m.H = np("M", N, R), np("N", R, N), np("h", 1, N)
	uni(m.Nw, 1/math.Sqrt(float64(N)))
	uni(m.M, 1/math.Sqrt(float64(R)))
	if cfg.Phi == ClippedReLU {
		uni(m.H, 1/math.Sqrt(float64(N)))
	}
	if cfg.Du > 0 {
		m.Wu = np("Wu", N, cfg.Du)
		uni(m.Wu, 1/math.Sqrt(float64(cfg.Du)))
	}
	if cfg.Noise == FullNoise {
		m.PZ, m.P0 = np("PZ", R, R), np("P0", R, R)
		for i := range R {
			m.PZ.Data()[i*R+i] = 2 * math.Log(cfg.NoiseZ0)
			m.P0.Data()[i*R+i] = 2 * math.Log(cfg.Noise0)
		}
	} else {
		m.LVZ, m.LV0 = np("lvz", 1, R), np("lv0", 1, R)
		for i := range R {
			m.LVZ.Data()[i] = 2 * math.Log(cfg.NoiseZ0)
			m.LV0.Data()[i] = 2 * math.Log(cfg.Noise0)
		}
	}
	m.Mu0 = np("mu0", 1, R)
	m.Bias = np("b", 1, cfg.Dx)
	if cfg.Readout == OneToOne {
		m.Gain = np("B", 1, N)
		for i := range N {
			m.Gain.Data()[i] = 1
		}
	} else {
		m.C = np("C", R, cfg.Dx)
		for i := range m.C.Data() {
			m.C.Data()[i] = rng.NormFloat64() * math.Sqrt(2/float64(R))
		}
	}
	if cfg.Obs == Gaussian {
		m.LVX = np("lvx", 1, cfg.Dx)
		for i := range cfg.Dx {
			m.LVX.Data()[i] = 2 * math.Log(cfg.NoiseX0)
		}
	}
	return m, nil
}

// Trainable returns the parameters updated by training (the fixed gain and bias excluded).
func (m *Model) Trainable() []*autodiff.Param {
	ps := []*autodiff.Param{m.Theta, m.M, m.Nw, m.H, m.Mu0}
	for _, p := range []*autodiff.Param{m.Wu, m.PZ, m.P0, m.LVZ, m.LV0, m.C, m.LVX} {
		if p != nil {
			ps = append(ps, p)
		}
	}
	if m.Gain != nil && m.Cfg.TrainGain {
		ps = append(ps, m.Gain)
	}
	if !m.Cfg.FixBias {
		ps = append(ps, m.Bias)
	}
	if m.Enc != nil {
		ps = append(ps, m.Enc.Params()...)
	}
	return ps
}

// Decay returns a = exp(−exp θ).
func (m *Model) Decay() float64 { return math.Exp(-math.Exp(m.Theta.Data()[0])) }

// NoiseCov returns the latent noise covariance Σ_z (R×R, row-major).
func (m *Model) NoiseCov() []float64 { return covOf(m.PZ, m.LVZ, m.Cfg.R) }

// InitCov returns the covariance Σ_0 of z_0 (R×R, row-major).
func (m *Model) InitCov() []float64 { return covOf(m.P0, m.LV0, m.Cfg.R) }

// NoiseStd returns the square root of the mean diagonal of Σ_z (the scalar noise scale).
func (m *Model) NoiseStd() float64 {
	s, R := m.NoiseCov(), m.Cfg.R
	tr := 0.0
	for i := range R {
		tr += s[i*R+i]
	}
	return math.Sqrt(tr / float64(R))
}

// ObsStd returns the observation noise standard deviations σ_x (nil for Poisson).
func (m *Model) ObsStd() []float64 {
	if m.LVX == nil {
		return nil
	}
	out := make([]float64, m.Cfg.Dx)
	for i, v := range m.LVX.Data() {
		out[i] = math.Exp(v / 2)
	}
	return out
}

// cholOf returns the lower Cholesky factor of the covariance parameterised by p (full) or lv (diag).
func cholOf(p, lv *autodiff.Param, R int) []float64 {
	l := make([]float64, R*R)
	for i := range R {
		if p != nil {
			copy(l[i*R:i*R+i], p.Data()[i*R:i*R+i])
			l[i*R+i] = math.Exp(p.Data()[i*R+i] / 2)
		} else {
			l[i*R+i] = math.Exp(lv.Data()[i] / 2)
		}
	}
	return l
}

func covOf(p, lv *autodiff.Param, R int) []float64 {
	l := cholOf(p, lv, R)
	s := make([]float64, R*R)
	for i := range R {
		for j := range R {
			for k := range R {
				s[i*R+j] += l[i*R+k] * l[j*R+k]
			}
		}
	}
	return s
}

// Validate checks that every parameter is finite.
func (m *Model) Validate() error {
	if m == nil || m.M == nil {
		return fmt.Errorf("smc: model is nil or not made with NewModel")
	}
	for _, p := range m.Trainable() {
		for i, x := range p.Data() {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("smc: parameter %s[%d] is %v", p.Name, i, x)
			}
		}
	}
	return nil
}
