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
	several := run()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if one := run(); !slices.EqualFunc(one.Found, several.Found, slices.Equal[[]int]) {
		t.Errorf("found counts: one worker %v, several %v", one.Found, several.Found)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ApproxSweep(ctx, p, []int{1000}, 3, false, 5, nil); err != context.Canceled {
		t.Errorf("cancelled context: got %v", err)
	}
}
