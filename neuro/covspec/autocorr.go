package covspec

// autocorr accumulates the population autocorrelation (1/N) Σ_i ⟨δh_i(t) δh_i(t−ℓ)⟩ of
// equally spaced samples, with a ring buffer of the last lags+1 samples.
type autocorr struct {
	n, lags int
	ring    [][]float64
	next    int
	count   int
	mean    []float64
	prod    []float64 // Σ_t Σ_i h_i(t) h_i(t−ℓ)
	pairs   []int
}

func newAutocorr(n, lags int) *autocorr {
	if lags <= 0 {
		return nil
	}
	a := &autocorr{n: n, lags: lags, ring: make([][]float64, lags+1), mean: make([]float64, n),
		prod: make([]float64, lags+1), pairs: make([]int, lags+1)}
	for i := range a.ring {
		a.ring[i] = make([]float64, n)
	}
	return a
}

func (a *autocorr) add(h []float64) {
	cur := a.ring[a.next]
	copy(cur, h)
	for i, v := range h {
		a.mean[i] += v
	}
	a.count++
	for l := 0; l <= a.lags && l < a.count; l++ {
		old := a.ring[(a.next-l+len(a.ring))%len(a.ring)]
		s := 0.0
		for i, v := range cur {
			s += v * old[i]
		}
		a.prod[l] += s
		a.pairs[l]++
	}
	a.next = (a.next + 1) % len(a.ring)
}

// result returns C(ℓ)/C(0), with the per-neuron time means removed.
func (a *autocorr) result() []float64 {
	if a.count == 0 {
		return nil
	}
	m2 := 0.0
	for _, v := range a.mean {
		mu := v / float64(a.count)
		m2 += mu * mu
	}
	out := make([]float64, 0, a.lags+1)
	for l := 0; l <= a.lags && a.pairs[l] > 0; l++ {
		out = append(out, a.prod[l]/float64(a.pairs[l])-m2)
	}
	c0 := out[0]
	if !(c0 > 0) {
		return nil
	}
	for l := range out {
		out[l] /= c0
	}
	return out
}
