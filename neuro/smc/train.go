package smc

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
	"github.com/neurodyn/neurodyn/neuro/optim"
)

// Config configures Fit. The zero value trains with the optimal proposal, 64 particles,
// batches of 10 whole trials, 100 epochs and RAdam decaying from 1e-3 to 1e-5.
type Config struct {
	Proposal   Proposal
	Resampling Resampling
	Particles  int // K; 0 means 64
	BatchSize  int // trials (windows) per batch; 0 means 10
	// Window is the length T of a training window; 0 means the shortest trial. Longer trials
	// (or one continuous recording) contribute random windows.
	Window int
	// TrialsPerEpoch is the number of windows per epoch; 0 means the number of trials.
	TrialsPerEpoch int
	Epochs         int     // 0 means 100
	LR, LREnd      float64 // exponential decay per epoch from LR to LREnd; 0 means 1e-3 and 1e-5
	ClipNorm       float64 // gradient-norm clipping (0: off, as in the paper)
	Seed           uint64
	Workers        int // goroutines over trials; 0 means GOMAXPROCS
	// EvalEvery > 0 calls Eval after every EvalEvery epochs (and after the last); its
	// metrics are added to the progress report and to History.Evals.
	EvalEvery int
	Eval      func(epoch int, m *Model) (map[string]float64, error)
	// Progress, if set, is called after every epoch with {"loss", "lr"} and any Eval metrics.
	Progress func(step, total int, metrics map[string]float64)
}

// History records a training run.
type History struct {
	Loss  []float64            // per epoch: mean over batches of −(1/T) Σ_t log mean_k w_t^k
	Evals []map[string]float64 // Eval results (with "epoch"), in order
}

func (c *Config) defaults(m *Model, data []*mat.Dense) error {
	def := func(x *int, d int) {
		if *x == 0 {
			*x = d
		}
	}
	def(&c.Particles, 64)
	def(&c.BatchSize, 10)
	def(&c.Epochs, 100)
	def(&c.TrialsPerEpoch, len(data))
	if c.LR == 0 {
		c.LR = 1e-3
	}
	if c.LREnd == 0 {
		c.LREnd = 1e-5
	}
	minT := math.MaxInt
	for _, d := range data {
		minT = min(minT, d.RawMatrix().Rows)
	}
	def(&c.Window, minT)
	switch {
	case c.Particles < 1 || c.BatchSize < 1 || c.Epochs < 1 || c.TrialsPerEpoch < 1:
		return fmt.Errorf("smc: Config: Particles %d, BatchSize %d, Epochs %d, TrialsPerEpoch %d must be ≥ 1",
			c.Particles, c.BatchSize, c.Epochs, c.TrialsPerEpoch)
	case c.Window < 1 || c.Window > minT:
		return fmt.Errorf("smc: Config.Window = %d, want 1 ≤ Window ≤ shortest trial (%d)", c.Window, minT)
	case !(c.LR > 0) || !(c.LREnd > 0) || c.LREnd > c.LR:
		return fmt.Errorf("smc: Config learning rates %v → %v, want 0 < LREnd ≤ LR", c.LR, c.LREnd)
	case c.Resampling < Systematic || c.Resampling > NoResampling:
		return fmt.Errorf("smc: Config.Resampling %d unknown", int(c.Resampling))
	}
	switch c.Proposal {
	case Optimal:
		if m.Cfg.Obs != Gaussian || m.Cfg.Noise != FullNoise {
			return fmt.Errorf("smc: the optimal proposal needs Gaussian observations and FullNoise")
		}
	case Encoder:
		if m.Enc == nil || m.Cfg.Noise != DiagNoise {
			return fmt.Errorf("smc: the encoder proposal needs Model.Enc and DiagNoise")
		}
	case Bootstrap:
	default:
		return fmt.Errorf("smc: Config.Proposal %d unknown", int(c.Proposal))
	}
	return nil
}

// checkData validates trials (T×Dx) and optional inputs (T×Du, one per trial).
func checkData(m *Model, data, inputs []*mat.Dense) error {
	if len(data) == 0 {
		return fmt.Errorf("smc: data has no trials")
	}
	c := m.Cfg
	if c.Du > 0 && len(inputs) != len(data) {
		return fmt.Errorf("smc: inputs has %d trials, want %d (the model has Du = %d)", len(inputs), len(data), c.Du)
	}
	if c.Du == 0 && len(inputs) != 0 {
		return fmt.Errorf("smc: inputs given but the model has Du = 0")
	}
	for i, d := range data {
		if d == nil {
			return fmt.Errorf("smc: data[%d] is nil", i)
		}
		r, cols := d.Dims()
		if cols != c.Dx {
			return fmt.Errorf("smc: data[%d] has %d columns, want Dx = %d", i, cols, c.Dx)
		}
		for t := range r {
			for _, x := range d.RawRowView(t) {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					return fmt.Errorf("smc: data[%d] row %d holds %v", i, t, x)
				}
				if c.Obs == Poisson && (x < 0 || x != math.Trunc(x)) {
					return fmt.Errorf("smc: data[%d] row %d holds %v, want counts for Poisson", i, t, x)
				}
			}
		}
		if c.Du > 0 {
			if inputs[i] == nil {
				return fmt.Errorf("smc: inputs[%d] is nil", i)
			}
			ur, uc := inputs[i].Dims()
			if ur != r || uc != c.Du {
				return fmt.Errorf("smc: inputs[%d] is %d×%d, want %d×%d", i, ur, uc, r, c.Du)
			}
		}
	}
	return nil
}

// fill copies windows (trial, start) into bt.
func fill(bt *batch, m *Model, data, inputs []*mat.Dense, items [][2]int) {
	T, dx, du := bt.T, m.Cfg.Dx, m.Cfg.Du
	for b, it := range items {
		d := data[it[0]]
		for t := range T {
			copy(bt.x[(b*T+t)*dx:(b*T+t+1)*dx], d.RawRowView(it[1]+t))
			if bt.u != nil {
				copy(bt.u[(b*T+t)*du:(b*T+t+1)*du], inputs[it[0]].RawRowView(it[1]+t))
			}
		}
	}
	if m.Cfg.Obs == Poisson {
		bt.lcc = poissonConst(bt.x, dx)
	}
}

// Fit trains m in place by variational SMC: every batch runs one particle filter per window
// and takes an optimiser step on −(1/T) Σ_t log mean_k w_t^k (averaged over the batch) with
// the biased gradient that ignores the resampling. data are trials (T×Dx); inputs (T×Du) are
// required when the model has inputs and must be nil otherwise.
func Fit(ctx context.Context, m *Model, data, inputs []*mat.Dense, cfg Config) (*History, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if err := checkData(m, data, inputs); err != nil {
		return nil, err
	}
	if err := cfg.defaults(m, data); err != nil {
		return nil, err
	}
	params := m.Trainable()
	train := map[*autodiff.Param]bool{}
	for _, p := range params {
		train[p] = true
	}
	sched, err := optim.ExponentialTo(cfg.LR, cfg.LREnd, cfg.Epochs)
	if err != nil {
		return nil, err
	}
	opt, err := optim.New(params, optim.Config{Method: optim.RAdam, LR: cfg.LR, ClipNorm: cfg.ClipNorm, Schedule: sched})
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xf17))
	T, B := cfg.Window, cfg.BatchSize
	k := &kernel{K: cfg.Particles, prop: cfg.Proposal, resampling: cfg.Resampling, seed: cfg.Seed, workers: cfg.Workers}
	tp := autodiff.NewTape()
	hist := &History{}
	var stream uint64
	for epoch := range cfg.Epochs {
		items := make([][2]int, cfg.TrialsPerEpoch)
		perm := rng.Perm(len(data))
		for i := range items {
			tr := perm[i%len(data)]
			if cfg.TrialsPerEpoch > len(data) {
				tr = rng.IntN(len(data))
			}
			items[i] = [2]int{tr, rng.IntN(data[tr].RawMatrix().Rows - T + 1)}
		}
		sum, nb := 0.0, 0
		for s := 0; s < len(items); s += B {
			if err := ctx.Err(); err != nil {
				return hist, err
			}
			it := items[s:min(s+B, len(items))]
			bt := &batch{B: len(it), T: T, x: make([]float64, len(it)*T*m.Cfg.Dx)}
			if m.Cfg.Du > 0 {
				bt.u = make([]float64, len(it)*T*m.Cfg.Du)
			}
			fill(bt, m, data, inputs, it)
			stream++
			k.stream = stream
			tp.Reset()
			opt.ZeroGrad()
			loss := tp.Neg(m.objective(tp, k, bt, train))
			if err := tp.Backward(loss); err != nil {
				return hist, fmt.Errorf("smc: epoch %d: %w", epoch+1, err)
			}
			if err := opt.Step(); err != nil {
				return hist, fmt.Errorf("smc: epoch %d: %w", epoch+1, err)
			}
			sum += loss.Scalar()
			nb++
		}
		lr := opt.LR()
		opt.EndEpoch()
		hist.Loss = append(hist.Loss, sum/float64(nb))
		metrics := map[string]float64{"loss": sum / float64(nb), "lr": lr}
		if cfg.Eval != nil && cfg.EvalEvery > 0 && ((epoch+1)%cfg.EvalEvery == 0 || epoch+1 == cfg.Epochs) {
			ev, err := cfg.Eval(epoch+1, m)
			if err != nil {
				return hist, fmt.Errorf("smc: evaluation after epoch %d: %w", epoch+1, err)
			}
			rec := map[string]float64{"epoch": float64(epoch + 1)}
			for key, v := range ev {
				rec[key], metrics[key] = v, v
			}
			hist.Evals = append(hist.Evals, rec)
		}
		if cfg.Progress != nil {
			cfg.Progress(epoch+1, cfg.Epochs, metrics)
		}
	}
	return hist, nil
}
