package lowrank_test

import (
	"context"
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/lowrank"
	"gonum.org/v1/gonum/mat"
)

// Train a rank-2 oscillator teacher with a period of 50 steps and measure the period of its
// noise-free readout long after the training horizon.
func ExampleTrainTeacher() {
	c, losses, err := lowrank.TrainTeacher(context.Background(), lowrank.OscillationTask{Period: 50},
		lowrank.TrainConfig{N: 20, R: 2, Iterations: 300, NoiseStd: 0.05, Seed: 1})
	if err != nil {
		panic(err)
	}
	u := mat.NewDense(1000, 1, nil)
	for t := range 5 { // the phase-setting pulse
		u.Set(t, 0, 1)
	}
	x, _ := c.Simulate(make([]float64, 20), u, 1000, nil)
	y, _ := c.Outputs(x)
	period, _ := lowrank.Period(mat.Col(nil, 0, y)[500:])
	fmt.Printf("loss below 0.05: %v\nperiod ≈ %.0f steps\n", losses[len(losses)-1] < 0.05, period)
	// Output:
	// loss below 0.05: true
	// period ≈ 50 steps
}
