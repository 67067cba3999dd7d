package lowrank

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

func benchFixedPoints(b *testing.B, n, r int) {
	rng := rand.New(rand.NewPCG(uint64(n), uint64(r)))
	p, err := randomNet(rng, n, r, ReLU, "generic").PWL(nil)
	if err != nil {
		b.Fatal(err)
	}
	var res *FixedPointResult
	for b.Loop() {
		res, err = FixedPointsPWL(context.Background(), p, FixedPointConfig{})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Regions), "regions")
}

// target ≤ 10 ms; NumPy implementation (Python loops): 1.8 s.
func BenchmarkFixedPointsN128R2(b *testing.B) { benchFixedPoints(b, 128, 2) }

// target ≤ 10 s (22.4 million candidate regions).
func BenchmarkFixedPointsN512R3(b *testing.B) { benchFixedPoints(b, 512, 3) }

// Scaling over N and R; the NumPy implementation takes 0.2 s at N = 60, R = 2 and 1.8 s at
// N = 128, R = 2.
func BenchmarkFixedPointsScaling(b *testing.B) {
	for _, r := range []int{1, 2, 3} {
		for _, n := range []int{32, 64, 128, 256} {
			b.Run(fmt.Sprintf("R=%d/N=%d", r, n), func(b *testing.B) { benchFixedPoints(b, n, r) })
		}
	}
}
