package lowrank

import (
	"context"
	"runtime"
	"slices"
	"testing"
)

// ApproxSweep gives the same curve with one worker as with several and reports progress
// 1..repeats with the points found by each repeat.
func TestApproxSweepParallel(t *testing.T) {
	lat, err := loadTeacher(t, "teacher_reach_rnn").Latent()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := lat.PWL(nil)
	run := func() *ApproxCurve {
		var steps []int
		curve, err := ApproxSweep(context.Background(), p, []int{300, 1000}, 3, false, 5,
			func(step, total int, m map[string]float64) {
				if total != 3 || m["found"] < 1 {
					t.Errorf("progress total %d metrics %v", total, m)
				}
				steps = append(steps, step)
			})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(steps, []int{1, 2, 3}) {
			t.Errorf("progress steps %v, want [1 2 3]", steps)
		}
		return curve
	}
	par := run()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	seq := run()
	for i := range seq.Found {
		if !slices.Equal(seq.Found[i], par.Found[i]) {
			t.Errorf("repeat %d: one worker %v, several %v", i, seq.Found[i], par.Found[i])
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ApproxSweep(ctx, p, []int{1000}, 3, false, 5, nil); err != context.Canceled {
		t.Errorf("cancelled context: got %v", err)
	}
}
