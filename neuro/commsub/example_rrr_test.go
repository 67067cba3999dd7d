package commsub_test

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/neurodyn/neurodyn/neuro/commsub"
	"gonum.org/v1/gonum/mat"
)

// A 30-neuron source drives a 20-neuron target through a 2-dimensional communication subspace.
func ExampleCrossValRank() {
	rng := rand.New(rand.NewPCG(1, 2))
	n, p, K := 600, 30, 20
	X := mat.NewDense(n, p, nil)
	for i := range n {
		for j := range p {
			X.Set(i, j, rng.NormFloat64())
		}
	}
	U, W := mat.NewDense(p, 2, nil), mat.NewDense(2, K, nil) // B = U W has rank 2
	for i := range p {
		U.Set(i, 0, 0.3*rng.NormFloat64())
		U.Set(i, 1, 0.3*rng.NormFloat64())
	}
	for j := range K {
		W.Set(0, j, rng.NormFloat64())
		W.Set(1, j, rng.NormFloat64())
	}
	var B mat.Dense
	B.Mul(U, W)
	Y := mat.NewDense(n, K, nil)
	Y.Mul(X, &B)
	for i := range n {
		for j := range K {
			Y.Set(i, j, Y.At(i, j)+rng.NormFloat64())
		}
	}
	cv, err := commsub.CrossValRank(context.Background(), X, Y, commsub.RankCVConfig{MaxRank: 6})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("communication subspace dimensionality:", cv.Rank)
	// Output:
	// communication subspace dimensionality: 2
}

// Canonical correlations of two views that share one latent signal.
func ExampleFitCCA() {
	rng := rand.New(rand.NewPCG(5, 6))
	n := 5000
	X, Y := mat.NewDense(n, 2, nil), mat.NewDense(n, 2, nil)
	for i := range n {
		z := rng.NormFloat64()
		X.Set(i, 0, z+0.5*rng.NormFloat64())
		X.Set(i, 1, rng.NormFloat64())
		Y.Set(i, 0, rng.NormFloat64())
		Y.Set(i, 1, -z+0.5*rng.NormFloat64())
	}
	c, err := commsub.FitCCA(X, Y)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("first canonical correlation ≈ 0.8: %v; second ≈ 0: %v\n", c.Corr[0] > 0.78 && c.Corr[0] < 0.82, c.Corr[1] < 0.05)
	// Output:
	// first canonical correlation ≈ 0.8: true; second ≈ 0: true
}
