package cropldm

import (
	"context"
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/crossval"
	"github.com/neurodyn/neurodyn/neuro/internal/parallel"
	"github.com/neurodyn/neurodyn/neuro/metrics"
	"github.com/neurodyn/neurodyn/neuro/ssid"
	"gonum.org/v1/gonum/mat"
)

// SelectConfig sets the cross-validated choice of n1 and of the horizon i.
type SelectConfig struct {
	Base         Config // options shared by every candidate (N1, NX and Horizon are ignored)
	WithinSource int    // within-source states n2 added to every candidate (NX = N1 + n2)
	N1s          []int  // candidate n1, increasing (default 1 … 10, capped at i·nz)
	Horizons     []int  // candidate horizons (default {10})
	Folds        int    // default 5

	// Progress, if set, is called after each (horizon, fold) with metrics {"horizon", "fold"}.
	Progress func(step, total int, metrics map[string]float64)
}

// Selection is the outcome of SelectDims.
type Selection struct {
	N1       int // chosen n1: the smallest within one SEM of the best, at the chosen horizon
	Horizon  int // horizon with the best cross-validated CC
	BestN1   int // n1 with the highest mean CC at the chosen horizon
	N1s      []int
	Horizons []int
	// Scores[h][c][f] is the held-out mean target CC (causal) of candidate N1s[c] with
	// horizon Horizons[h] on fold f; Mean and SEM summarise over folds.
	Scores    [][][]float64
	Mean, SEM [][]float64
}

// SelectDims chooses n1 (one-SEM rule) and the horizon i (best mean) by k-fold
// cross-validation of the causal one-step target CC. Folds run in parallel.
func SelectDims(ctx context.Context, source, target []*mat.Dense, sc SelectConfig) (*Selection, error) {
	if sc.Folds == 0 {
		sc.Folds = 5
	}
	if len(sc.Horizons) == 0 {
		sc.Horizons = []int{10}
	}
	if _, err := concatChannels(source, target); err != nil {
		return nil, err
	}
	nz := target[0].RawMatrix().Cols
	if len(sc.N1s) == 0 {
		for n := 1; n <= 10 && n <= minInt(sc.Horizons)*nz; n++ {
			sc.N1s = append(sc.N1s, n)
		}
	}
	for k, n := range sc.N1s {
		if n < 1 || (k > 0 && n <= sc.N1s[k-1]) {
			return nil, fmt.Errorf("cropldm: N1s must be positive and increasing, got %v", sc.N1s)
		}
	}
	folds, err := makeFolds([][]*mat.Dense{source, target}, sc.Folds)
	if err != nil {
		return nil, err
	}
	nh, nc, nf := len(sc.Horizons), len(sc.N1s), len(folds)
	sel := &Selection{N1s: sc.N1s, Horizons: sc.Horizons, Scores: make([][][]float64, nh)}
	for h := range nh {
		sel.Scores[h] = make([][]float64, nc)
		for c := range nc {
			sel.Scores[h][c] = make([]float64, nf)
		}
	}
	// Job j is horizon j/nf on fold j%nf.
	err = parallel.For(ctx, nh*nf, 0, func(j int) error {
		return sc.scoreFold(ctx, folds[j%nf], sc.Horizons[j/nf], sel.Scores[j/nf], j%nf)
	}, func(done, j int, _ error) {
		if sc.Progress != nil {
			sc.Progress(done, nh*nf, map[string]float64{"horizon": float64(sc.Horizons[j/nf]), "fold": float64(j % nf)})
		}
	})
	if err != nil {
		return nil, err
	}
	bestH, bestScore := 0, -2.0
	sel.Mean = make([][]float64, nh)
	sel.SEM = make([][]float64, nh)
	for h := range nh {
		sel.Mean[h] = make([]float64, nc)
		sel.SEM[h] = make([]float64, nc)
		for c := range nc {
			sel.Mean[h][c], sel.SEM[h][c] = crossval.MeanSEM(sel.Scores[h][c])
			if sel.Mean[h][c] > bestScore {
				bestH, bestScore = h, sel.Mean[h][c]
			}
		}
	}
	chosen, best, err := crossval.OneSE(sel.Scores[bestH])
	if err != nil {
		return nil, fmt.Errorf("cropldm: %w", err)
	}
	sel.Horizon, sel.N1, sel.BestN1 = sc.Horizons[bestH], sc.N1s[chosen], sc.N1s[best]
	return sel, nil
}

// scoreFold fits every candidate n1 on one fold's training data (sharing the Hankel moments)
// and stores the held-out mean CC in scores[c][f].
func (sc SelectConfig) scoreFold(ctx context.Context, fold split, horizon int, scores [][]float64, f int) error {
	trS, trT, teS, teT := fold.train[0], fold.train[1], fold.test[0], fold.test[1]
	mo, err := ssid.NewMoments(trS, trT, horizon, sc.Base.Oblique)
	if err != nil {
		return fmt.Errorf("cropldm: fold %d: %w", f, err)
	}
	for c, n1 := range sc.N1s {
		if err := ctx.Err(); err != nil {
			return err
		}
		cfg := sc.Base
		cfg.N1, cfg.NX, cfg.Horizon = n1, n1+sc.WithinSource, horizon
		scfg, err := cfg.ssidConfig()
		if err != nil {
			return err
		}
		sys, err := ssid.FitMoments(mo, trS, trT, scfg)
		if err != nil {
			return fmt.Errorf("cropldm: fold %d, n1 = %d, i = %d: %w", f, n1, horizon, err)
		}
		pred, err := sys.PredictZ(teS)
		if err != nil {
			return err
		}
		cc, err := metrics.CC(teT, pred)
		if err != nil {
			return fmt.Errorf("cropldm: fold %d, n1 = %d: %w", f, n1, err)
		}
		scores[c][f] = metrics.Mean(cc)
	}
	return nil
}

func minInt(xs []int) int {
	m := xs[0]
	for _, x := range xs {
		m = min(m, x)
	}
	return m
}
