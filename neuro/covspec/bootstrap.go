package covspec

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/neurodyn/neurodyn/neuro/internal/parallel"
	"gonum.org/v1/gonum/mat"
)

// BootstrapConfig configures a parametric bootstrap of a fitted gain.
type BootstrapConfig struct {
	// N neurons and M independent windows: the size of the data that was fitted.
	N, M int
	// Fit is how each replicate is fitted (through FitWindows, so α defaults to N/(M−1)).
	Fit FitConfig
	// Reps replicates (default 50); Level of the interval (default 0.95).
	Reps  int
	Level float64
	// Seed for the replicates (replicate k uses its own stream); Workers defaults to GOMAXPROCS.
	Seed    uint64
	Workers int
	// Progress, if set, is called after each replicate.
	Progress func(step, total int, metrics map[string]float64)
}

// BootstrapResult holds the replicate estimates and a percentile interval.
type BootstrapResult struct {
	G      []float64 // replicate estimates ĝ*
	Lo, Hi float64   // percentile interval of ĝ* at the requested level
	SE     float64   // standard deviation of ĝ*
	Bias   float64   // mean(ĝ*) − g
}

// Bootstrap draws Reps synthetic data sets from the fitted model at gain g: a fresh i.i.d.
// connectivity J (N×N, gain g) and M windows x = (I − J)⁻¹ξ, ξ ~ N(0, I), as the long-window
// theory assumes; each is refitted like the data. The spread of ĝ* measures the fitting error of
// an N-neuron, M-window spectrum, including finite-N fluctuations of J.
func Bootstrap(ctx context.Context, g float64, cfg BootstrapConfig) (*BootstrapResult, error) {
	if err := checkG(g, 1); err != nil {
		return nil, err
	}
	if cfg.N < 5 || cfg.M < 2 {
		return nil, fmt.Errorf("covspec: N = %d, M = %d: need N >= 5 and M >= 2", cfg.N, cfg.M)
	}
	if cfg.Reps == 0 {
		cfg.Reps = 50
	}
	if cfg.Level == 0 {
		cfg.Level = 0.95
	}
	if cfg.Reps < 2 || !(cfg.Level > 0 && cfg.Level < 1) {
		return nil, fmt.Errorf("covspec: Reps = %d must be >= 2 and Level = %v in (0, 1)", cfg.Reps, cfg.Level)
	}
	gs := make([]float64, cfg.Reps)
	err := parallel.For(ctx, cfg.Reps, cfg.Workers, func(k int) error {
		var err error
		gs[k], err = bootstrapOnce(g, cfg, k)
		return err
	}, func(done, k int, _ error) {
		if cfg.Progress != nil {
			cfg.Progress(done, cfg.Reps, map[string]float64{"g": gs[k]})
		}
	})
	if err != nil {
		return nil, err
	}
	res := &BootstrapResult{G: gs}
	sorted := slices.Clone(gs)
	slices.Sort(sorted)
	q := func(p float64) float64 {
		pos := p * float64(len(sorted)-1)
		i := int(pos)
		if i >= len(sorted)-1 {
			return sorted[len(sorted)-1]
		}
		return sorted[i] + (pos-float64(i))*(sorted[i+1]-sorted[i])
	}
	res.Lo, res.Hi = q((1-cfg.Level)/2), q((1+cfg.Level)/2)
	var m, v float64
	for _, x := range gs {
		m += x
	}
	m /= float64(len(gs))
	for _, x := range gs {
		v += (x - m) * (x - m)
	}
	res.SE = math.Sqrt(v / float64(len(gs)-1))
	res.Bias = m - g
	return res, nil
}

func bootstrapOnce(g float64, cfg BootstrapConfig, k int) (float64, error) {
	rng := stream(cfg.Seed, k)
	n, m := cfg.N, cfg.M
	j, err := RandomConnectivity(n, g, 0, rng)
	if err != nil {
		return 0, err
	}
	a := mat.NewDense(n, n, nil)
	a.Scale(-1, j)
	for i := range n {
		a.Set(i, i, a.At(i, i)+1)
	}
	z := mat.NewDense(n, m, nil)
	raw := z.RawMatrix().Data
	for i := range raw {
		raw[i] = rng.NormFloat64()
	}
	var x mat.Dense // columns are windows: x = (I − J)⁻¹ z
	if err := x.Solve(a, z); err != nil {
		return 0, fmt.Errorf("covspec: bootstrap replicate %d: %w", k, err)
	}
	xt := mat.DenseCopyOf(x.T())
	sf, err := FitWindows(xt, cfg.Fit)
	if err != nil {
		return 0, err
	}
	return sf.Fit.G, nil
}
