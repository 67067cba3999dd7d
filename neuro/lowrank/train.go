package lowrank

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
	"github.com/neurodyn/neurodyn/neuro/optim"
	"gonum.org/v1/gonum/mat"
)

// TrainConfig configures TrainTeacher. Zero values take the documented defaults.
type TrainConfig struct {
	// N and R are the number of units and the rank; required.
	N, R int
	// Dt and Tau set α = Dt/Tau (0: 10 and 100, as the shipped teachers).
	Dt, Tau float64
	// NoiseStd is the unit noise σ during training and of the returned model (0: none; the
	// shipped teachers used 0.05).
	NoiseStd float64
	// Iterations is the number of Adam steps (0: 500); BatchSize the trials per step (0: 16).
	Iterations, BatchSize int
	// LR is Adam's learning rate (0: 1e-2), ClipNorm the global gradient-norm clip (0: 1).
	LR, ClipNorm float64
	// Seed makes initialisation, trials and noise reproducible.
	Seed uint64
	// Progress, if set, is called after every step with {"loss": …}.
	Progress func(step, total int, metrics map[string]float64)
}

// TrainTeacher trains a ReLU Continuous low-rank RNN on task by backpropagation through time.
// M, WIn ~ N(0, 1), WOut ~ N(0, 1/N), B ~ N(0, 0.01); for the built-in tasks N starts
// structured (N = A Mᵀ: a rotation at the requested period for OscillationTask, a marginal
// continuum for ReachTask), otherwise N ~ N(0, 1). Each step rolls out a batch of trials from x_0 = 0 with the Euler–Maruyama update of
// Continuous, reads y_t = φ(x_t + B)ᵀ WOut, and takes an Adam step on the masked mean squared
// error. It returns the model and the loss of every step.
func TrainTeacher(ctx context.Context, task Task, cfg TrainConfig) (*Continuous, []float64, error) {
	if task == nil {
		return nil, nil, fmt.Errorf("lowrank: TrainTeacher needs a task")
	}
	if v, ok := task.(interface{ validate() error }); ok {
		if err := v.validate(); err != nil {
			return nil, nil, err
		}
	}
	if cfg.N < 1 || cfg.R < 1 || cfg.R > cfg.N {
		return nil, nil, fmt.Errorf("lowrank: TrainConfig N = %d, R = %d: need 1 ≤ R ≤ N", cfg.N, cfg.R)
	}
	def := func(x *float64, d float64) {
		if *x == 0 {
			*x = d
		}
	}
	def(&cfg.Dt, 10)
	def(&cfg.Tau, 100)
	def(&cfg.LR, 1e-2)
	def(&cfg.ClipNorm, 1)
	if cfg.Iterations == 0 {
		cfg.Iterations = 500
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = 16
	}
	if cfg.Iterations < 0 || cfg.BatchSize < 0 || !(cfg.Dt > 0) || !(cfg.Tau > 0) || !(cfg.NoiseStd >= 0) ||
		math.IsInf(cfg.Dt+cfg.Tau+cfg.NoiseStd, 0) {
		return nil, nil, fmt.Errorf("lowrank: TrainConfig has a negative or non-finite setting (%+v)", cfg)
	}
	du, dout, steps := task.Dims()
	if dout < 1 || steps < 1 || du < 0 {
		return nil, nil, fmt.Errorf("lowrank: task dims d_u = %d, d_out = %d, T = %d", du, dout, steps)
	}
	n, r, b := cfg.N, cfg.R, cfg.BatchSize
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6c62272e07bb0142))
	normal := func(name string, rows, cols int, sd float64) *autodiff.Param {
		p, _ := autodiff.NewParam(name, rows, cols)
		for i := range p.Data() {
			p.Data()[i] = sd * rng.NormFloat64()
		}
		return p
	}
	pm := normal("M", n, r, 1)
	pn := normal("N", r, n, 1)
	if l, ok := task.(interface {
		initialLoop(r int, alpha float64) *mat.Dense
	}); ok {
		// Structured start N = A Mᵀ + 0.1·noise (see the task's initialLoop).
		var an mat.Dense
		an.Mul(l.initialLoop(r, cfg.Dt/cfg.Tau), pm.Value.T())
		pn.Value.Scale(0.1, pn.Value)
		pn.Value.Add(pn.Value, &an)
	}
	pb := normal("B", 1, n, 0.1)
	pout := normal("WOut", n, dout, 1/math.Sqrt(float64(n)))
	params := []*autodiff.Param{pm, pn, pb, pout}
	var pin *autodiff.Param
	if du > 0 {
		pin = normal("WIn", du, n, 1)
		params = append(params, pin)
	}
	opt, err := optim.New(params, optim.Config{Method: optim.Adam, LR: cfg.LR, ClipNorm: cfg.ClipNorm})
	if err != nil {
		return nil, nil, err
	}
	alpha := cfg.Dt / cfg.Tau
	sd := math.Sqrt(alpha) * cfg.NoiseStd
	// Per-step batch buffers (trial-major in the task, time-major here).
	u, tgt, msk := make([]float64, steps*max(du, 1)), make([]float64, steps*dout), make([]float64, steps)
	ub, tb, mb := make([][]float64, steps), make([][]float64, steps), make([][]float64, steps)
	noise := make([][]float64, steps)
	for t := range steps {
		ub[t], tb[t], mb[t] = make([]float64, b*max(du, 1)), make([]float64, b*dout), make([]float64, b)
		if sd > 0 {
			noise[t] = make([]float64, b*n)
		}
	}
	x0 := make([]float64, b*n)
	tp := autodiff.NewTape()
	losses := make([]float64, 0, cfg.Iterations)
	for it := range cfg.Iterations {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		count := 0.0
		anyMask, anyInput := make([]bool, steps), make([]bool, steps)
		for k := range b {
			task.Trial(rng, u, tgt, msk)
			for t := range steps {
				copy(ub[t][k*du:(k+1)*du], u[t*du:(t+1)*du])
				copy(tb[t][k*dout:(k+1)*dout], tgt[t*dout:(t+1)*dout])
				mb[t][k] = msk[t]
				if msk[t] != 0 {
					anyMask[t] = true
					count += msk[t] * float64(dout)
				}
				for _, v := range u[t*du : (t+1)*du] {
					anyInput[t] = anyInput[t] || v != 0
				}
			}
		}
		if count == 0 {
			return nil, nil, fmt.Errorf("lowrank: the task's mask scores no output")
		}
		for t := range steps {
			for i := range noise[t] {
				noise[t][i] = sd * rng.NormFloat64()
			}
		}
		tp.Reset()
		M, N, B, Wout := tp.Param(pm), tp.Param(pn), tp.Param(pb), tp.Param(pout)
		var Win *autodiff.Var
		if pin != nil {
			Win = tp.Param(pin)
		}
		x := tp.Input(b, n, x0)
		var sse *autodiff.Var
		for t := range steps {
			rates := tp.ReLU(tp.Add(x, B))
			if anyMask[t] {
				d := tp.Mul(tp.Sub(tp.MatMul(rates, Wout), tp.Input(b, dout, tb[t])), tp.Input(b, 1, mb[t]))
				s := tp.Sum(tp.Square(d))
				if sse == nil {
					sse = s
				} else {
					sse = tp.Add(sse, s)
				}
			}
			if t == steps-1 {
				break
			}
			kappa := tp.MatMulT(rates, false, N, true)
			next := tp.Add(tp.Scale(x, 1-alpha), tp.Scale(tp.MatMulT(kappa, false, M, true), alpha/float64(n)))
			if Win != nil && anyInput[t] {
				next = tp.Add(next, tp.Scale(tp.MatMul(tp.Input(b, du, ub[t]), Win), alpha))
			}
			if sd > 0 {
				next = tp.Add(next, tp.Input(b, n, noise[t]))
			}
			x = next
		}
		loss := tp.Scale(sse, 1/count)
		autodiff.ZeroGrads(params)
		if err := tp.Backward(loss); err != nil {
			return nil, nil, fmt.Errorf("lowrank: training step %d: %w", it, err)
		}
		if err := opt.Step(); err != nil {
			return nil, nil, fmt.Errorf("lowrank: training step %d: %w", it, err)
		}
		losses = append(losses, loss.Scalar())
		if cfg.Progress != nil {
			cfg.Progress(it+1, cfg.Iterations, map[string]float64{"loss": loss.Scalar()})
		}
	}
	c := &Continuous{M: mat.DenseCopyOf(pm.Value), N: mat.DenseCopyOf(pn.Value), B: append([]float64(nil), pb.Data()...),
		WOut: mat.DenseCopyOf(pout.Value), Dt: cfg.Dt, Tau: cfg.Tau, Phi: ReLU, NoiseStd: cfg.NoiseStd}
	if pin != nil {
		c.WIn = mat.DenseCopyOf(pin.Value.T())
	}
	return c, losses, nil
}
