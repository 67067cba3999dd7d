package lds

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Config controls FitEM. The zero value is valid except for States.
type Config struct {
	States  int     // latent dimension n (required unless Init is set)
	MaxIter int     // maximum number of EM iterations (default 500)
	Tol     float64 // stop when |ΔLL| ≤ Tol·|LL| (default 1e-7)

	FullR      bool    // estimate a full R (default: diagonal R)
	RFactors   int     // > 0: estimate R = diag(Ψ) + W Wᵀ with W p×RFactors (see LowRankR)
	NoOffset   bool    // no output offset: Dout is held at zero
	Fixed      Fixed   // parameters held at their initial values
	MinVarFrac float64 // diagonal R: floor R_ii ≥ MinVarFrac·var(y_i) (default 1e-6)

	// Init is the starting model (copied, never modified). Nil starts from InitMethod.
	Init *Model
	// InitMethod chooses the starting model when Init is nil (default InitPCA).
	InitMethod InitMethod

	// Progress, if set, is called after each iteration with step = iterations done,
	// total = MaxIter+1 and metrics {"loglik", "rel_change"}.
	Progress func(step, total int, metrics map[string]float64)
}

// InitMethod is a way to build the starting model from the data. Both estimate latent
// trajectories and then fit every parameter by least squares on them.
type InitMethod int

const (
	// InitPCA takes the latents from the n leading principal scores (unit variance) of the data
	// with missing entries filled by channel means.
	InitPCA InitMethod = iota
	// InitSSID takes them from the steady-state Kalman predictor of a model identified by
	// standard stochastic subspace identification (neuro/ssid, horizon 10); trials shorter than
	// 20 bins are left out of the identification.
	InitSSID
	// InitFA takes them from the posterior means of a factor-analysis fit with n factors
	// (neuro/commsub, at most 300 EM iterations) to the data with missing entries filled by
	// channel means; FA separates shared from private variance better than PCA.
	InitFA
)

// FitResult describes an EM run.
type FitResult struct {
	LogLik     []float64 // LogLik[i]: log-likelihood of the model after i M-steps (LogLik[0]: start)
	Iterations int       // M-steps performed
	Converged  bool      // the relative change fell below Tol
}

// Fit is FitEM without inputs or cancellation.
func Fit(data []*mat.Dense, cfg Config) (*Model, error) {
	md, _, err := FitEM(context.Background(), data, nil, cfg)
	return md, err
}

// FitEM fits the model by exact expectation-maximisation: the E-step is the Kalman filter and
// RTS smoother, the M-step the closed-form maximiser of the expected complete-data
// log-likelihood (Shumway & Stoffer 1982; Ghahramani & Hinton 1996). data[k] is T_k×p with NaN
// for missing entries; inputs is nil or one T_k×m matrix per trial. The log-likelihood never
// decreases (up to round-off; with RFactors the R update is a generalised M-step of a few
// factor-analysis EM steps, which also never lowers it). On cancellation the last model is returned with ctx.Err().
func FitEM(ctx context.Context, data, inputs []*mat.Dense, cfg Config) (*Model, *FitResult, error) {
	if len(data) == 0 || data[0] == nil {
		return nil, nil, fmt.Errorf("lds: data has no trials")
	}
	_, p := data[0].Dims()
	m := 0
	if inputs != nil {
		if len(inputs) == 0 || inputs[0] == nil {
			return nil, nil, fmt.Errorf("lds: inputs is empty")
		}
		_, m = inputs[0].Dims()
	}
	if _, err := checkTrials(data, inputs, p, m); err != nil {
		return nil, nil, err
	}
	if err := cfg.defaults(); err != nil {
		return nil, nil, err
	}
	if err := checkChannels(data); err != nil {
		return nil, nil, err
	}
	var md *Model
	var err error
	if cfg.Init != nil {
		md = cfg.Init.Clone()
	} else {
		switch cfg.InitMethod {
		case InitPCA:
			md, err = initPCA(data, inputs, cfg)
		case InitSSID:
			md, err = initSSID(data, inputs, cfg)
		case InitFA:
			md, err = initFA(ctx, data, inputs, cfg)
		default:
			err = fmt.Errorf("lds: unknown Config.InitMethod %d", cfg.InitMethod)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	if md, err = cfg.project(md, p, m); err != nil {
		return nil, nil, err
	}
	ed, err := newEMData(data, inputs, md, cfg)
	if err != nil {
		return nil, nil, err
	}
	res := &FitResult{}
	for it := 0; ; it++ {
		s, err := ed.estep(md, data, inputs, cfg.denseR())
		if err != nil {
			return nil, nil, err
		}
		res.LogLik = append(res.LogLik, s.ll)
		rel := math.Inf(1)
		if it > 0 {
			prev := res.LogLik[it-1]
			rel = math.Abs(s.ll-prev) / math.Max(math.Abs(s.ll), 1e-300)
		}
		if cfg.Progress != nil {
			cfg.Progress(it+1, cfg.MaxIter+1, map[string]float64{"loglik": s.ll, "rel_change": rel})
		}
		if rel <= cfg.Tol {
			res.Converged = true
			return md, res, nil
		}
		if it == cfg.MaxIter {
			return md, res, nil
		}
		if err := ctx.Err(); err != nil {
			return md, res, err
		}
		next, err := ed.mstep(md, s, &cfg)
		if err != nil {
			return md, res, err
		}
		md = next
		res.Iterations++
	}
}

func (cfg *Config) defaults() error {
	if cfg.MaxIter == 0 {
		cfg.MaxIter = 500
	}
	if cfg.Tol == 0 {
		cfg.Tol = 1e-7
	}
	if cfg.MinVarFrac == 0 {
		cfg.MinVarFrac = 1e-6
	}
	if cfg.RFactors < 0 || (cfg.RFactors > 0 && cfg.FullR) {
		return fmt.Errorf("lds: Config.RFactors = %d with FullR = %v: need RFactors ≥ 0, and not both", cfg.RFactors, cfg.FullR)
	}
	if cfg.MaxIter < 0 || cfg.Tol < 0 || cfg.MinVarFrac < 0 {
		return fmt.Errorf("lds: Config MaxIter, Tol and MinVarFrac must be non-negative")
	}
	if cfg.Init == nil && cfg.States < 1 {
		return fmt.Errorf("lds: Config.States = %d, need at least 1", cfg.States)
	}
	if cfg.Init != nil && cfg.States != 0 {
		if n, _, _ := cfg.Init.Dims(); n != cfg.States {
			return fmt.Errorf("lds: Config.States = %d but Init has %d states", cfg.States, n)
		}
	}
	return nil
}

// project checks the starting model against the data and imposes the constraints of cfg:
// diagonal R, zero offset, input matrices present exactly when there are inputs.
func (cfg *Config) project(md *Model, p, m int) (*Model, error) {
	n, pm, mm := md.Dims()
	if pm != p {
		return nil, fmt.Errorf("lds: Init has %d channels, data has %d", pm, p)
	}
	if m == 0 {
		if mm > 0 {
			return nil, fmt.Errorf("lds: Init has %d inputs but inputs is nil", mm)
		}
		md.B, md.D = nil, nil
	} else {
		if mm != 0 && mm != m {
			return nil, fmt.Errorf("lds: Init has %d inputs, inputs have %d columns", mm, m)
		}
		if md.B == nil {
			md.B = mat.NewDense(n, m, nil)
		}
		if md.D == nil {
			md.D = mat.NewDense(p, m, nil)
		}
	}
	if md.Dout == nil || cfg.NoOffset {
		md.Dout = make([]float64, p)
	}
	if md.Mu0 == nil {
		md.Mu0 = make([]float64, n)
	}
	if cfg.RFactors > 0 {
		if err := cfg.initLowRankR(md); err != nil {
			return nil, err
		}
	} else if !cfg.FullR {
		r := mat.NewSymDense(p, nil)
		for i := range p {
			r.SetSym(i, i, md.R.At(i, i))
		}
		md.R = r
		md.RLowRank = nil
	}
	return md, md.Validate()
}

// newEMData computes the data-only statistics.
func newEMData(data, inputs []*mat.Dense, md *Model, cfg Config) (*emData, error) {
	n, p, m := md.Dims()
	ed := &emData{n: n, p: p, m: m, offset: !cfg.NoOffset, syy: make([]float64, p),
		nobs: make([]float64, p), rfloor: make([]float64, p), missing: make([][][]int, len(data))}
	sum := make([]float64, p)
	if cfg.denseR() {
		ed.syyFull = mat.NewDense(p, p, nil)
	}
	for k, y := range data {
		T, _ := y.Dims()
		ed.steps += float64(T)
		ed.dynSteps += float64(T - 1)
		y0 := mat.DenseCopyOf(y)
		var miss [][]int
		for t := range T {
			row := y0.RawRowView(t)
			for i, v := range row {
				if math.IsNaN(v) {
					if miss == nil {
						miss = make([][]int, T)
					}
					miss[t] = append(miss[t], i)
					row[i] = 0
					continue
				}
				ed.syy[i] += v * v
				sum[i] += v
				ed.nobs[i]++
			}
		}
		ed.y0T = append(ed.y0T, mat.DenseCopyOf(y0.T()))
		ed.missing[k] = miss
		if miss != nil {
			ed.anyMiss = true
		} else if cfg.denseR() {
			var yy mat.Dense
			yy.Mul(y0.T(), y0)
			ed.syyFull.Add(ed.syyFull, &yy)
		}
	}
	if ed.dynSteps == 0 {
		return nil, fmt.Errorf("lds: every trial has a single bin; EM needs at least one trial with 2 or more")
	}
	for i := range p {
		mean := sum[i] / ed.nobs[i]
		ed.rfloor[i] = cfg.MinVarFrac * (ed.syy[i]/ed.nobs[i] - mean*mean)
	}
	return ed, nil
}

// estep runs the smoother on every trial and returns the summed statistics.
func (ed *emData) estep(md *Model, data, inputs []*mat.Dense, fullR bool) (*stats, error) {
	eng, err := newEngine(md)
	if err != nil {
		return nil, err
	}
	bl := blocks(len(data))
	parts := make([]*stats, len(bl))
	imputers := make([]*missImputer, len(bl))
	for b := range bl {
		parts[b] = ed.newStats(fullR)
		if fullR && ed.anyMiss {
			imputers[b] = &missImputer{md: md, cache: map[string]*imputePattern{}}
		}
	}
	err = eng.forEach(data, inputs, true, func(b, k int, post *trialPost) error {
		ed.accumulate(parts[b], md, post, input(inputs, k), k, imputers[b])
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, s := range parts[1:] {
		parts[0].add(s)
	}
	return parts[0], nil
}

// checkChannels rejects channels with fewer than 2 observed entries or zero variance: they would
// drive their noise variance to zero.
func checkChannels(data []*mat.Dense) error {
	_, p := data[0].Dims()
	cnt := make([]float64, p)
	first := make([]float64, p)
	varies := make([]bool, p)
	for _, y := range data {
		T, _ := y.Dims()
		for t := range T {
			for i, v := range y.RawRowView(t) {
				if math.IsNaN(v) {
					continue
				}
				if cnt[i] == 0 {
					first[i] = v
				} else if v != first[i] {
					varies[i] = true
				}
				cnt[i]++
			}
		}
	}
	for i := range p {
		if cnt[i] < 2 {
			return fmt.Errorf("lds: channel %d has %v observed entries, need at least 2", i, cnt[i])
		}
		if !varies[i] {
			return fmt.Errorf("lds: channel %d is constant (zero variance); remove it", i)
		}
	}
	return nil
}
