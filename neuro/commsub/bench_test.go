package commsub

import (
	"context"
	"testing"
)

// Semedo et al. 2019 sample-data size: 4000 samples, 79 V1 → 31 V2 neurons, 10 folds, ranks 1–10.
// No published timing; the MATLAB package fits each fold and rank from scratch.
func BenchmarkCrossValRank(b *testing.B) {
	X, Y, _ := commSim(1, 4000, 79, 31, 3, 1)
	for b.Loop() {
		if _, err := CrossValRank(context.Background(), X, Y, RankCVConfig{MaxRank: 10}); err != nil {
			b.Fatal(err)
		}
	}
}

// Factor analysis of 79 neurons × 4000 samples with 5 factors (the V1 population above).
// No published timing.
func BenchmarkFitFA(b *testing.B) {
	X, _, _ := faSim(1, 4000, 79, 5)
	for b.Loop() {
		if _, err := FitFA(context.Background(), X, FAConfig{Factors: 5}); err != nil {
			b.Fatal(err)
		}
	}
}
