package facrnn

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// Method names a model of the benchmark.
type Method string

// The methods of the paper's synthetic benchmark.
const (
	LrRNN    Method = "lrRNN"     // one group, no penalty
	LrRNNICA Method = "lrRNN+ICA" // FastICA on the lrRNN latents
	LINT     Method = "LINT"      // rank-K SVD of the lrRNN connectivity
	BdRNN    Method = "bdRNN"     // block-diagonal latent overlap, α = 1
	FullTC   Method = "full-TC"   // every dimension its own group, β = Beta
	FacRNN   Method = "FacRNN"    // groups of size H, β = Beta
)

// Methods lists all methods in the paper's order.
var Methods = []Method{LrRNN, LrRNNICA, LINT, BdRNN, FullTC, FacRNN}

// MethodConfig returns the training configuration of a method from a base configuration (K,
// Beta, epochs, optimiser, …) and the group size H. ICA and LINT train the lrRNN.
func MethodConfig(meth Method, base Config, H int) (Config, error) {
	c := base
	switch meth {
	case LrRNN, LrRNNICA, LINT:
		c.H, c.Beta, c.Alpha = c.K, 0, 0
	case BdRNN:
		c.H, c.Beta, c.Alpha = H, 0, 1
	case FullTC:
		c.H, c.Alpha = 1, 0
	case FacRNN:
		c.H, c.Alpha = H, 0
	default:
		return c, fmt.Errorf("facrnn: unknown method %q", meth)
	}
	return c, nil
}

// Run is one trained model of the benchmark.
type Run struct {
	Method Method
	Seed   uint64
	Model  *Model
}

// FitMethods trains every method for every seed on train, in parallel over GOMAXPROCS workers.
// Each training uses its seed only, so the result does not depend on scheduling. The lrRNN of a
// seed is trained once and reused by lrRNN+ICA (FastICA on its encoder means over train.U,
// seeded) and LINT. progress, if set, receives the completed epochs over all trainings.
func FitMethods(ctx context.Context, train Dataset, methods []Method, seeds []uint64, base Config, H int,
	progress func(step, total int, metrics map[string]float64)) ([]Run, error) {
	type job struct {
		meth Method
		seed uint64
	}
	var jobs []job
	needLr := map[uint64]bool{}
	for _, s := range seeds {
		for _, m := range methods {
			switch m {
			case LrRNN, LrRNNICA, LINT:
				if !needLr[s] {
					needLr[s] = true
					jobs = append(jobs, job{LrRNN, s})
				}
			default:
				jobs = append(jobs, job{m, s})
			}
		}
	}
	cfgs := make([]Config, len(jobs))
	epochs := base.Epochs
	if epochs == 0 {
		epochs = 5000
	}
	epochs *= max(base.Restarts, 1)
	for i, j := range jobs {
		c, err := MethodConfig(j.meth, base, H)
		if err != nil {
			return nil, err
		}
		c.Seed = j.seed
		cfgs[i] = c
	}
	models := make([]*Model, len(jobs))
	errs := make([]error, len(jobs))
	var mu sync.Mutex
	done, total := 0, len(jobs)*epochs
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(jobs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c := cfgs[i]
				if progress != nil {
					c.Progress = func(step, _ int, m map[string]float64) {
						mu.Lock()
						done++
						progress(done, total, m)
						mu.Unlock()
					}
				}
				models[i], errs[i] = Fit(ctx, train, c)
				if errs[i] != nil {
					cancel()
				}
			}
		}()
	}
	for i := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("facrnn: %s seed %d: %w", jobs[i].meth, jobs[i].seed, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lr := map[uint64]*Model{}
	byJob := map[job]*Model{}
	for i, j := range jobs {
		byJob[j] = models[i]
		if j.meth == LrRNN {
			lr[j.seed] = models[i]
		}
	}
	var runs []Run
	for _, s := range seeds {
		for _, m := range methods {
			var mod *Model
			var err error
			switch m {
			case LrRNN:
				mod = lr[s]
			case LrRNNICA:
				mod, err = WithICA(lr[s], train.U, ICAConfig{Seed: s})
			case LINT:
				mod, err = WithLINT(lr[s])
			default:
				mod = byJob[job{m, s}]
			}
			if err != nil {
				return nil, fmt.Errorf("facrnn: %s seed %d: %w", m, s, err)
			}
			runs = append(runs, Run{Method: m, Seed: s, Model: mod})
		}
	}
	return runs, nil
}

// Truth is the ground truth a model is scored against; W and SubW may be nil (real data).
type Truth struct {
	Z      *mat.Dense   // test latents (test length × K_true)
	Groups [][]int      // true groups
	W      *mat.Dense   // connectivity
	SubW   []*mat.Dense // one sub-connectivity per true group
}

// Scores are the test-set metrics of one model.
type Scores struct {
	PC, TC      float64 // partial correlation (default grouping) and total correlation
	GroupR2     float64
	ComponentR2 float64
	LogLik      float64 // mean conditional log-likelihood log p(x | z = μ) per time point
	ReconR2     float64 // mean per-neuron R² of the decoder mean at z = μ
	Conn        Conn    // W against the truth (linear models with a true W)
	SubConn     Conn    // sub-connectivities in the better group order
	Align       Alignment
}

// Evaluate scores a model on the test samples. predGroups is the model's grouping used for PC,
// group R² and sub-connectivity (for ungrouped baselines the default contiguous split);
// samples Monte-Carlo draws with the given seed go into the PC/TC estimators.
func Evaluate(m *Model, test Dataset, truth Truth, predGroups [][]int, samples int, seed uint64) (Scores, error) {
	var s Scores
	mu, err := m.Encode(test.U)
	if err != nil {
		return s, err
	}
	if s.PC, err = PartialCorrelation(mu, m.SQ, predGroups, samples, seed); err != nil {
		return s, err
	}
	if s.TC, err = TotalCorrelation(mu, m.SQ, samples, seed); err != nil {
		return s, err
	}
	if s.Align, err = GroupR2(truth.Z, mu, truth.Groups, predGroups); err != nil {
		return s, err
	}
	s.GroupR2 = s.Align.R2
	comp, err := ComponentR2(truth.Z, mu)
	if err != nil {
		return s, err
	}
	s.ComponentR2 = comp.R2
	if s.LogLik, s.ReconR2, err = reconstruction(m, mu, test); err != nil {
		return s, err
	}
	if truth.W != nil && m.Linear() {
		W, err := m.W()
		if err != nil {
			return s, err
		}
		if s.Conn, err = CompareConn(W, truth.W); err != nil {
			return s, err
		}
	}
	if truth.SubW != nil && m.Linear() {
		if s.SubConn, _, err = CompareSubConn(m, predGroups, truth.SubW); err != nil {
			return s, err
		}
	}
	return s, nil
}

func reconstruction(m *Model, mu *mat.Dense, d Dataset) (ll, r2 float64, err error) {
	xh, err := m.Decode(mu, d.E)
	if err != nil {
		return 0, 0, err
	}
	T, N := d.X.Dims()
	const halfLog2Pi = 0.9189385332046727
	for c := 0; c < N; c++ {
		iv := 1 / (2 * math.Exp(2*m.LogStd[c]))
		mean, sst, ssr := 0.0, 0.0, 0.0
		for t := 0; t < T; t++ {
			mean += d.X.At(t, c) / float64(T)
		}
		for t := 0; t < T; t++ {
			r := d.X.At(t, c) - xh.At(t, c)
			ll -= (r*r*iv + m.LogStd[c] + halfLog2Pi) / float64(T)
			ssr += r * r
			e := d.X.At(t, c) - mean
			sst += e * e
		}
		if sst > 0 {
			r2 += (1 - ssr/sst) / float64(N)
		}
	}
	return ll, r2, nil
}
