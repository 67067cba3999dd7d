package smc

import (
	"fmt"
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
	u := rng.Float64()
	i := 0
	for k := range anc {
		pos := (u + float64(k)) / float64(K)
		for i < K-1 && cum[i] < pos {
			i++
		}
		anc[k] = int32(i)
	}
}
