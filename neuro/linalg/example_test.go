package linalg_test

import (
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/linalg"
	"gonum.org/v1/gonum/mat"
)

func ExampleSteadyStateKalman() {
	// A scalar random walk observed in noise: x_{k+1} = x_k + w, y = x + v, var w = var v = 1.
	a := mat.NewDense(1, 1, []float64{1})
	c := mat.NewDense(1, 1, []float64{1})
	q := mat.NewSymDense(1, []float64{1})
	r := mat.NewSymDense(1, []float64{1})
	kg, err := linalg.SteadyStateKalman(a, c, q, r, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	// P solves p = p + 1 − p²/(p + 1), i.e. p = (1 + √5)/2.
	fmt.Printf("P = %.4f, K = %.4f\n", kg.P.At(0, 0), kg.K.At(0, 0))
	// Output: P = 1.6180, K = 0.6180
}

func ExampleSolveDiscreteLyapunov() {
	a := mat.NewDense(1, 1, []float64{0.5})
	q := mat.NewSymDense(1, []float64{3})
	x, _ := linalg.SolveDiscreteLyapunov(a, q)
	fmt.Printf("%.4f\n", x.At(0, 0)) // 3 / (1 − 0.25)
	// Output: 4.0000
}
