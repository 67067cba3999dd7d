package lowrank_test

import (
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/lowrank"
	"gonum.org/v1/gonum/mat"
)

// A rank-1 continuous network and its latent form produce the same unit trajectory; it relaxes
// towards its stable fixed point z* = 0.6.
func ExampleContinuous_Latent() {
	c := &lowrank.Continuous{
		M:  mat.NewDense(3, 1, []float64{1, -1, 0.5}),
		N:  mat.NewDense(1, 3, []float64{2, -2, 1}),
		B:  []float64{0.1, 0.1, 0.1},
		Dt: 10, Tau: 100, Phi: lowrank.ReLU,
	}
	lat, _ := c.Latent()
	z, _ := lat.Simulate([]float64{1}, nil, 50, nil)
	x, _ := c.Simulate(lat.Currents(nil, []float64{1}, nil), nil, 50, nil)
	fmt.Printf("a = %.2f, z_50 = %.4f\n", lat.Decay, z.At(50, 0))
	fmt.Printf("x_50 = %.4f, U z_50 = %.4f\n", x.At(50, 0), lat.U.At(0, 0)*z.At(50, 0))
	// Output:
	// a = 0.90, z_50 = 0.7726
	// x_50 = 0.7726, U z_50 = 0.7726
}
