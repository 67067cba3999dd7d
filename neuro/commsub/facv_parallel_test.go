package commsub

import (
	"context"
	"math"
	"runtime"
	"slices"
	"testing"
)

// CrossValFactors reports progress 1..total and gives the same log-likelihoods with one
// worker as with several.
func TestCrossValFactorsParallel(t *testing.T) {
	X, _, _ := faSim(21, 300, 8, 2)
	run := func() *FACV {
		var steps []int
		cv, err := CrossValFactors(context.Background(), X, FACVConfig{MaxFactors: 3, Folds: 4,
			Progress: func(step, total int, m map[string]float64) {
				if total != 16 || math.IsNaN(m["loglik"]) || m["loglik"] == 0 {
					t.Errorf("progress total %d metrics %v", total, m)
				}
				steps = append(steps, step)
			}})
		if err != nil {
			t.Fatal(err)
		}
		for k, s := range steps {
			if s != k+1 {
				t.Fatalf("progress steps %v, want 1..16", steps)
			}
		}
		if len(steps) != 16 {
			t.Fatalf("%d progress calls, want 16", len(steps))
		}
		return cv
	}
	par := run()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	seq := run()
	for q := range seq.LL {
		if !slices.Equal(seq.LL[q], par.LL[q]) {
			t.Errorf("%d factors: one worker %v, several %v", q, seq.LL[q], par.LL[q])
		}
	}
}
