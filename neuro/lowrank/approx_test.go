package lowrank

import (
	"context"
	"slices"
	"testing"
)

// The approximate search finds a subset of the exact fixed points, is reproducible by seed,
// and its constrained variant finds all 17 of the N = 60 reach teacher within 7000 inverses.
func TestApproxTeacher(t *testing.T) {
	lat, err := loadTeacher(t, "teacher_reach_rnn").Latent()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := lat.PWL(nil)
	ctx := context.Background()
	exact, err := FixedPointsPWL(ctx, p, FixedPointConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for _, constrained := range []bool{false, true} {
		cfg := ApproxConfig{Budget: 7000, Constrained: constrained, Seed: 3}
		res, err := ApproxFixedPoints(ctx, p, cfg)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := ApproxFixedPoints(ctx, p, cfg)
		if !slices.Equal(res.FoundAt, again.FoundAt) {
			t.Errorf("constrained=%v: same seed, different runs", constrained)
		}
		if res.Inverses != 7000 || len(res.FoundAt) != len(res.Points) || !slices.IsSorted(res.FoundAt) {
			t.Errorf("constrained=%v: %d inverses, FoundAt %v for %d points", constrained, res.Inverses, res.FoundAt, len(res.Points))
		}
		for _, q := range res.Points {
			if !slices.ContainsFunc(exact.Points, func(e FixedPoint) bool { return samePoint(e.Z, q.Z) }) {
				t.Errorf("constrained=%v: %v is not an exact fixed point", constrained, q.Z)
			}
		}
		t.Logf("constrained=%v: %d of %d found, first at %v", constrained, len(res.Points), len(exact.Points), res.FoundAt[:min(3, len(res.FoundAt))])
		if constrained && (len(res.Points) != 17 || res.FoundAt[0] <= 1770 || res.Candidates != 1831) {
			t.Errorf("constrained: %d points found, %d candidates, first at %d; want 17, 1831, after the 1770+ vertex solves",
				len(res.Points), res.Candidates, res.FoundAt[0])
		}
	}
	curve, err := ApproxSweep(ctx, p, []int{1000, 4000, 7000}, 4, false, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	for b := range curve.Budgets {
		if curve.Min[b] > curve.Max[b] || (b > 0 && curve.Mean[b] < curve.Mean[b-1]) || curve.Max[b] > 17 {
			t.Errorf("curve %+v is not monotone in the budget", curve)
		}
	}
}
