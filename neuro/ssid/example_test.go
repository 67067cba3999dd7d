package ssid_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/neurodyn/neurodyn/neuro/ssid"
	"gonum.org/v1/gonum/mat"
)

func ExampleFit() {
	// x_{k+1} = 0.9 x_k + w_k drives y (3 channels) and z (1 channel); a second process
	// s_{k+1} = −0.5 s_k + u_k drives y only.
	rng := rand.New(rand.NewPCG(1, 2))
	T := 5000
	y, z := mat.NewDense(T, 3, nil), mat.NewDense(T, 1, nil)
	var x, s float64
	for k := range T {
		y.Set(k, 0, x+s+0.5*rng.NormFloat64())
		y.Set(k, 1, x-s+0.5*rng.NormFloat64())
		y.Set(k, 2, 2*s+0.5*rng.NormFloat64())
		z.Set(k, 0, x+0.5*rng.NormFloat64())
		x = 0.9*x + rng.NormFloat64()
		s = -0.5*s + rng.NormFloat64()
	}
	m, err := ssid.Fit([]*mat.Dense{y}, []*mat.Dense{z}, ssid.Config{NX: 2, N1: 1, Horizon: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("prioritized pole %.1f, other pole %.1f\n", m.A.At(0, 0), m.A.At(1, 1))
	// Output: prioritized pole 0.9, other pole -0.5
}
