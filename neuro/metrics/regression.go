package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// CC returns the Pearson correlation of every channel between y and yhat, pooled over all
// samples of all trials. A channel with zero variance in y or yhat is an error.
func CC(y, yhat []*mat.Dense) ([]float64, error) {
	s, err := moments(y, yhat)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(s))
	for c, m := range s {
		vy := m.syy - m.sy*m.sy/m.n
		vp := m.spp - m.sp*m.sp/m.n
		if vy <= 0 || vp <= 0 {
			return nil, fmt.Errorf("metrics: CC: channel %d has zero variance in y or in the prediction", c)
		}
		out[c] = (m.syp - m.sy*m.sp/m.n) / math.Sqrt(vy*vp)
	}
	return out, nil
}

// R2 returns the coefficient of determination 1 − SSE/SST of every channel, pooled over all
// samples of all trials. A channel with zero variance in y is an error.
func R2(y, yhat []*mat.Dense) ([]float64, error) {
	s, err := moments(y, yhat)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(s))
	for c, m := range s {
		sst := m.syy - m.sy*m.sy/m.n
		if sst <= 0 {
			return nil, fmt.Errorf("metrics: R2: channel %d of y has zero variance", c)
		}
		out[c] = 1 - m.sse/sst
	}
	return out, nil
}

// PooledR2 returns 1 − Σ_c SSE_c / Σ_c SST_c, pooled over channels and samples.
func PooledR2(y, yhat []*mat.Dense) (float64, error) {
	s, err := moments(y, yhat)
	if err != nil {
		return 0, err
	}
	var sse, sst float64
	for _, m := range s {
		sse += m.sse
		sst += m.syy - m.sy*m.sy/m.n
	}
	if sst <= 0 {
		return 0, fmt.Errorf("metrics: PooledR2: y has zero variance")
	}
	return 1 - sse/sst, nil
}

// Mean returns the average of xs (NaN for an empty slice).
func Mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

type chanMoments struct{ n, sy, sp, syy, spp, syp, sse float64 }

// moments accumulates per-channel sums, with the channel mean of y shifted out first for
// numerical accuracy.
func moments(y, yhat []*mat.Dense) ([]chanMoments, error) {
	if len(y) == 0 {
		return nil, fmt.Errorf("metrics: y has no trials")
	}
	if len(y) != len(yhat) {
		return nil, fmt.Errorf("metrics: y has %d trials, prediction has %d", len(y), len(yhat))
	}
	_, nc := y[0].Dims()
	shift := make([]float64, nc)
	var total float64
	for k := range y {
		r, c := y[k].Dims()
		pr, pc := yhat[k].Dims()
		if r != pr || c != pc || c != nc {
			return nil, fmt.Errorf("metrics: trial %d: y is %d×%d, prediction is %d×%d (trial 0 has %d channels)", k, r, c, pr, pc, nc)
		}
		for t := range r {
			yr, pr := y[k].RawRowView(t), yhat[k].RawRowView(t)
			for ch := range c {
				a, b := yr[ch], pr[ch]
				if math.IsNaN(a) || math.IsInf(a, 0) || math.IsNaN(b) || math.IsInf(b, 0) {
					return nil, fmt.Errorf("metrics: trial %d sample %d channel %d is not finite (y = %v, prediction = %v)", k, t, ch, a, b)
				}
				shift[ch] += a
			}
		}
		total += float64(r)
	}
	if total < 2 {
		return nil, fmt.Errorf("metrics: need at least 2 samples, have %v", total)
	}
	for ch := range shift {
		shift[ch] /= total
	}
	s := make([]chanMoments, nc)
	for k := range y {
		r, _ := y[k].Dims()
		for t := range r {
			yr, pr := y[k].RawRowView(t), yhat[k].RawRowView(t)
			for ch := range nc {
				a, b := yr[ch]-shift[ch], pr[ch]-shift[ch]
				m := &s[ch]
				m.n++
				m.sy += a
				m.sp += b
				m.syy += a * a
				m.spp += b * b
				m.syp += a * b
				m.sse += (a - b) * (a - b)
			}
		}
	}
	return s, nil
}
