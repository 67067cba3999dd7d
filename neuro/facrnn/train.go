package facrnn

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/optim"
)

// Config configures Fit. The zero value of each field means the stated default.
type Config struct {
	K int // latent dimensions (required)
	H int // group size, K = G·H; 0 means K (one group, no partial correlation)

	Beta  float64 // weight β of the partial-correlation penalty
	Alpha float64 // weight α of the block-diagonal latent-overlap penalty (bdRNN)

	Hidden  int  // > 0: MLP encoder N→Hidden→K and decoder K→Hidden→N (ReLU), ReLU output
	ReLUOut bool // ReLU on the (linear) decoder's output

	TTot int     // nominal data-set size for s_q and the PC weights; 0 means the training length
	SQ   float64 // encoder std; 0 means TTot^(−1/(K+4))

	Epochs int // 0 means 5000
	Batch  int // 0 means 128

	// Optim configures the optimiser; the zero value means AdamW, lr 1e-3, weight decay 0.01
	// (PyTorch's AdamW defaults, the paper's synthetic setting). Set Method optim.Adam for the
	// monkey setting.
	Optim optim.Config

	// Restarts > 1 trains that many models from different seeds and keeps the one with the
	// lowest training loss over its last 5% of epochs (an unsupervised choice; the paper trains once). 0 means 1.
	Restarts int

	Seed     uint64
	Progress func(step, total int, metrics map[string]float64) // called after every epoch
}

func (c Config) withDefaults(T, N int) (Config, error) {
	if c.K < 1 {
		return c, fmt.Errorf("facrnn: Config.K = %d, want ≥ 1", c.K)
	}
	if c.H == 0 {
		c.H = c.K
	}
	if c.H < 1 || c.K%c.H != 0 {
		return c, fmt.Errorf("facrnn: Config.H = %d must divide K = %d", c.H, c.K)
	}
	if c.Epochs == 0 {
		c.Epochs = 5000
	}
	if c.Batch == 0 {
		c.Batch = 128
	}
	if c.Restarts == 0 {
		c.Restarts = 1
	}
	if c.TTot == 0 {
		c.TTot = T
	}
	if c.SQ == 0 {
		c.SQ = SQDefault(c.TTot, c.K)
	}
	if c.Optim == (optim.Config{}) {
		c.Optim = optim.Config{Method: optim.AdamW, LR: 1e-3, WeightDecay: 0.01}
	}
	bad := func(name string, v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) || v < 0 }
	switch {
	case c.Epochs < 0:
		return c, fmt.Errorf("facrnn: Config.Epochs = %d, want ≥ 0", c.Epochs)
	case c.Batch < 1:
		return c, fmt.Errorf("facrnn: Config.Batch = %d, want ≥ 1", c.Batch)
	case c.TTot < 2:
		return c, fmt.Errorf("facrnn: Config.TTot = %d, want ≥ 2", c.TTot)
	case !(c.SQ > 0) || math.IsInf(c.SQ, 0):
		return c, fmt.Errorf("facrnn: Config.SQ = %v, want positive and finite", c.SQ)
	case bad("Beta", c.Beta):
		return c, fmt.Errorf("facrnn: Config.Beta = %v, want ≥ 0 and finite", c.Beta)
	case bad("Alpha", c.Alpha):
		return c, fmt.Errorf("facrnn: Config.Alpha = %v, want ≥ 0 and finite", c.Alpha)
	case c.Restarts < 0:
		return c, fmt.Errorf("facrnn: Config.Restarts = %d, want ≥ 0", c.Restarts)
	case c.Hidden < 0:
		return c, fmt.Errorf("facrnn: Config.Hidden = %d, want ≥ 0", c.Hidden)
	case c.Alpha > 0 && c.Hidden > 0:
		return c, fmt.Errorf("facrnn: Config.Alpha needs the linear model (Hidden = 0)")
	case c.K > N && c.Hidden == 0:
		return c, fmt.Errorf("facrnn: Config.K = %d exceeds the %d neurons", c.K, N)
	}
	return c, nil
}

// NewModel returns a model initialised like PyTorch's nn.Linear (weights and biases uniform in
// ±1/√fan_in) with decoder log-stds −1.
func NewModel(N int, cfg Config, rng *rand.Rand) *Model {
	m := &Model{N: N, K: cfg.K, H: cfg.H, SQ: cfg.SQ, LogStd: make([]float64, N)}
	for i := range m.LogStd {
		m.LogStd[i] = -1
	}
	layer := func(in, out int, relu bool) Layer {
		b := 1 / math.Sqrt(float64(in))
		L := Layer{W: mat.NewDense(out, in, nil), Bias: make([]float64, out), ReLU: relu}
		for i, d := 0, L.W.RawMatrix().Data; i < len(d); i++ {
			d[i] = (2*rng.Float64() - 1) * b
		}
		for i := range L.Bias {
			L.Bias[i] = (2*rng.Float64() - 1) * b
		}
		return L
	}
	if cfg.Hidden > 0 {
		m.Enc = []Layer{layer(N, cfg.Hidden, true), layer(cfg.Hidden, cfg.K, false)}
		m.Dec = []Layer{layer(cfg.K, cfg.Hidden, true), layer(cfg.Hidden, N, true)}
	} else {
		m.Enc = []Layer{layer(N, cfg.K, false)}
		m.Dec = []Layer{layer(cfg.K, N, cfg.ReLUOut)}
	}
	return m
}

// Fit trains a model on the training samples by mini-batch stochastic gradient descent on the
// FacRNN loss, with one reparameterised sample per data point. The last batch of an epoch may
// be smaller (batches are reshuffled every epoch). Same seed, same model.
func Fit(ctx context.Context, train Dataset, cfg Config) (*Model, error) {
	if err := train.check(); err != nil {
		return nil, err
	}
	T, N := train.X.Dims()
	cfg, err := cfg.withDefaults(T, N)
	if err != nil {
		return nil, err
	}
	var best *Model
	bestLoss := math.Inf(1)
	for r := 0; r < cfg.Restarts; r++ {
		m, loss, err := fitOnce(ctx, train, cfg, r)
		if err != nil {
			return nil, err
		}
		if loss < bestLoss {
			best, bestLoss = m, loss
		}
	}
	return best, nil
}

// fitOnce is restart r of Fit; it returns the model and its mean training loss over the last
// 5% of the epochs (at least one), the criterion that picks among restarts.
func fitOnce(ctx context.Context, train Dataset, cfg Config, restart int) (*Model, float64, error) {
	T, N := train.X.Dims()
	rng := rand.New(rand.NewPCG(cfg.Seed, splitmix(0xfac+uint64(restart))))
	m := NewModel(N, cfg, rng)
	batch := min(cfg.Batch, T)
	obj := newObjective(m, cfg.Beta, cfg.Alpha, float64(cfg.TTot), batch)
	vals, grads := obj.params()
	opt, err := optim.NewSlices(vals, grads, cfg.Optim)
	if err != nil {
		return nil, 0, err
	}
	K := cfg.K
	U, X := train.U.RawMatrix().Data, train.X.RawMatrix().Data
	var E []float64
	if train.E != nil {
		E = train.E.RawMatrix().Data
	}
	perm := make([]int, T)
	for i := range perm {
		perm[i] = i
	}
	ub, xb := make([]float64, batch*N), make([]float64, batch*N)
	var eb []float64
	if E != nil {
		eb = make([]float64, batch*N)
	}
	eps := make([]float64, batch*K)
	tail := max(1, cfg.Epochs/20)
	last, nTail := 0.0, 0
	for ep := 0; ep < cfg.Epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		rng.Shuffle(T, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		var sum Terms
		for start := 0; start < T; start += batch {
			n := min(batch, T-start)
			for r := 0; r < n; r++ {
				t := perm[start+r]
				copy(ub[r*N:(r+1)*N], U[t*N:(t+1)*N])
				copy(xb[r*N:(r+1)*N], X[t*N:(t+1)*N])
				if E != nil {
					copy(eb[r*N:(r+1)*N], E[t*N:(t+1)*N])
				}
			}
			for i := range eps[:n*K] {
				eps[i] = rng.NormFloat64()
			}
			var e []float64
			if E != nil {
				e = eb[:n*N]
			}
			tm := obj.eval(ub[:n*N], xb[:n*N], e, eps[:n*K], n, true)
			if math.IsNaN(tm.Loss) || math.IsInf(tm.Loss, 0) {
				return nil, 0, fmt.Errorf("facrnn: Fit: loss is %v at epoch %d", tm.Loss, ep)
			}
			if err := opt.Step(); err != nil {
				return nil, 0, fmt.Errorf("facrnn: Fit: epoch %d: %w", ep, err)
			}
			f := float64(n) / float64(T)
			sum.Loss += f * tm.Loss
			sum.NLL += f * tm.NLL
			sum.KL += f * tm.KL
			sum.PC += f * tm.PC
			sum.BD += f * tm.BD
		}
		opt.EndEpoch()
		if ep >= cfg.Epochs-tail {
			last += sum.Loss
			nTail++
		}
		if cfg.Progress != nil {
			cfg.Progress(restart*cfg.Epochs+ep+1, cfg.Restarts*cfg.Epochs, map[string]float64{"loss": sum.Loss, "nll": sum.NLL, "pc": sum.PC})
		}
	}
	if nTail == 0 {
		return m, math.Inf(1), nil
	}
	return m, last / float64(nTail), nil
}

// splitmix is the SplitMix64 finaliser; it turns consecutive restart indices into unrelated
// PCG streams.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
