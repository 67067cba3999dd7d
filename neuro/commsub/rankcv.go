package commsub

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/neurodyn/neurodyn/neuro/crossval"
	"gonum.org/v1/gonum/mat"
)

// RankCVConfig configures CrossValRank. The zero value is valid.
type RankCVConfig struct {
	Folds   int        // number of folds; default 10
	MaxRank int        // largest rank tried; default min(p, K)
	Lambda  float64    // ridge penalty of the full-rank solution (0 = ordinary RRR)
	Rng     *rand.Rand // shuffles samples before splitting; nil keeps contiguous folds
}

// RankCV is the outcome of cross-validating the rank of a reduced-rank regression.
type RankCV struct {
	Ranks    []int       // candidate ranks 1..MaxRank
	Perf     [][]float64 // Perf[i][f]: held-out 1 − NSE of rank Ranks[i] on fold f
	Mean     []float64   // mean over folds of Perf[i]
	SEM      []float64   // standard error of Mean[i]
	Rank     int         // rank chosen by the one-standard-error rule: the interaction's dimensionality
	BestRank int         // rank with the highest mean performance
	FullMean float64     // mean held-out 1 − NSE of the full-rank (OLS or ridge) model: the ceiling
	FullSEM  float64
}

// CrossValRank picks the rank of Y (n×K) ≈ X (n×p) B by k-fold cross-validation and the
// one-standard-error rule (Semedo et al. 2019).
func CrossValRank(ctx context.Context, x, y mat.Matrix, cfg RankCVConfig) (*RankCV, error) {
	X, Y, err := pair(x, y)
	if err != nil {
		return nil, err
	}
	n, p := X.Dims()
	_, K := Y.Dims()
	folds := cfg.Folds
	if folds == 0 {
		folds = 10
	}
	maxRank := cfg.MaxRank
	if maxRank == 0 {
		maxRank = min(p, K)
	}
	if maxRank < 1 || maxRank > min(p, K) {
		return nil, fmt.Errorf("commsub: MaxRank = %d, need 1 ≤ MaxRank ≤ min(p, K) = %d", maxRank, min(p, K))
	}
	fs, err := crossval.KFold(n, folds, cfg.Rng)
	if err != nil {
		return nil, fmt.Errorf("commsub: %w", err)
	}
	res := &RankCV{Ranks: make([]int, maxRank), Perf: make([][]float64, maxRank)}
	for i := range res.Ranks {
		res.Ranks[i] = i + 1
		res.Perf[i] = make([]float64, folds)
	}
	full := make([]float64, folds)
	for f, fold := range fs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(fold.Train) < 2 {
			return nil, fmt.Errorf("commsub: fold %d has %d training samples, need at least 2", f, len(fold.Train))
		}
		m, err := fitRRRCentered(rows(X, fold.Train), rows(Y, fold.Train), cfg.Lambda)
		if err != nil {
			return nil, err
		}
		Xt, Yt := rows(X, fold.Test), rows(Y, fold.Test)
		for i, r := range res.Ranks {
			if res.Perf[i][f], err = heldOut(m, Xt, Yt, r); err != nil {
				return nil, err
			}
		}
		if full[f], err = heldOut(m, Xt, Yt, m.MaxRank()); err != nil {
			return nil, err
		}
	}
	res.Mean = make([]float64, maxRank)
	res.SEM = make([]float64, maxRank)
	for i := range res.Perf {
		res.Mean[i], res.SEM[i] = crossval.MeanSEM(res.Perf[i])
	}
	res.FullMean, res.FullSEM = crossval.MeanSEM(full)
	chosen, best, err := crossval.OneSE(res.Perf)
	if err != nil {
		return nil, fmt.Errorf("commsub: %w", err)
	}
	res.Rank, res.BestRank = res.Ranks[chosen], res.Ranks[best]
	return res, nil
}

// heldOut returns 1 − NSE of the rank-r prediction on a test fold.
func heldOut(m *RRR, Xt, Yt *mat.Dense, r int) (float64, error) {
	pred, err := m.Predict(Xt, r)
	if err != nil {
		return 0, err
	}
	return 1 - NSE(Yt, pred), nil
}

// NSE is the normalised squared error RSS/TSS of a prediction, with TSS taken about the column
// means of Y. It returns +Inf when Y has no variance and the prediction is not exact.
func NSE(Y, pred mat.Matrix) float64 {
	n, K := Y.Dims()
	var rss, tss float64
	for j := range K {
		var mu float64
		for i := range n {
			mu += Y.At(i, j)
		}
		mu /= float64(n)
		for i := range n {
			d := Y.At(i, j) - pred.At(i, j)
			rss += d * d
			c := Y.At(i, j) - mu
			tss += c * c
		}
	}
	if tss == 0 {
		if rss == 0 {
			return 0
		}
		return math.Inf(1)
	}
	return rss / tss
}
