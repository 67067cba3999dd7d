package crossval

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestKFoldCoversEveryIndexOnce(t *testing.T) {
	for _, rng := range []*rand.Rand{nil, rand.New(rand.NewPCG(1, 2))} {
		folds, err := KFold(23, 5, rng)
		if err != nil {
			t.Fatal(err)
		}
		seen := make([]int, 23)
		for _, f := range folds {
			if len(f.Train)+len(f.Test) != 23 {
				t.Fatalf("fold sizes %d+%d != 23", len(f.Train), len(f.Test))
			}
			for _, i := range f.Test {
				seen[i]++
				if slices.Contains(f.Train, i) {
					t.Fatalf("index %d in both train and test", i)
				}
			}
		}
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("index %d tested %d times", i, c)
			}
		}
	}
}

func TestKFoldErrors(t *testing.T) {
	if _, err := KFold(3, 5, nil); err == nil {
		t.Fatal("expected error for n < k")
	}
	if _, err := KFold(10, 1, nil); err == nil {
		t.Fatal("expected error for k < 2")
	}
}

func TestMeanSEM(t *testing.T) {
	m, s := MeanSEM([]float64{1, 2, 3, 4})
	if m != 2.5 || math.Abs(s-math.Sqrt(5.0/3)/2) > 1e-15 {
		t.Fatalf("got %v %v", m, s)
	}
}

func TestOneSEPicksSimplestWithinOneSE(t *testing.T) {
	scores := [][]float64{
		{0.10, 0.12, 0.11},  // rank 1: far below
		{0.505, 0.52, 0.50}, // rank 2: within one SE of the best
		{0.51, 0.53, 0.50},  // rank 3: best
		{0.50, 0.52, 0.49},
	}
	chosen, best, err := OneSE(scores)
	if err != nil {
		t.Fatal(err)
	}
	if best != 2 || chosen != 1 {
		t.Fatalf("chosen %d best %d, want 1 and 2", chosen, best)
	}
	if _, _, err := OneSE([][]float64{{math.NaN()}}); err == nil {
		t.Fatal("expected error for NaN score")
	}
}
