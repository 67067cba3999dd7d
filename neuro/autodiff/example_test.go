package autodiff_test

import (
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
)

// Fit y = 2x − 1 by least squares with plain gradient descent on the tape.
func Example_linearRegression() {
	xs := []float64{-1, -0.5, 0, 0.5, 1, 1.5}
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = 2*x - 1
	}
	w, _ := autodiff.NewParam("w", 1, 1)
	b, _ := autodiff.NewParam("b", 1, 1)
	tp := autodiff.NewTape()
	for range 500 {
		tp.Reset()
		x := tp.Input(len(xs), 1, xs)
		pred := tp.Add(tp.MatMul(x, tp.Param(w)), tp.Param(b)) // b broadcasts over rows
		loss := tp.Mean(tp.Square(tp.Sub(pred, tp.Input(len(ys), 1, ys))))
		autodiff.ZeroGrads([]*autodiff.Param{w, b})
		if err := tp.Backward(loss); err != nil {
			fmt.Println(err)
			return
		}
		for _, p := range []*autodiff.Param{w, b} {
			p.Data()[0] -= 0.2 * p.GradData()[0]
		}
	}
	fmt.Printf("w = %.4f, b = %.4f\n", w.Data()[0], b.Data()[0])
	// Output: w = 2.0000, b = -1.0000
}
