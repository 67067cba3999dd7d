package metrics_test

import (
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/metrics"
)

func ExampleHungarian() {
	cost := [][]float64{
		{4, 1, 3},
		{2, 0, 5},
		{3, 2, 2},
	}
	assign, total, _ := metrics.Hungarian(cost)
	fmt.Println(assign, total)
	// Output: [1 0 2] 5
}

func ExampleEigenvalueError() {
	truth := []complex128{0.9, complex(0.6, 0.3), complex(0.6, -0.3)}
	learned := []complex128{complex(0.6, -0.3), complex(0.6, 0.3), 0.8}
	e, _ := metrics.EigenvalueError(truth, learned) // √(0.1² / (0.81 + 2·0.45))
	fmt.Printf("%.4f\n", e)
	// Output: 0.0765
}
