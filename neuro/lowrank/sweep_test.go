package lowrank

import (
	"context"
	"math"
	"testing"
)

// Clipped-ReLU sweep: two parallel hyperplanes per unit, so fewer regions than the bound for
// 2N hyperplanes; brute force over 3^N patterns agrees on the number of fixed points.
func TestScalingSweepClipped(t *testing.T) {
	var steps int
	pts, err := ScalingSweep(context.Background(), ScalingConfig{Ns: []int{4, 7}, Ranks: []int{1, 2, 3}, Phi: ClippedReLU,
		Repeats: 2, BruteForceUpTo: 7, Seed: 3, Progress: func(s, _ int, _ map[string]float64) { steps = s }})
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 12 || steps != 12 {
		t.Fatalf("%d points, %d progress steps; want 12", len(pts), steps)
	}
	for _, p := range pts {
		if float64(p.Regions) > p.Bound || p.BruteSeconds == 0 || p.Patterns != math.Pow(3, float64(p.N)) {
			t.Errorf("N=%d R=%d: %d regions, bound %v, brute force %v s over %v patterns", p.N, p.R, p.Regions, p.Bound, p.BruteSeconds, p.Patterns)
		}
	}
	skipped, err := ScalingSweep(context.Background(), ScalingConfig{Ns: []int{200}, Ranks: []int{3}, MaxBound: 1e5})
	if err != nil || len(skipped) != 0 {
		t.Errorf("grid point above MaxBound: %v, %v", skipped, err)
	}
}
