package datasets

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// BinConfig says how spikes become counts.
type BinConfig struct {
	// Width is the bin width in seconds (> 0).
	Width float64
	// Start and End bound the window relative to each alignment time:
	// bins cover [a+Start, a+End), with the last partial bin dropped.
	Start, End float64
	// Align lists the alignment times a, one output matrix per entry.
	// For trial-structured tables (Trial ≥ 0) entry k applies to trial k and
	// nil means a = 0 for every trial; for continuous tables nil means a
	// single window at a = 0.
	Align []float64
}

// binEps is the fraction of a bin by which edges are moved earlier, so that
// a spike time stamped exactly on an edge (up to floating-point rounding)
// counts in the bin that starts there.
const binEps = 1e-9

// Bin counts spikes into one matrix per window: row b is bin b, column u is
// unit u.
func (s *SpikeTable) Bin(cfg BinConfig) ([]*mat.Dense, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if !(cfg.Width > 0) || math.IsInf(cfg.Width, 0) {
		return nil, fmt.Errorf("datasets: bin width %g is not a positive number", cfg.Width)
	}
	if !(cfg.End > cfg.Start) || math.IsInf(cfg.End-cfg.Start, 0) {
		return nil, fmt.Errorf("datasets: window [%g, %g) is empty or not finite", cfg.Start, cfg.End)
	}
	nb := int(math.Floor((cfg.End-cfg.Start)/cfg.Width + 1e-9))
	if nb < 1 {
		return nil, fmt.Errorf("datasets: window [%g, %g) is shorter than one bin of %g s", cfg.Start, cfg.End, cfg.Width)
	}
	if len(s.Units) == 0 {
		return nil, fmt.Errorf("datasets: spike table has no units")
	}
	trials := -1
	for _, k := range s.Trial {
		trials = max(trials, k)
	}
	nw := len(cfg.Align)
	switch {
	case trials >= 0 && nw == 0:
		nw = trials + 1
	case trials >= 0 && nw != trials+1:
		return nil, fmt.Errorf("datasets: %d alignment times for %d trials", nw, trials+1)
	case nw == 0:
		nw = 1
	}
	align := func(k int) float64 {
		if cfg.Align == nil {
			return 0
		}
		return cfg.Align[k]
	}
	for k := 0; k < nw; k++ {
		if a := align(k); math.IsNaN(a) || math.IsInf(a, 0) {
			return nil, fmt.Errorf("datasets: alignment time %d is %g", k, a)
		}
	}
	out := make([]*mat.Dense, nw)
	for k := range out {
		out[k] = mat.NewDense(nb, len(s.Units), nil)
	}
	add := func(k, u int, t float64) {
		// binEps absorbs the rounding of time stamps that sit on a bin edge.
		x := (t-align(k)-cfg.Start)/cfg.Width + binEps
		if x >= 0 && x < float64(nb) {
			raw := out[k].RawMatrix()
			raw.Data[int(x)*raw.Stride+u]++
		}
	}
	for i, t := range s.Time {
		if trials >= 0 {
			if k := s.Trial[i]; k >= 0 {
				add(k, s.Unit[i], t)
			}
			continue
		}
		for k := 0; k < nw; k++ {
			add(k, s.Unit[i], t)
		}
	}
	return out, nil
}
