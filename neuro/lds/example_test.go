package lds_test

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/lds"
)

// exampleModel is a 2-state rotation (20 bins per cycle, decaying by 0.95 per bin) read out by
// 5 channels.
func exampleModel() *lds.Model {
	return &lds.Model{
		A:    lds.Rotation(2*math.Pi/20, 0.95),
		C:    mat.NewDense(5, 2, []float64{1, 0, 0, 1, 1, 1, 1, -1, 0.5, 2}),
		Dout: []float64{1, 2, 3, 4, 5},
		Q:    mat.NewSymDense(2, []float64{0.1, 0, 0, 0.1}),
		R:    mat.NewSymDense(5, []float64{0.2, 0, 0, 0, 0, 0, 0.2, 0, 0, 0, 0, 0, 0.2, 0, 0, 0, 0, 0, 0.2, 0, 0, 0, 0, 0, 0.2}),
		P0:   mat.NewSymDense(2, []float64{1, 0, 0, 1}),
	}
}

func ExampleModel_Sample() {
	md := exampleModel()
	x, y, err := md.Sample([]int{100, 80}, nil, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for k := range y {
		T, p := y[k].Dims()
		_, n := x[k].Dims()
		fmt.Printf("trial %d: %d bins, %d channels, %d latents\n", k, T, p, n)
	}
	modes, _ := md.Modes(0.01) // 10 ms bins
	fmt.Printf("rotation at %.1f Hz, decay time %.0f ms\n", modes[0].FrequencyHz, 1000*modes[0].DecaySeconds)
	// Output:
	// trial 0: 100 bins, 5 channels, 2 latents
	// trial 1: 80 bins, 5 channels, 2 latents
	// rotation at 5.0 Hz, decay time 195 ms
}

func ExampleModel_Smooth() {
	md := exampleModel()
	x, y, _ := md.Sample([]int{200}, nil, 2)
	y[0].Set(10, 3, math.NaN()) // a missing entry
	filt, _ := md.Filter(y, nil)
	sm, err := md.Smooth(y, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	rmse := func(est *mat.Dense) float64 {
		var d mat.Dense
		d.Sub(est, x[0])
		return mat.Norm(&d, 2) / math.Sqrt(200)
	}
	fmt.Printf("smoothing beats filtering: %v\n", rmse(sm[0].Mean) < rmse(filt[0].Mean))
	fmt.Printf("same log-likelihood: %v\n", math.Abs(sm[0].LogLik-filt[0].LogLik) < 1e-9)
	fmt.Printf("posterior variance shrinks: %v\n", sm[0].Cov[100].At(0, 0) < filt[0].Cov[100].At(0, 0))
	// Output:
	// smoothing beats filtering: true
	// same log-likelihood: true
	// posterior variance shrinks: true
}

func ExampleFitEM() {
	truth := exampleModel()
	lengths := []int{200, 200, 200, 200, 200}
	_, y, _ := truth.Sample(lengths, nil, 3)
	fit, res, err := lds.FitEM(context.Background(), y, nil, lds.Config{States: 2, MaxIter: 300, Tol: 1e-9})
	if err != nil {
		fmt.Println(err)
		return
	}
	modes, _ := fit.Modes(0.01)
	fmt.Printf("log-likelihood increased: %v\n", res.LogLik[len(res.LogLik)-1] > res.LogLik[0])
	fmt.Printf("recovered |λ| = %.2f, angle = %.2f rad/bin (true 0.95, %.2f)\n",
		modes[0].Radius, math.Abs(modes[0].Angle), 2*math.Pi/20)
	// Output:
	// log-likelihood increased: true
	// recovered |λ| = 0.95, angle = 0.31 rad/bin (true 0.95, 0.31)
}

func ExampleModel_FlowField() {
	md := exampleModel()
	ff, err := md.FlowField(lds.FlowConfig{Points: 3, Extent: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	// A 3×3 grid of arrows in the rotation plane, laid out as plotting.FlowGrid{X, Y, DX, DY}.
	fmt.Println(len(ff.X), len(ff.Y), len(ff.DX), len(ff.DX[0]))
	// Output:
	// 3 3 3 3
}

func ExampleModel_PerturbationResponse() {
	md := exampleModel()
	within, outside, _ := md.ManifoldBases()
	in, _ := md.PerturbationResponse(mat.Col(nil, 0, within), 5)
	out, _ := md.PerturbationResponse(mat.Col(nil, 0, outside), 5)
	fmt.Printf("within-manifold:  |Δy| = %.2f after 5 bins\n", in.Norm[5])
	fmt.Printf("outside-manifold: |Δy| = %.2f after 5 bins\n", out.Norm[5])
	// Output:
	// within-manifold:  |Δy| = 0.50 after 5 bins
	// outside-manifold: |Δy| = 0.00 after 5 bins
}

func ExampleCool() {
	md := exampleModel()
	cooled, err := lds.Cool(md, 0.5) // the dynamics run at half speed
	if err != nil {
		fmt.Println(err)
		return
	}
	before, _ := md.Modes(0.01)
	after, _ := cooled.Modes(0.01)
	fmt.Printf("%.1f Hz -> %.1f Hz, decay %.0f ms -> %.0f ms\n",
		before[0].FrequencyHz, after[0].FrequencyHz, 1000*before[0].DecaySeconds, 1000*after[0].DecaySeconds)
	// Output:
	// 5.0 Hz -> 2.5 Hz, decay 195 ms -> 390 ms
}

func ExampleSelectDim() {
	truth, _ := lds.RandomModel(lds.RandomConfig{States: 3, Channels: 12, MinRadius: 0.6, MaxRadius: 0.95, StateNoise: 0.3, Seed: 17})
	lengths := []int{150, 150, 150, 150, 150, 150, 150, 150, 150, 150}
	_, y, _ := truth.Sample(lengths, nil, 5)
	sel, err := lds.SelectDim(context.Background(), y, nil, lds.SelectConfig{
		Dims: []int{1, 2, 3, 4, 5}, Folds: 5, EM: lds.Config{MaxIter: 150, Tol: 1e-6}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("chosen latent dimension:", sel.Chosen)
	// Output:
	// chosen latent dimension: 3
}
