package crossval

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Fold is one train/test split of the indices 0..n-1.
type Fold struct {
	Train, Test []int
}

// KFold splits the indices 0..n-1 into k folds of near-equal size. With rng == nil the folds are
// contiguous blocks (the right choice for time series, where shuffled folds leak information
// between neighbouring samples); otherwise the indices are shuffled with rng first.
func KFold(n, k int, rng *rand.Rand) ([]Fold, error) {
	if k < 2 {
		return nil, fmt.Errorf("crossval: k = %d folds, need at least 2", k)
	}
	if n < k {
		return nil, fmt.Errorf("crossval: n = %d items cannot fill k = %d folds", n, k)
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	if rng != nil {
		rng.Shuffle(n, func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
	}
	folds := make([]Fold, k)
	for f := range k {
		lo, hi := f*n/k, (f+1)*n/k
		test := append([]int(nil), idx[lo:hi]...)
		train := make([]int, 0, n-(hi-lo))
		train = append(train, idx[:lo]...)
		train = append(train, idx[hi:]...)
		folds[f] = Fold{Train: train, Test: test}
	}
	return folds, nil
}

// MeanSEM returns the mean and the standard error of the mean (sample standard deviation over
// sqrt(len)) of xs. SEM is 0 for a single value.
func MeanSEM(xs []float64) (mean, sem float64) {
	n := float64(len(xs))
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	for _, x := range xs {
		mean += x
	}
	mean /= n
	if len(xs) < 2 {
		return mean, 0
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss/(n-1)) / math.Sqrt(n)
}

// OneSE applies the one-standard-error rule. scores[c][f] is the held-out score (higher is
// better) of candidate c on fold f; candidates must be ordered from simplest to most complex.
// It returns the chosen candidate and the best-scoring one.
func OneSE(scores [][]float64) (chosen, best int, err error) {
	if len(scores) == 0 {
		return 0, 0, fmt.Errorf("crossval: scores is empty")
	}
	means := make([]float64, len(scores))
	sems := make([]float64, len(scores))
	best = -1
	for c, s := range scores {
		if len(s) == 0 {
			return 0, 0, fmt.Errorf("crossval: scores[%d] has no folds", c)
		}
		for f, v := range s {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, 0, fmt.Errorf("crossval: scores[%d][%d] = %v is not finite", c, f, v)
			}
		}
		means[c], sems[c] = MeanSEM(s)
		if best < 0 || means[c] > means[best] {
			best = c
		}
	}
	threshold := means[best] - sems[best]
	for c := range scores {
		if means[c] >= threshold {
			return c, best, nil
		}
	}
	return best, best, nil
}
