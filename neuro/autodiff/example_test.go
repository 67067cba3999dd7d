package autodiff_test

import (
	"fmt"
	"math"

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

// A particle-filter step: per-trial log-mean-weights by RowLogSumExp, then resampling by
// GatherRows with ancestor indices; gradients flow back to the surviving particles.
func ExampleTape_GatherRows() {
	z, _ := autodiff.NewParam("z", 3, 1) // three particles of one trial, one latent dimension
	copy(z.Data(), []float64{-1, 0, 2})
	tp := autodiff.NewTape()
	zv := tp.Param(z)
	logw := tp.Scale(tp.Square(zv), -0.5)                                      // log-weights, 3×1
	logMeanW := tp.AddConst(tp.RowLogSumExp(tp.Transpose(logw)), -math.Log(3)) // log mean weight
	resampled := tp.GatherRows(zv, []int{2, 2, 0})                             // ancestors drawn elsewhere
	loss := tp.Add(tp.Sum(resampled), logMeanW)
	if err := tp.Backward(loss); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("resampled %v\n", resampled.Data())
	fmt.Printf("dloss/dz %.3f\n", z.GradData())
	// Output:
	// resampled [2 2 -1]
	// dloss/dz [1.348 0.000 1.845]
}

// A causal convolution over two stacked sequences of length 4: the kernel [−1, 1] (taps at
// t−1 and t) takes first differences; zero padding makes the first output the first value.
func ExampleTape_Conv1D() {
	tp := autodiff.NewTape()
	x := tp.Input(8, 1, []float64{1, 2, 4, 7, 0, 1, 1, 3})
	w := tp.Input(2, 1, []float64{-1, 1})
	y := tp.Conv1D(x, w, autodiff.Causal(4, 2, autodiff.PadZero))
	fmt.Println(y.Data())
	// Output: [1 1 2 3 0 1 0 2]
}

// The log-density of row-wise samples under N(μ, Σ) with Σ = L·Lᵀ, from a whitening solve:
// log N(z; μ, Σ) = −½‖L⁻¹(z − μ)‖² − log det L − (R/2) log 2π.
func ExampleTape_TriSolveRows() {
	tp := autodiff.NewTape()
	l := tp.Input(2, 2, []float64{2, 0, 1, 1}) // Σ = [[4, 2], [2, 2]]
	d := tp.Input(2, 2, []float64{0, 0, 2, 2}) // z − μ for two samples
	w := tp.TriSolveRows(d, l)
	logp := tp.AddConst(tp.Sub(tp.Scale(tp.RowSums(tp.Square(w)), -0.5), tp.LogDetTri(l)), -math.Log(2*math.Pi))
	fmt.Printf("whitened %v\nlog p %.4f\n", w.Data(), logp.Data())
	// Output:
	// whitened [0 0 1 1]
	// log p [-2.5310 -3.5310]
}
