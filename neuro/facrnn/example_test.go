package facrnn_test

import (
	"context"
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/facrnn"
)

// Train FacRNN (two groups of three latents, β = 20) on the Lorenz + Thomas benchmark and score
// its latents against the truth. Short settings; the paper trains 5000 epochs.
func ExampleFit() {
	ctx := context.Background()
	syn, err := facrnn.NewSynthetic(ctx, facrnn.SynthConfig{FitEpochs: 300, FitLR: 1e-2})
	if err != nil {
		panic(err)
	}
	train, test, zTest, err := syn.Split()
	if err != nil {
		panic(err)
	}
	m, err := facrnn.Fit(ctx, train, facrnn.Config{K: 6, H: 3, Beta: 20, Epochs: 20, Seed: 1})
	if err != nil {
		panic(err)
	}
	truth := facrnn.Truth{Z: zTest, Groups: syn.Groups, W: syn.WTrue(), SubW: syn.SubWTrue()}
	sc, err := facrnn.Evaluate(m, test, truth, m.Groups(), 2, 1)
	if err != nil {
		panic(err)
	}
	fmt.Println("train/test samples:", train.Len(), test.Len())
	fmt.Printf("s_q = %.2f, groups %v\n", m.SQ, m.Groups())
	fmt.Println("scores finite:", sc.GroupR2 <= 1 && sc.PC > -1)
	// Output:
	// train/test samples: 1000 1000
	// s_q = 0.50, groups [[0 1 2] [3 4 5]]
	// scores finite: true
}

// The evaluation estimator of the partial correlation: about 0 for independent groups.
func ExamplePartialCorrelation() {
	rng := rand.New(rand.NewPCG(1, 2))
	mu := mat.NewDense(1000, 2, nil)
	for i := 0; i < 1000; i++ {
		a, b := rng.NormFloat64(), rng.NormFloat64()
		mu.Set(i, 0, a)
		mu.Set(i, 1, b)
	}
	pc, err := facrnn.PartialCorrelation(mu, 1, [][]int{{0}, {1}}, 4, 1)
	if err != nil {
		panic(err)
	}
	fmt.Printf("independent: PC ≈ %.1f\n", pc)
	for i := 0; i < 1000; i++ {
		mu.Set(i, 1, mu.At(i, 0)+0.3*mu.At(i, 1))
	}
	pc, _ = facrnn.PartialCorrelation(mu, 0.3, [][]int{{0}, {1}}, 4, 1)
	fmt.Println("dependent: PC > 0.5:", pc > 0.5)
	// Output:
	// independent: PC ≈ 0.0
	// dependent: PC > 0.5: true
}
