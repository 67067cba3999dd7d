package optim

import (
	"errors"
	"fmt"
	"math"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
)

// Method selects the update rule.
type Method int

const (
	Adam  Method = iota // Adam with L2 weight decay added to the gradient
	RAdam               // rectified Adam
	AdamW               // Adam with decoupled weight decay
)

func (m Method) String() string {
	switch m {
	case Adam:
		return "Adam"
	case RAdam:
		return "RAdam"
	case AdamW:
		return "AdamW"
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// Config configures an Optimizer. The zero value is Adam with PyTorch's defaults.
type Config struct {
	Method      Method
	LR          float64  // base learning rate η₀; 0 means 1e-3
	Beta1       float64  // first-moment decay β₁ in (0, 1); 0 means 0.9
	Beta2       float64  // second-moment decay β₂ in (0, 1); 0 means 0.999
	Eps         float64  // ε added to √v; 0 means 1e-8
	WeightDecay float64  // λ ≥ 0 (L2 for Adam and RAdam, decoupled for AdamW); PyTorch's AdamW uses 0.01
	ClipNorm    float64  // if > 0, clip the global gradient norm to ClipNorm
	Schedule    Schedule // nil means a constant learning rate
}

func (c *Config) setDefaults() error {
	def := func(x *float64, d float64) {
		if *x == 0 {
			*x = d
		}
	}
	def(&c.LR, 1e-3)
	def(&c.Beta1, 0.9)
	def(&c.Beta2, 0.999)
	def(&c.Eps, 1e-8)
	switch {
	case c.Method != Adam && c.Method != RAdam && c.Method != AdamW:
		return fmt.Errorf("optim: Config.Method %v unknown", c.Method)
	case !(c.LR > 0) || math.IsInf(c.LR, 0):
		return fmt.Errorf("optim: Config.LR = %v, want positive and finite", c.LR)
	case !(c.Beta1 > 0 && c.Beta1 < 1):
		return fmt.Errorf("optim: Config.Beta1 = %v, want in (0, 1)", c.Beta1)
	case !(c.Beta2 > 0 && c.Beta2 < 1):
		return fmt.Errorf("optim: Config.Beta2 = %v, want in (0, 1)", c.Beta2)
	case !(c.Eps > 0) || math.IsInf(c.Eps, 0):
		return fmt.Errorf("optim: Config.Eps = %v, want positive and finite", c.Eps)
	case !(c.WeightDecay >= 0) || math.IsInf(c.WeightDecay, 0):
		return fmt.Errorf("optim: Config.WeightDecay = %v, want ≥ 0 and finite", c.WeightDecay)
	case !(c.ClipNorm >= 0) || math.IsInf(c.ClipNorm, 0):
		return fmt.Errorf("optim: Config.ClipNorm = %v, want ≥ 0 and finite", c.ClipNorm)
	}
	return checkSchedule(c.Schedule)
}

// Optimizer updates a fixed set of parameters in place. It is not safe for concurrent use.
type Optimizer struct {
	cfg      Config
	values   [][]float64
	grads    [][]float64
	m, v     [][]float64
	t        int // completed steps
	epoch    int
	lastNorm float64
}

// New returns an optimiser for autodiff parameters (their Value is updated from their Grad).
func New(params []*autodiff.Param, cfg Config) (*Optimizer, error) {
	values := make([][]float64, len(params))
	grads := make([][]float64, len(params))
	for i, p := range params {
		if p == nil || p.Value == nil || p.Grad == nil {
			return nil, fmt.Errorf("optim: params[%d] is nil or was not made with autodiff.NewParam", i)
		}
		values[i], grads[i] = p.Data(), p.GradData()
	}
	return NewSlices(values, grads, cfg)
}

// NewSlices returns an optimiser for plain slices: values[i] is updated from grads[i] (same
// length). The optimiser keeps the slices, so fill grads in place before each Step.
func NewSlices(values, grads [][]float64, cfg Config) (*Optimizer, error) {
	if err := cfg.setDefaults(); err != nil {
		return nil, err
	}
	if len(values) == 0 {
		return nil, errors.New("optim: no parameters")
	}
	if len(grads) != len(values) {
		return nil, fmt.Errorf("optim: %d gradient slices for %d value slices", len(grads), len(values))
	}
	o := &Optimizer{cfg: cfg, values: values, grads: grads,
		m: make([][]float64, len(values)), v: make([][]float64, len(values))}
	for i := range values {
		if len(grads[i]) != len(values[i]) {
			return nil, fmt.Errorf("optim: grads[%d] has length %d, want %d", i, len(grads[i]), len(values[i]))
		}
		o.m[i] = make([]float64, len(values[i]))
		o.v[i] = make([]float64, len(values[i]))
	}
	return o, nil
}

// LR returns the current learning rate.
func (o *Optimizer) LR() float64 {
	if o.cfg.Schedule == nil {
		return o.cfg.LR
	}
	return o.cfg.Schedule.LR(o.cfg.LR, o.epoch)
}

// Steps returns the number of completed steps.
func (o *Optimizer) Steps() int { return o.t }

// Epoch returns the number of EndEpoch calls.
func (o *Optimizer) Epoch() int { return o.epoch }

// GradNorm returns the global gradient norm seen by the last Step, before clipping.
func (o *Optimizer) GradNorm() float64 { return o.lastNorm }

// EndEpoch advances the learning-rate schedule by one epoch.
func (o *Optimizer) EndEpoch() { o.epoch++ }

// ZeroGrad sets all gradients to zero.
func (o *Optimizer) ZeroGrad() {
	for _, g := range o.grads {
		clear(g)
	}
}

// Step applies one update from the current gradients. A gradient with NaN or ±Inf is an error
// and leaves parameters and optimiser state unchanged.
func (o *Optimizer) Step() error {
	sq := 0.0
	for i, g := range o.grads {
		for j, x := range g {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("optim: Step: gradient %d entry %d is %v", i, j, x)
			}
			sq += x * x
		}
	}
	norm := math.Sqrt(sq)
	if math.IsInf(norm, 0) {
		return errors.New("optim: Step: gradient norm overflows")
	}
	o.lastNorm = norm
	scale := 1.0
	if c := o.cfg.ClipNorm; c > 0 {
		scale = min(1, c/(norm+1e-6))
	}
	o.t++
	c := o.cfg
	lr, b1, b2 := o.LR(), c.Beta1, c.Beta2
	bc1 := 1 - math.Pow(b1, float64(o.t))
	bc2 := 1 - math.Pow(b2, float64(o.t))
	// Every method updates θ ← θ − α·m/(√v + e), or θ ← θ − α·m for RAdam's unrectified steps:
	// Adam(W): α = η√bc₂/bc₁, e = ε√bc₂;  RAdam: α = ηrₜ√bc₂/bc₁, e = ε.
	alpha, e, adaptive := lr*math.Sqrt(bc2)/bc1, c.Eps*math.Sqrt(bc2), true
	if c.Method == RAdam {
		e = c.Eps
		rhoInf := 2/(1-b2) - 1
		rho := rhoInf - 2*float64(o.t)*math.Pow(b2, float64(o.t))/bc2
		if rho > 5 {
			alpha *= math.Sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho))
		} else {
			alpha, adaptive = lr/bc1, false
		}
	}
	l2, shrink := c.WeightDecay, 1.0
	if c.Method == AdamW {
		l2, shrink = 0, 1-lr*c.WeightDecay
	}
	for i, th := range o.values {
		g, m, v := o.grads[i][:len(th)], o.m[i][:len(th)], o.v[i][:len(th)]
		for j, x := range th {
			x *= shrink
			gj := scale*g[j] + l2*x
			mj := b1*m[j] + (1-b1)*gj
			vj := b2*v[j] + (1-b2)*gj*gj
			m[j], v[j] = mj, vj
			if adaptive {
				th[j] = x - alpha*mj/(math.Sqrt(vj)+e)
			} else {
				th[j] = x - alpha*mj
			}
		}
	}
	return nil
}
