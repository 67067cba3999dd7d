package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Spike statistics of binned counts (trials of T×n matrices, one column per neuron), as used
// by Pals et al. (2024) to compare generated with recorded spikes.

func checkCounts(name string, x []*mat.Dense) (int, error) {
	if len(x) == 0 || x[0] == nil {
		return 0, fmt.Errorf("metrics: %s: no trials", name)
	}
	_, n := x[0].Dims()
	for i, m := range x {
		if m == nil {
			return 0, fmt.Errorf("metrics: %s: trial %d is nil", name, i)
		}
		if _, c := m.Dims(); c != n {
			return 0, fmt.Errorf("metrics: %s: trial %d has %d neurons, want %d", name, i, c, n)
		}
		if err := finite(name, m); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// MeanRate returns every neuron's mean count per bin times fs (spikes per second for bins of
// 1/fs seconds), pooled over trials.
func MeanRate(x []*mat.Dense, fs float64) ([]float64, error) {
	n, err := checkCounts("MeanRate", x)
	if err != nil {
		return nil, err
	}
	if !(fs > 0) {
		return nil, fmt.Errorf("metrics: MeanRate: fs = %v, want > 0", fs)
	}
	out := make([]float64, n)
	bins := 0
	for _, m := range x {
		r, _ := m.Dims()
		bins += r
		for t := range r {
			for c, v := range m.RawRowView(t) {
				out[c] += v
			}
		}
	}
	for c := range out {
		out[c] *= fs / float64(bins)
	}
	return out, nil
}

// ISIStats returns every neuron's mean inter-spike interval (in bins) and its coefficient of
// variation std/mean. Intervals are taken between non-empty bins (several spikes in one bin
// count once) within each trial and pooled over trials. ok[c] is false for a neuron with fewer
// than minISI intervals or zero spread; its mean and CV are then 0.
func ISIStats(x []*mat.Dense, minISI int) (mean, cv []float64, ok []bool, err error) {
	n, err := checkCounts("ISIStats", x)
	if err != nil {
		return nil, nil, nil, err
	}
	minISI = max(minISI, 2)
	mean, cv, ok = make([]float64, n), make([]float64, n), make([]bool, n)
	for c := range n {
		var s, s2, k float64
		for _, m := range x {
			r, _ := m.Dims()
			last := -1
			for t := range r {
				if m.At(t, c) == 0 {
					continue
				}
				if last >= 0 {
					d := float64(t - last)
					s += d
					s2 += d * d
					k++
				}
				last = t
			}
		}
		if k < float64(minISI) {
			continue
		}
		mu := s / k
		sd := math.Sqrt(math.Max(s2/k-mu*mu, 0))
		if sd == 0 {
			continue
		}
		mean[c], cv[c], ok[c] = mu, sd/mu, true
	}
	return mean, cv, ok, nil
}

// PairwiseCorrelations returns the Pearson correlations of the binned counts of every pair
// (i < j) in row-major upper-triangle order, pooled over trials, with ok false (and value 0)
// for pairs involving a silent or constant neuron.
func PairwiseCorrelations(x []*mat.Dense) (corr []float64, ok []bool, err error) {
	n, err := checkCounts("PairwiseCorrelations", x)
	if err != nil {
		return nil, nil, err
	}
	mu := make([]float64, n)
	tot := 0
	for _, m := range x {
		r, _ := m.Dims()
		tot += r
		for t := range r {
			for c, v := range m.RawRowView(t) {
				mu[c] += v
			}
		}
	}
	for c := range mu {
		mu[c] /= float64(tot)
	}
	cov := make([]float64, n*n)
	for _, m := range x {
		r, _ := m.Dims()
		for t := range r {
			row := m.RawRowView(t)
			for i := range n {
				di := row[i] - mu[i]
				if di == 0 {
					continue
				}
				for j := i; j < n; j++ {
					cov[i*n+j] += di * (row[j] - mu[j])
				}
			}
		}
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			vi, vj := cov[i*n+i], cov[j*n+j]
			if vi > 0 && vj > 0 {
				corr, ok = append(corr, cov[i*n+j]/math.Sqrt(vi*vj)), append(ok, true)
			} else {
				corr, ok = append(corr, 0), append(ok, false)
			}
		}
	}
	return corr, ok, nil
}

// Autocorrelation returns, per column of x (T×d), the autocorrelation of the mean-removed
// series at lags 0…maxLag, normalised to 1 at lag 0 (biased estimator: sums divided by T).
func Autocorrelation(x *mat.Dense, maxLag int) ([][]float64, error) {
	if x == nil {
		return nil, fmt.Errorf("metrics: Autocorrelation: x is nil")
	}
	T, d := x.Dims()
	if maxLag < 0 || maxLag >= T {
		return nil, fmt.Errorf("metrics: Autocorrelation: maxLag = %d, want 0 ≤ maxLag < T = %d", maxLag, T)
	}
	if err := finite("x", x); err != nil {
		return nil, err
	}
	out := make([][]float64, d)
	s := make([]float64, T)
	for c := range d {
		mean := 0.0
		for t := range T {
			s[t] = x.At(t, c)
			mean += s[t]
		}
		mean /= float64(T)
		for t := range s {
			s[t] -= mean
		}
		ac := make([]float64, maxLag+1)
		for l := range ac {
			for t := l; t < T; t++ {
				ac[l] += s[t] * s[t-l]
			}
		}
		if ac[0] == 0 {
			return nil, fmt.Errorf("metrics: Autocorrelation: column %d is constant", c)
		}
		a0 := ac[0]
		for l := range ac {
			ac[l] /= a0
		}
		out[c] = ac
	}
	return out, nil
}
