package lds

import (
	"context"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/crossval"
)

// SelectConfig controls SelectDim.
type SelectConfig struct {
	Dims  []int  // candidate latent dimensions in increasing order (required)
	Folds int    // k of k-fold cross-validation over trials (default 5)
	EM    Config // fitting settings for every fit; States is set per candidate, Init and Progress are ignored

	// Progress, if set, is called after each fit with step = fits done,
	// total = len(Dims)·Folds and metrics {"dim", "fold", "heldout_loglik", "r2"}.
	Progress func(step, total int, metrics map[string]float64)
}

// Selection holds the cross-validated scores of each candidate dimension.
type Selection struct {
	Dims   []int
	LogLik [][]float64 // [candidate][fold]: held-out log-likelihood per observed entry
	R2     [][]float64 // [candidate][fold]: held-out one-step-ahead prediction R²
	Chosen int         // dimension picked by the one-standard-error rule on LogLik
	Best   int         // dimension with the best mean held-out LogLik
}

// SelectDim chooses the latent dimension by k-fold cross-validation over trials: for each
// candidate it fits EM on k−1 folds and scores the held-out fold by its log-likelihood per
// observed entry and by the R² of the one-step-ahead prediction E[y(t) | y(0..t−1)] (the
// Kalman predictor), pooled over channels. The chosen dimension is the smallest whose mean
// held-out log-likelihood is within one standard error of the best (neuro/crossval.OneSE). A
// single trial is cut into Folds contiguous segments first.
func SelectDim(ctx context.Context, data, inputs []*mat.Dense, cfg SelectConfig) (*Selection, error) {
	if len(cfg.Dims) == 0 {
		return nil, fmt.Errorf("lds: SelectConfig.Dims is empty")
	}
	for i, d := range cfg.Dims {
		if d < 1 || (i > 0 && d <= cfg.Dims[i-1]) {
			return nil, fmt.Errorf("lds: SelectConfig.Dims must be positive and increasing (got %v)", cfg.Dims)
		}
	}
	k := cfg.Folds
	if k == 0 {
		k = 5
	}
	if len(data) == 0 || data[0] == nil {
		return nil, fmt.Errorf("lds: data has no trials")
	}
	if len(data) == 1 {
		var err error
		if data, inputs, err = splitTrial(data[0], input(inputs, 0), k); err != nil {
			return nil, err
		}
	}
	folds, err := crossval.KFold(len(data), k, nil)
	if err != nil {
		return nil, fmt.Errorf("lds: %w", err)
	}
	sel := &Selection{Dims: slices.Clone(cfg.Dims), LogLik: make([][]float64, len(cfg.Dims)), R2: make([][]float64, len(cfg.Dims))}
	total := len(cfg.Dims) * len(folds)
	done := 0
	for ci, dim := range cfg.Dims {
		for fi, f := range folds {
			trainY, trainU := pick(data, inputs, f.Train)
			testY, testU := pick(data, inputs, f.Test)
			emCfg := cfg.EM
			emCfg.States, emCfg.Progress, emCfg.Init = dim, nil, nil
			md, _, err := FitEM(ctx, trainY, trainU, emCfg)
			if err != nil {
				return nil, fmt.Errorf("lds: dimension %d, fold %d: %w", dim, fi, err)
			}
			ll, r2, err := heldOut(md, testY, testU)
			if err != nil {
				return nil, fmt.Errorf("lds: dimension %d, fold %d: %w", dim, fi, err)
			}
			sel.LogLik[ci] = append(sel.LogLik[ci], ll)
			sel.R2[ci] = append(sel.R2[ci], r2)
			done++
			if cfg.Progress != nil {
				cfg.Progress(done, total, map[string]float64{"dim": float64(dim), "fold": float64(fi), "heldout_loglik": ll, "r2": r2})
			}
		}
	}
	chosen, best, err := crossval.OneSE(sel.LogLik)
	if err != nil {
		return nil, fmt.Errorf("lds: %w", err)
	}
	sel.Chosen, sel.Best = cfg.Dims[chosen], cfg.Dims[best]
	return sel, nil
}

// heldOut returns the log-likelihood per observed entry and the pooled one-step-ahead R².
func heldOut(md *Model, y, u []*mat.Dense) (ll, r2 float64, err error) {
	fs, err := md.Filter(y, u)
	if err != nil {
		return 0, 0, err
	}
	_, p, _ := md.Dims()
	sum := make([]float64, p)
	cnt := make([]float64, p)
	var sse float64
	for k, f := range fs {
		ll += f.LogLik
		T, _ := y[k].Dims()
		for t := range T {
			for i, v := range y[k].RawRowView(t) {
				if math.IsNaN(v) {
					continue
				}
				e := f.Innov.At(t, i)
				sse += e * e
				sum[i] += v
				cnt[i]++
			}
		}
	}
	var sst, n float64
	for k := range y {
		T, _ := y[k].Dims()
		for t := range T {
			for i, v := range y[k].RawRowView(t) {
				if !math.IsNaN(v) {
					d := v - sum[i]/cnt[i]
					sst += d * d
				}
			}
		}
	}
	for _, c := range cnt {
		n += c
	}
	if n == 0 || sst == 0 {
		return 0, 0, fmt.Errorf("held-out data have no observed variance")
	}
	return ll / n, 1 - sse/sst, nil
}

// splitTrial cuts one trial into k contiguous segments.
func splitTrial(y, u *mat.Dense, k int) ([]*mat.Dense, []*mat.Dense, error) {
	T, p := y.Dims()
	if k < 2 || T < 2*k {
		return nil, nil, fmt.Errorf("lds: a single trial of %d bins cannot be cut into %d folds of at least 2 bins", T, k)
	}
	ys := make([]*mat.Dense, k)
	var us []*mat.Dense
	if u != nil {
		us = make([]*mat.Dense, k)
	}
	for f := range k {
		lo, hi := f*T/k, (f+1)*T/k
		ys[f] = mat.DenseCopyOf(y.Slice(lo, hi, 0, p))
		if u != nil {
			_, m := u.Dims()
			us[f] = mat.DenseCopyOf(u.Slice(lo, hi, 0, m))
		}
	}
	return ys, us, nil
}

func pick(data, inputs []*mat.Dense, idx []int) ([]*mat.Dense, []*mat.Dense) {
	y := make([]*mat.Dense, len(idx))
	var u []*mat.Dense
	if inputs != nil {
		u = make([]*mat.Dense, len(idx))
	}
	for j, i := range idx {
		y[j] = data[i]
		if inputs != nil {
			u[j] = inputs[i]
		}
	}
	return y, u
}
