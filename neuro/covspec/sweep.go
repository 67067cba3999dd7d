package covspec

import (
	"context"
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/internal/parallel"
)

// Sweep simulates every configuration in cfgs (for example a grid of gains, noise levels and
// seeds), running at most workers simulations at once (default GOMAXPROCS). Results are in the
// order of cfgs and depend only on each config's Seed. progress, if set, is called after each
// finished simulation with step = simulations done.
func Sweep(ctx context.Context, cfgs []SimConfig, workers int, progress func(step, total int, metrics map[string]float64)) ([]*SimResult, error) {
	out := make([]*SimResult, len(cfgs))
	err := parallel.For(ctx, len(cfgs), workers, func(i int) error {
		var err error
		if out[i], err = Simulate(ctx, cfgs[i]); err != nil {
			return fmt.Errorf("covspec: sweep config %d: %w", i, err)
		}
		return nil
	}, func(done, i int, _ error) {
		if progress != nil {
			m := map[string]float64{"g": cfgs[i].G}
			if out[i] != nil {
				m["geff"] = out[i].GEff
			}
			progress(done, len(cfgs), m)
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
