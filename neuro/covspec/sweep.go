package covspec

import (
	"context"
	"fmt"
	"runtime"
	"sync"
)

// Sweep simulates every configuration in cfgs (for example a grid of gains, noise levels and
// seeds), running at most workers simulations at once (default GOMAXPROCS). Results are in the
// order of cfgs and depend only on each config's Seed. progress, if set, is called after each
// finished simulation with step = simulations done.
func Sweep(ctx context.Context, cfgs []SimConfig, workers int, progress func(step, total int, metrics map[string]float64)) ([]*SimResult, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]*SimResult, len(cfgs))
	errs := make([]error, len(cfgs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range min(workers, len(cfgs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i], errs[i] = Simulate(ctx, cfgs[i])
				if progress != nil {
					mu.Lock()
					done++
					m := map[string]float64{"g": cfgs[i].G}
					if out[i] != nil {
						m["geff"] = out[i].GEff
					}
					progress(done, len(cfgs), m)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range cfgs {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("covspec: sweep config %d: %w", i, err)
		}
	}
	return out, nil
}
