package crossval_test

import (
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/crossval"
)

// Choosing a model size by the one-standard-error rule from held-out scores on three folds.
func ExampleOneSE() {
	scores := [][]float64{ // rank 1, 2, 3, 4 (simplest first); higher is better
		{0.10, 0.12, 0.11},
		{0.505, 0.52, 0.50},
		{0.51, 0.53, 0.50},
		{0.50, 0.52, 0.49},
	}
	chosen, best, err := crossval.OneSE(scores)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("best rank %d, chosen rank %d\n", best+1, chosen+1)
	// Output: best rank 3, chosen rank 2
}

// Contiguous folds for time series (no shuffling across neighbouring samples).
func ExampleKFold() {
	folds, _ := crossval.KFold(10, 3, nil)
	for _, f := range folds {
		fmt.Println(f.Test)
	}
	// Output:
	// [0 1 2]
	// [3 4 5]
	// [6 7 8 9]
}
