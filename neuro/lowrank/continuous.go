package lowrank

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Continuous is a low-rank rate RNN in continuous time (the teacher networks of Pals et al.
// 2024):
//
//	τ dx/dt = −x + (1/N) M Nᵀ φ(x + B) + WIn u + noise,   y = WOutᵀ φ(x + B),
//
// integrated with the Euler–Maruyama step α = Dt/τ:
//
//	x_{t+1} = x_t + α(−x_t + (1/N) M Nᵀ φ(x_t + B) + WIn u_t) + √α σ ξ_t,  ξ_t ~ N(0, I).
type Continuous struct {
	// M (N×R) holds the output vectors m_r of the connectivity.
	M *mat.Dense
	// N (R×N) holds the input-selection vectors n_r as rows (the teacher file's n).
	N *mat.Dense
	// B (length N) holds the unit biases b_rec.
	B []float64
	// WIn (N×d_u, nil without inputs) maps inputs to units.
	WIn *mat.Dense
	// WOut (N×d_out, may be nil) reads the output from the rates φ(x + B).
	WOut *mat.Dense
	// Dt and Tau are the integration step and the time constant (α = Dt/Tau).
	Dt, Tau float64
	// Phi is the nonlinearity φ (ReLU, Tanh or Linear), applied to x + B.
	Phi Activation
	// NoiseStd is σ, the unit noise amplitude (0 for deterministic dynamics).
	NoiseStd float64
}

// FromTeacher builds a ReLU Continuous model from the arrays of a teacher file (the layout of
// the smc_rnns teacher NPZs): m (N×R), n (R×N), bRec (N), wInp (d_u×N, may be nil),
// wOut (N×d_out, may be nil), dt and tau.
func FromTeacher(m, n *mat.Dense, bRec []float64, wInp, wOut *mat.Dense, dt, tau float64) (*Continuous, error) {
	c := &Continuous{M: m, N: n, B: bRec, WOut: wOut, Dt: dt, Tau: tau, Phi: ReLU}
	if wInp != nil {
		c.WIn = mat.DenseCopyOf(wInp.T())
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// Validate checks shapes and values.
func (c *Continuous) Validate() error {
	if c == nil || c.M == nil || c.N == nil {
		return fmt.Errorf("lowrank: continuous model needs M and N")
	}
	nu, r := c.M.Dims()
	if a, b := c.N.Dims(); a != r || b != nu {
		return fmt.Errorf("lowrank: N is %d×%d, want R×N = %d×%d (M is %d×%d)", a, b, r, nu, nu, r)
	}
	if len(c.B) != nu {
		return fmt.Errorf("lowrank: B has length %d, want N = %d", len(c.B), nu)
	}
	if c.WIn != nil {
		if a, _ := c.WIn.Dims(); a != nu {
			return fmt.Errorf("lowrank: WIn has %d rows, want N = %d", a, nu)
		}
		if err := finiteDense("WIn", c.WIn); err != nil {
			return err
		}
	}
	if c.WOut != nil {
		if a, _ := c.WOut.Dims(); a != nu {
			return fmt.Errorf("lowrank: WOut has %d rows, want N = %d", a, nu)
		}
		if err := finiteDense("WOut", c.WOut); err != nil {
			return err
		}
	}
	if !(c.Dt > 0) || !(c.Tau > 0) || math.IsInf(c.Dt, 0) || math.IsInf(c.Tau, 0) {
		return fmt.Errorf("lowrank: Dt = %v and Tau = %v must be positive and finite", c.Dt, c.Tau)
	}
	if !(c.NoiseStd >= 0) || math.IsInf(c.NoiseStd, 0) {
		return fmt.Errorf("lowrank: NoiseStd = %v must be finite and non-negative", c.NoiseStd)
	}
	if c.Phi != ReLU && c.Phi != Tanh && c.Phi != Linear {
		return fmt.Errorf("lowrank: continuous models take ReLU, Tanh or Linear, not %v", c.Phi)
	}
	if err := finiteDense("M", c.M); err != nil {
		return err
	}
	if err := finiteDense("N", c.N); err != nil {
		return err
	}
	return finiteVec("B", c.B)
}

// Alpha returns Dt/Tau.
func (c *Continuous) Alpha() float64 { return c.Dt / c.Tau }

// Simulate integrates the network for steps Euler steps from x0 (length N) with inputs u
// (steps×d_u; nil means zero inputs) and returns the (steps+1)×N unit trajectory, row 0 = x0.
// With rng == nil (or NoiseStd = 0) the run is deterministic.
func (c *Continuous) Simulate(x0 []float64, u *mat.Dense, steps int, rng *rand.Rand) (*mat.Dense, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	nu, r := c.M.Dims()
	du := 0
	if c.WIn != nil {
		_, du = c.WIn.Dims()
	}
	if len(x0) != nu {
		return nil, fmt.Errorf("lowrank: x0 has length %d, want N = %d", len(x0), nu)
	}
	if err := finiteVec("x0", x0); err != nil {
		return nil, err
	}
	if steps < 0 {
		return nil, fmt.Errorf("lowrank: steps = %d is negative", steps)
	}
	if err := checkInputs(u, steps, du); err != nil {
		return nil, err
	}
	alpha := c.Alpha()
	sd := math.Sqrt(alpha) * c.NoiseStd
	out := mat.NewDense(steps+1, nu, nil)
	out.SetRow(0, x0)
	rate, kappa := make([]float64, nu), make([]float64, r)
	for t := range steps {
		x, next := out.RawRowView(t), out.RawRowView(t+1)
		for i := range nu {
			rate[i] = c.Phi.apply(x[i], -c.B[i])
		}
		for k := range r {
			row := c.N.RawRowView(k)
			s := 0.0
			for i, v := range rate {
				s += row[i] * v
			}
			kappa[k] = s / float64(nu)
		}
		for i := range nu {
			mrow := c.M.RawRowView(i)
			drive := 0.0
			for k := range r {
				drive += mrow[k] * kappa[k]
			}
			if du > 0 && u != nil {
				wrow, ut := c.WIn.RawRowView(i), u.RawRowView(t)
				for k := range du {
					drive += wrow[k] * ut[k]
				}
			}
			next[i] = x[i] + alpha*(drive-x[i])
			if rng != nil && sd > 0 {
				next[i] += sd * rng.NormFloat64()
			}
		}
	}
	return out, nil
}

// Latent returns the equivalent latent-form model: U = M, V = α Nᵀ/N, a = 1 − α, h = −B,
// W = WIn with the input filter on. A noise-free run of the continuous model from
// x_0 = M z_0 satisfies x_t = U z_t + W v_t exactly, where z_t and v_t are the latent run's
// state and filtered input. The latent noise is left unset (the unit noise outside the
// column space of M is not low-rank).
func (c *Continuous) Latent() (*Model, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	nu, _ := c.M.Dims()
	alpha := c.Alpha()
	v := mat.DenseCopyOf(c.N)
	v.Scale(alpha/float64(nu), v)
	h := make([]float64, nu)
	for i, b := range c.B {
		h[i] = -b
	}
	m := &Model{U: mat.DenseCopyOf(c.M), V: v, Decay: 1 - alpha, H: h, Phi: c.Phi}
	if c.WIn != nil {
		m.W = mat.DenseCopyOf(c.WIn)
		m.InputFilter = true
	}
	return m, nil
}

// Outputs returns the readout φ(X + B) WOut (T×d_out) of a unit trajectory X (T×N).
func (c *Continuous) Outputs(x *mat.Dense) (*mat.Dense, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if c.WOut == nil {
		return nil, fmt.Errorf("lowrank: the model has no WOut")
	}
	nu, _ := c.M.Dims()
	tn, xn := x.Dims()
	if xn != nu {
		return nil, fmt.Errorf("lowrank: X has %d columns, want N = %d", xn, nu)
	}
	rates := mat.NewDense(tn, nu, nil)
	for t := range tn {
		for i := range nu {
			rates.Set(t, i, c.Phi.apply(x.At(t, i), -c.B[i]))
		}
	}
	var y mat.Dense
	y.Mul(rates, c.WOut)
	return &y, nil
}

// Continuous returns the continuous-form network whose Euler step dt is the model (the inverse
// of Continuous.Latent): α = 1 − a, M = U, N = (N/α) V, B = −h, WIn = W, τ = dt/α. It needs
// 0 < a < 1, no latent bias, the input filter whenever there are inputs, and ReLU, Tanh or
// Linear units; the latent noise is not carried over.
func (m *Model) Continuous(dt float64) (*Continuous, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	switch {
	case !(m.Decay > 0 && m.Decay < 1):
		return nil, fmt.Errorf("lowrank: Decay = %v, need 0 < a < 1 for a continuous form", m.Decay)
	case !(dt > 0) || math.IsInf(dt, 0):
		return nil, fmt.Errorf("lowrank: dt = %v must be positive and finite", dt)
	case m.W != nil && !m.InputFilter:
		return nil, fmt.Errorf("lowrank: inputs enter the continuous form filtered; set InputFilter")
	case m.Phi == ClippedReLU:
		return nil, fmt.Errorf("lowrank: clipped ReLU has no continuous form φ(x + B)")
	}
	for _, b := range m.Bias {
		if b != 0 {
			return nil, fmt.Errorf("lowrank: a latent Bias has no continuous form")
		}
	}
	n, _ := m.U.Dims()
	alpha := 1 - m.Decay
	nv := mat.DenseCopyOf(m.V)
	nv.Scale(float64(n)/alpha, nv)
	b := make([]float64, n)
	for i, h := range m.H {
		b[i] = -h
	}
	c := &Continuous{M: mat.DenseCopyOf(m.U), N: nv, B: b, Dt: dt, Tau: dt / alpha, Phi: m.Phi}
	if m.W != nil {
		c.WIn = mat.DenseCopyOf(m.W)
	}
	return c, nil
}
