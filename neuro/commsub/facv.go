package commsub

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/neurodyn/neurodyn/neuro/crossval"
	"github.com/neurodyn/neurodyn/neuro/internal/parallel"
	"gonum.org/v1/gonum/mat"
)

// FACVConfig configures CrossValFactors. The zero value is valid.
type FACVConfig struct {
	MaxFactors int        // largest factor count tried; default min(p−1, 10)
	Folds      int        // default 10
	Rng        *rand.Rand // shuffles samples before splitting; nil keeps contiguous folds
	FA         FAConfig   // EM settings (Factors and Progress are ignored)
	// Progress, if set, is called after each (factor count, fold) fit with {"loglik": held-out LL per sample}.
	Progress func(step, total int, metrics map[string]float64)
}

// FACV is the outcome of cross-validating the number of factors.
type FACV struct {
	Factors []int       // candidates 0..MaxFactors
	LL      [][]float64 // LL[i][f]: held-out log-likelihood per sample of Factors[i] on fold f
	Mean    []float64
	SEM     []float64
	Best    int // factor count with the highest mean held-out log-likelihood
	OneSE   int // smallest factor count within one standard error of Best
}

// CrossValFactors picks the number of factors of X (n×p) by k-fold cross-validated
// log-likelihood. Folds are fitted in parallel (at most GOMAXPROCS at a time); the result does
// not depend on the parallelism.
func CrossValFactors(ctx context.Context, x mat.Matrix, cfg FACVConfig) (*FACV, error) {
	X, err := dense("X", x)
	if err != nil {
		return nil, err
	}
	n, p := X.Dims()
	maxF := cfg.MaxFactors
	if maxF == 0 {
		maxF = min(p-1, 10)
	}
	if maxF < 0 || maxF >= p {
		return nil, fmt.Errorf("commsub: MaxFactors = %d, need 0 ≤ MaxFactors < p = %d", maxF, p)
	}
	folds := cfg.Folds
	if folds == 0 {
		folds = 10
	}
	fs, err := crossval.KFold(n, folds, cfg.Rng)
	if err != nil {
		return nil, fmt.Errorf("commsub: %w", err)
	}
	faCfg := cfg.FA
	faCfg.Progress = nil
	if _, err := faCfg.withDefaults(); err != nil {
		return nil, err
	}
	res := &FACV{Factors: make([]int, maxF+1), LL: make([][]float64, maxF+1)}
	for i := range res.Factors {
		res.Factors[i] = i
		res.LL[i] = make([]float64, folds)
	}
	// Job j fits j/folds factors on fold j%folds.
	total := (maxF + 1) * folds
	err = parallel.For(ctx, total, 0, func(j int) error {
		q, f := j/folds, j%folds
		var err error
		if res.LL[q][f], err = heldOutFA(ctx, X, fs[f], q, faCfg); err != nil {
			return fmt.Errorf("commsub: %d factors, fold %d: %w", q, f, err)
		}
		return nil
	}, func(done, j int, err error) {
		if cfg.Progress != nil && err == nil {
			cfg.Progress(done, total, map[string]float64{"loglik": res.LL[j/folds][j%folds]})
		}
	})
	if err != nil {
		return nil, err
	}
	res.Mean = make([]float64, maxF+1)
	res.SEM = make([]float64, maxF+1)
	for i := range res.LL {
		res.Mean[i], res.SEM[i] = crossval.MeanSEM(res.LL[i])
	}
	one, best, err := crossval.OneSE(res.LL)
	if err != nil {
		return nil, fmt.Errorf("commsub: %w", err)
	}
	res.Best, res.OneSE = best, one
	return res, nil
}

// heldOutFA fits q factors on the training rows and returns the test log-likelihood per sample.
func heldOutFA(ctx context.Context, X *mat.Dense, fold crossval.Fold, q int, cfg FAConfig) (float64, error) {
	cfg.Factors = q
	fa, err := FitFA(ctx, rows(X, fold.Train), cfg)
	if err != nil {
		return 0, err
	}
	ll, err := fa.LogLikelihood(rows(X, fold.Test))
	if err != nil {
		return 0, err
	}
	return ll / float64(len(fold.Test)), nil
}
