package lowrank_test

import (
	"context"
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/lowrank"
	"gonum.org/v1/gonum/mat"
)

// bistable is z ← 0.5 z + relu(z) − relu(z − 1) − 0.25: a saturating positive feedback with
// fixed points −0.5 (stable), 0.5 (unstable) and 1.5 (stable).
func bistable() *lowrank.Model {
	return &lowrank.Model{
		U: mat.NewDense(2, 1, []float64{1, 1}), V: mat.NewDense(1, 2, []float64{1, -1}),
		Decay: 0.5, H: []float64{0, 1}, Bias: []float64{-0.25}, Phi: lowrank.ReLU,
	}
}

func ExampleModel_FixedPoints() {
	res, err := bistable().FixedPoints(context.Background(), nil, lowrank.FixedPointConfig{})
	if err != nil {
		panic(err)
	}
	for _, fp := range res.Points {
		fmt.Printf("z* = %+.2f  %v  λ = %.2f\n", fp.Z[0], fp.Stability, real(fp.Eigenvalues[0]))
	}
	fmt.Printf("%d candidate regions (bound %v), %d linear solves\n", res.Regions, res.Bound, res.LinearSolves)
	// Output:
	// z* = -0.50  stable  λ = 0.50
	// z* = +0.50  unstable  λ = 1.50
	// z* = +1.50  stable  λ = 0.50
	// 3 candidate regions (bound 3), 5 linear solves
}

func ExampleApproxFixedPoints() {
	p, _ := bistable().PWL(nil)
	res, err := lowrank.ApproxFixedPoints(context.Background(), p, lowrank.ApproxConfig{Budget: 50, Seed: 1})
	if err != nil {
		panic(err)
	}
	fmt.Printf("found %d fixed points with %d inverses\n", len(res.Points), res.Inverses)
	// Output:
	// found 3 fixed points with 50 inverses
}

// The number of candidate regions equals Zaslavsky's bound Σ_{i≤R} C(N, i) on random networks;
// brute force over all 2^N patterns is timed alongside (and must find the same number of points).
func ExampleScalingSweep() {
	pts, err := lowrank.ScalingSweep(context.Background(), lowrank.ScalingConfig{Ns: []int{8, 16}, Ranks: []int{1, 2}, Seed: 1, BruteForceUpTo: 16})
	if err != nil {
		panic(err)
	}
	for _, p := range pts {
		fmt.Printf("N=%d R=%d regions=%d bound=%v brute force=%v timed=%v\n", p.N, p.R, p.Regions, p.Bound, p.Patterns, p.BruteSeconds > 0)
	}
	// Output:
	// N=8 R=1 regions=9 bound=9 brute force=256 timed=true
	// N=16 R=1 regions=17 bound=17 brute force=65536 timed=true
	// N=8 R=2 regions=37 bound=37 brute force=256 timed=true
	// N=16 R=2 regions=137 bound=137 brute force=65536 timed=true
}
