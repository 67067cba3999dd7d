package commsub

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/neurodyn/neurodyn/neuro/crossval"
	"gonum.org/v1/gonum/mat"
)

// RidgeCVConfig configures CrossValRidge.
type RidgeCVConfig struct {
	Lambdas []float64  // candidate penalties (required, each ≥ 0)
	Folds   int        // default 10
	Rng     *rand.Rand // shuffles samples before splitting; nil keeps contiguous folds
}

// RidgeCV is the outcome of cross-validating the ridge penalty.
type RidgeCV struct {
	Lambdas []float64
	Perf    [][]float64 // Perf[i][f]: held-out 1 − NSE of Lambdas[i] on fold f
	Mean    []float64
	SEM     []float64
	Best    float64 // the penalty with the highest mean held-out performance
}

// CrossValRidge picks the ridge penalty for Y (n×K) ≈ X (n×p) B by k-fold cross-validation of
// 1 − NSE; use the result as the Lambda of λ-RRR (Semedo et al. 2019 choose it the same way).
func CrossValRidge(ctx context.Context, x, y mat.Matrix, cfg RidgeCVConfig) (*RidgeCV, error) {
	if len(cfg.Lambdas) == 0 {
		return nil, fmt.Errorf("commsub: Lambdas is empty")
	}
	for i, l := range cfg.Lambdas {
		if l < 0 || math.IsNaN(l) || math.IsInf(l, 0) {
			return nil, fmt.Errorf("commsub: Lambdas[%d] = %v, need a finite value ≥ 0", i, l)
		}
	}
	X, Y, err := pair(x, y)
	if err != nil {
		return nil, err
	}
	n, _ := X.Dims()
	folds := cfg.Folds
	if folds == 0 {
		folds = 10
	}
	fs, err := crossval.KFold(n, folds, cfg.Rng)
	if err != nil {
		return nil, fmt.Errorf("commsub: %w", err)
	}
	res := &RidgeCV{Lambdas: append([]float64(nil), cfg.Lambdas...), Perf: make([][]float64, len(cfg.Lambdas))}
	for i := range res.Perf {
		res.Perf[i] = make([]float64, folds)
	}
	for f, fold := range fs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		Xtr, Ytr := rows(X, fold.Train), rows(Y, fold.Train)
		mx, my := center(Xtr), center(Ytr)
		Xt, Yt := rows(X, fold.Test), rows(Y, fold.Test)
		for i, l := range cfg.Lambdas {
			B, err := ridgeCentered(Xtr, Ytr, l)
			if err != nil {
				return nil, err
			}
			lin := &Linear{B: B, Intercept: intercept(mx, my, B)}
			pred, err := lin.Predict(Xt)
			if err != nil {
				return nil, err
			}
			res.Perf[i][f] = 1 - NSE(Yt, pred)
		}
	}
	res.Mean = make([]float64, len(cfg.Lambdas))
	res.SEM = make([]float64, len(cfg.Lambdas))
	best := 0
	for i := range res.Perf {
		res.Mean[i], res.SEM[i] = crossval.MeanSEM(res.Perf[i])
		if math.IsNaN(res.Mean[i]) || math.IsInf(res.Mean[i], 0) {
			return nil, fmt.Errorf("commsub: held-out performance of Lambdas[%d] is not finite (a test fold without variance?)", i)
		}
		if res.Mean[i] > res.Mean[best] {
			best = i
		}
	}
	res.Best = res.Lambdas[best]
	return res, nil
}
