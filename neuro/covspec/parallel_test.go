package covspec

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// Sweep and Bootstrap give the same results for any number of workers, report progress
// 1..total, and name the lowest failing config.
func TestSweepBootstrapWorkers(t *testing.T) {
	base := SimConfig{N: 30, G: 1.2, Sigma: 0.3, Phi: Tanh(), Runs: 2, Windows: 4, WindowLen: 2, Warmup: 5}
	cfgs := make([]SimConfig, 5)
	for i := range cfgs {
		cfgs[i] = base
		cfgs[i].Seed = uint64(i)
	}
	var ref []*SimResult
	for _, workers := range []int{1, 3, 0} {
		var steps []int
		rs, err := Sweep(context.Background(), cfgs, workers, func(step, total int, m map[string]float64) {
			if total != len(cfgs) || m["g"] != base.G {
				t.Errorf("progress total %d metrics %v", total, m)
			}
			steps = append(steps, step)
		})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(steps, []int{1, 2, 3, 4, 5}) {
			t.Errorf("workers %d: progress steps %v", workers, steps)
		}
		if ref == nil {
			ref = rs
		}
		for i := range rs {
			if rs[i].GEff != ref[i].GEff || rs[i].Rates.At(3, 4) != ref[i].Rates.At(3, 4) {
				t.Errorf("workers %d: config %d differs from one worker", workers, i)
			}
		}
	}
	bad := slices.Clone(cfgs)
	bad[1].N, bad[3].N = 1, 1
	if _, err := Sweep(context.Background(), bad, 2, nil); err == nil || !strings.HasPrefix(err.Error(), "covspec: sweep config 1: ") {
		t.Errorf("bad configs 1 and 3: got %v", err)
	}

	var gs []float64
	for _, workers := range []int{1, 2} {
		steps := 0
		bs, err := Bootstrap(context.Background(), 0.5, BootstrapConfig{N: 20, M: 40, Reps: 4, Seed: 3, Workers: workers,
			Progress: func(step, total int, _ map[string]float64) { steps = step }})
		if err != nil {
			t.Fatal(err)
		}
		if steps != 4 {
			t.Errorf("workers %d: last progress step %d, want 4", workers, steps)
		}
		if gs == nil {
			gs = bs.G
		} else if !slices.Equal(gs, bs.G) {
			t.Errorf("bootstrap replicates depend on workers: %v vs %v", gs, bs.G)
		}
	}
}
