package lowrank

import (
	"context"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Tiny and empty arrangements: one unit in R^3, as many units as dimensions, all-zero loadings.
func TestFixedPointsEdgeCases(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	ctx := context.Background()
	for _, c := range []struct{ n, r int }{{1, 3}, {2, 2}, {3, 3}, {1, 1}} {
		m := randomNet(rng, c.n, c.r, ReLU, "generic")
		p, _ := m.PWL(nil)
		ex, err := FixedPointsPWL(ctx, p, FixedPointConfig{})
		if err != nil {
			t.Fatal(err)
		}
		bf, _ := BruteForceFixedPoints(ctx, p, 0)
		if d := sameSets(ex, bf); d != "" {
			t.Errorf("N=%d R=%d: %s", c.n, c.r, d)
		}
	}
	m := &Model{U: mat.NewDense(4, 2, nil), V: randDense(rng, 2, 4, 1), Decay: 0.5, H: []float64{-1, 1, -2, 0.5}, Phi: ReLU}
	res, err := m.FixedPoints(ctx, nil, FixedPointConfig{})
	if err != nil {
		t.Fatal(err)
	}
	// Constant rates: units 0 and 2 are on with rate 1 and 2; z* = (V·r)/(1 − a).
	want := []float64{2 * (m.V.At(0, 0) + 2*m.V.At(0, 2)), 2 * (m.V.At(1, 0) + 2*m.V.At(1, 2))}
	if res.Regions != 1 || len(res.Points) != 1 || !samePoint(res.Points[0].Z, want) {
		t.Errorf("zero loadings: %d regions, points %v; want 1 region and %v", res.Regions, res.Points, want)
	}
}
