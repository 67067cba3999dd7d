package cropldm

import (
	"context"
	"fmt"
	"math"
	"math/cmplx"

	"github.com/neurodyn/neurodyn/neuro/crossval"
	"github.com/neurodyn/neurodyn/neuro/internal/parallel"
	"github.com/neurodyn/neurodyn/neuro/metrics"
	"github.com/neurodyn/neurodyn/neuro/ssid"
	"gonum.org/v1/gonum/mat"
)

// PathwayConfig sets the interaction-pathway analysis.
type PathwayConfig struct {
	N1 int // cross-population states per pathway (default 2)
	// OwnStates is the state dimension of the model that predicts a target region from its
	// own past; the partial R²'s full model adds N1 states to it (default 2·N1 + 2).
	OwnStates int
	Horizon   int     // default 10
	Folds     int     // default 5
	BinWidth  float64 // seconds per sample, for frequencies and decay times (default 1)

	// Progress, if set, is called after each ordered pair with metrics {"from", "to", "cc"}.
	Progress func(step, total int, metrics map[string]float64)
}

// Pathway scores the directed interaction From → To.
type Pathway struct {
	From, To int
	// CC and R2 are the cross-validated causal prediction accuracy of the target region from
	// the source region (mean over target channels, then over folds); CCSEM is the SEM over folds.
	CC, CCSEM, R2 float64
	// PartialR2 = (SSE_own − SSE_own+source)/SSE_own on held-out data: the fraction of the
	// error of predicting the target from its own past (a model with OwnStates states)
	// removed by adding the source's past (a model of both pasts with OwnStates + N1 states).
	PartialR2 float64
	// Eigenvalues of A11 of the pathway's model fitted on all data, with their oscillation
	// frequencies |arg λ|/(2π Δt) and decay times −Δt/ln|λ|.
	Eigenvalues []complex128
	FrequencyHz []float64
	DecayTime   []float64
}

// Pathways fits a CroP-LDM for every ordered pair of regions (regions[r][trial] is T×n_r, the
// same trial lengths in every region) and scores each directed pathway. Pairs run in parallel.
func Pathways(ctx context.Context, regions [][]*mat.Dense, cfg PathwayConfig) ([]Pathway, error) {
	if cfg.N1 == 0 {
		cfg.N1 = 2
	}
	if cfg.Horizon == 0 {
		cfg.Horizon = 10
	}
	if cfg.OwnStates == 0 {
		cfg.OwnStates = 2*cfg.N1 + 2
	}
	if cfg.Folds == 0 {
		cfg.Folds = 5
	}
	if cfg.BinWidth == 0 {
		cfg.BinWidth = 1
	}
	if len(regions) < 2 {
		return nil, fmt.Errorf("cropldm: Pathways needs at least 2 regions, got %d", len(regions))
	}
	if !(cfg.BinWidth > 0) {
		return nil, fmt.Errorf("cropldm: BinWidth = %v, need > 0", cfg.BinWidth)
	}
	for r := 1; r < len(regions); r++ {
		if _, err := concatChannels(regions[0], regions[r]); err != nil {
			return nil, fmt.Errorf("cropldm: region %d: %w", r, err)
		}
	}
	folds, err := makeFolds(regions, cfg.Folds)
	if err != nil {
		return nil, err
	}
	// SSE of each region predicted from its own past, per fold.
	nr := len(regions)
	ownSSE := make([][]float64, nr)
	for r := range nr {
		ownSSE[r] = make([]float64, len(folds))
		for f, fold := range folds {
			m, err := ssid.Fit(fold.train[r], fold.train[r], ssid.Config{NX: cfg.OwnStates, N1: cfg.OwnStates, Horizon: cfg.Horizon})
			if err != nil {
				return nil, fmt.Errorf("cropldm: own-past model of region %d: %w", r, err)
			}
			pred, err := m.PredictZ(fold.test[r])
			if err != nil {
				return nil, err
			}
			ownSSE[r][f] = sse(fold.test[r], pred)
		}
	}
	type pair struct{ a, b int }
	var pairs []pair
	for a := range nr {
		for b := range nr {
			if a != b {
				pairs = append(pairs, pair{a, b})
			}
		}
	}
	out := make([]Pathway, len(pairs))
	err = parallel.For(ctx, len(pairs), 0, func(p int) error {
		var err error
		out[p], err = cfg.pathway(ctx, regions, folds, ownSSE[pairs[p].b], pairs[p].a, pairs[p].b)
		return err
	}, func(done, p int, _ error) {
		if cfg.Progress != nil {
			cfg.Progress(done, len(pairs), map[string]float64{"from": float64(pairs[p].a), "to": float64(pairs[p].b), "cc": out[p].CC})
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (cfg PathwayConfig) pathway(ctx context.Context, regions [][]*mat.Dense, folds []split, own []float64, a, b int) (Pathway, error) {
	pw := Pathway{From: a, To: b}
	mcfg := Config{N1: cfg.N1, Horizon: cfg.Horizon}
	var ccs, r2s []float64
	var sseOwn, sseFull float64
	for f, fold := range folds {
		if err := ctx.Err(); err != nil {
			return pw, err
		}
		m, err := Fit(fold.train[a], fold.train[b], mcfg)
		if err != nil {
			return pw, fmt.Errorf("cropldm: pathway %d→%d fold %d: %w", a, b, f, err)
		}
		pred, err := m.Predict(fold.test[a])
		if err != nil {
			return pw, err
		}
		cc, err := metrics.CC(fold.test[b], pred)
		if err != nil {
			return pw, fmt.Errorf("cropldm: pathway %d→%d fold %d: %w", a, b, f, err)
		}
		r2, err := metrics.R2(fold.test[b], pred)
		if err != nil {
			return pw, err
		}
		ccs = append(ccs, metrics.Mean(cc))
		r2s = append(r2s, metrics.Mean(r2))
		// Target from its own and the source's past.
		trJ, err := concatChannels(fold.train[b], fold.train[a])
		if err != nil {
			return pw, err
		}
		teJ, err := concatChannels(fold.test[b], fold.test[a])
		if err != nil {
			return pw, err
		}
		n := cfg.OwnStates + cfg.N1
		full, err := ssid.Fit(trJ, fold.train[b], ssid.Config{NX: n, N1: n, Horizon: cfg.Horizon})
		if err != nil {
			return pw, fmt.Errorf("cropldm: pathway %d→%d own+source model: %w", a, b, err)
		}
		fp, err := full.PredictZ(teJ)
		if err != nil {
			return pw, err
		}
		sseFull += sse(fold.test[b], fp)
		sseOwn += own[f]
	}
	pw.CC, pw.CCSEM = crossval.MeanSEM(ccs)
	pw.R2 = metrics.Mean(r2s)
	pw.PartialR2 = (sseOwn - sseFull) / sseOwn
	m, err := Fit(regions[a], regions[b], mcfg)
	if err != nil {
		return pw, fmt.Errorf("cropldm: pathway %d→%d: %w", a, b, err)
	}
	if pw.Eigenvalues, err = m.CrossEigenvalues(); err != nil {
		return pw, err
	}
	for _, l := range pw.Eigenvalues {
		pw.FrequencyHz = append(pw.FrequencyHz, math.Abs(cmplx.Phase(l))/(2*math.Pi*cfg.BinWidth))
		r := cmplx.Abs(l)
		tau := math.Inf(1)
		if r < 1 && r > 0 {
			tau = -cfg.BinWidth / math.Log(r)
		} else if r == 0 {
			tau = 0
		}
		pw.DecayTime = append(pw.DecayTime, tau)
	}
	return pw, nil
}

func sse(y, pred []*mat.Dense) float64 {
	var s float64
	for k := range y {
		T, c := y[k].Dims()
		for t := range T {
			a, b := y[k].RawRowView(t), pred[k].RawRowView(t)
			for j := range c {
				d := a[j] - b[j]
				s += d * d
			}
		}
	}
	return s
}
