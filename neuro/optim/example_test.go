package optim_test

import (
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
	"github.com/neurodyn/neurodyn/neuro/optim"
)

// Fit a linear regression y = 2x − 1 with Adam on the autodiff tape, decaying the learning rate
// by 5% per epoch of 20 steps.
func Example() {
	xs := []float64{-1, -0.5, 0, 0.5, 1, 1.5}
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = 2*x - 1
	}
	w, _ := autodiff.NewParam("w", 1, 1)
	b, _ := autodiff.NewParam("b", 1, 1)
	params := []*autodiff.Param{w, b}
	opt, err := optim.New(params, optim.Config{Method: optim.Adam, LR: 0.1, Schedule: optim.Exponential{Gamma: 0.95}})
	if err != nil {
		fmt.Println(err)
		return
	}
	tp := autodiff.NewTape()
	for epoch := range 100 {
		for range 20 {
			tp.Reset()
			pred := tp.Add(tp.MatMul(tp.Input(len(xs), 1, xs), tp.Param(w)), tp.Param(b))
			loss := tp.Mean(tp.Square(tp.Sub(pred, tp.Input(len(ys), 1, ys))))
			opt.ZeroGrad()
			if err := tp.Backward(loss); err != nil {
				fmt.Println(err)
				return
			}
			if err := opt.Step(); err != nil {
				fmt.Println(err)
				return
			}
		}
		opt.EndEpoch()
		if epoch == 0 {
			fmt.Printf("learning rate after one epoch: %.3f\n", opt.LR())
		}
	}
	fmt.Printf("w = %.4f, b = %.4f\n", w.Data()[0], b.Data()[0])
	// Output:
	// learning rate after one epoch: 0.095
	// w = 2.0000, b = -1.0000
}
