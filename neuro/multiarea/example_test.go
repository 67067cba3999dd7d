package multiarea_test

import (
	"context"
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/multiarea"
)

// Fit a data-constrained RNN to a small three-region recording and split its recurrent input
// into region-to-region currents.
func ExampleTrainRNN() {
	d, err := multiarea.NewThreeRegion(multiarea.ThreeRegionConfig{N: 30, Duration: 4, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := multiarea.TrainRNN(context.Background(), d.Rates, multiarea.RNNConfig{Passes: 5, Seed: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("pVar after %d passes > 0.95: %v\n", len(m.PVar), m.PVar[4] > 0.95)
	cur, _ := multiarea.Decompose(m.J, m.Rates, d.Regions)
	T, nA := cur.C[1][0].Dims()
	fmt.Printf("current A→B: %d samples × %d units of B\n", T, nA)
	// Output:
	// pVar after 5 passes > 0.95: true
	// current A→B: 400 samples × 30 units of B
}

// A source area talks to a target area through its two lowest-variance dimensions.
func ExampleNewTwoArea() {
	m, err := multiarea.NewTwoArea(multiarea.TwoAreaConfig{Align: multiarea.AlignLow, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	X, _ := m.Simulate(multiarea.SimConfig{T: 1000, Burn: 100, Seed: 2})
	r, c := X[0].Dims()
	_, k := X[1].Dims()
	fmt.Printf("source %d×%d, target %d dims, communication rank %d\n", r, c, k, m.Comm.RawMatrix().Cols)
	// Output:
	// source 1000×30, target 20 dims, communication rank 2
}
