package smc

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// Resampling selects how ancestors are drawn from the normalised weights at every step.
type Resampling int

const (
	// Systematic draws one uniform u per trial and takes positions (u + k)/K on the
	// cumulative weights (normalised by their last element), searching to the left.
	Systematic Resampling = iota
	// Multinomial draws K independent ancestors.
	Multinomial
	// NoResampling keeps every particle's own history (importance sampling).
	NoResampling
)

func (r Resampling) String() string {
	switch r {
	case Systematic:
		return "systematic"
	case Multinomial:
		return "multinomial"
	case NoResampling:
		return "none"
	}
	return fmt.Sprintf("Resampling(%d)", int(r))
}

// resample writes K ancestor indices drawn from the normalised weights w into anc; cum is
// scratch of length K.
func resample(kind Resampling, w, cum []float64, anc []int32, rng *rand.Rand) {
	K := len(w)
	if kind == NoResampling {
		for k := range anc {
			anc[k] = int32(k)
		}
		return
	}
	s := 0.0
	for k, x := range w {
		s += x
		cum[k] = s
	}
	for k := range cum {
		cum[k] /= s
	}
	if kind == Multinomial {
		for k := range anc {
			i := sort.SearchFloat64s(cum, rng.Float64())
			anc[k] = int32(min(i, K-1))
		}
		return
	}
	systematic(cum, rng.Float64(), anc)
}

// systematic sets anc[k] to the first i < K−1 with cum[i] ≥ pos_k = (u + k)/K, else K − 1
// (cum nondecreasing), without data-dependent branches: particle i < K−1 lies below the
// positions k ≥ n_i, n_i the number of positions ≤ cum[i], so anc[k] = #{i : n_i ≤ k} is a
// prefix sum of the counts of the n_i. Each n_i is estimated as ⌊K·cum[i] − u⌋ (off by at
// most one from the rounded comparisons) and settled by comparing with two positions.
func systematic(cum []float64, u float64, anc []int32) {
	K := len(anc)
	clear(anc)
	fK := float64(K)
	for _, c := range cum[:K-1] {
		n := max(0, min(int(math.Floor(c*fK-u)), K-2))
		n += b2i((u+float64(n))/fK <= c) + b2i((u+float64(n+1))/fK <= c)
		if n < K {
			anc[n]++
		}
	}
	s := int32(0)
	for k, c := range anc {
		s += c
		anc[k] = s
	}
}

// b2i is 1 for true, 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
