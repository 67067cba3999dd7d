package commsub_test

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/neurodyn/neurodyn/neuro/commsub"
	"gonum.org/v1/gonum/mat"
)

// Twenty neurons share three latent factors; cross-validation finds three.
func ExampleCrossValFactors() {
	rng := rand.New(rand.NewPCG(3, 4))
	n, p, q := 800, 20, 3
	L := mat.NewDense(p, q, nil)
	for i := range p {
		for j := range q {
			L.Set(i, j, rng.NormFloat64())
		}
	}
	X := mat.NewDense(n, p, nil)
	z := make([]float64, q)
	for i := range n {
		for j := range z {
			z[j] = rng.NormFloat64()
		}
		for k := range p {
			v := 0.7 * rng.NormFloat64()
			for j := range q {
				v += L.At(k, j) * z[j]
			}
			X.Set(i, k, v)
		}
	}
	cv, err := commsub.CrossValFactors(context.Background(), X, commsub.FACVConfig{MaxFactors: 6, Folds: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	fa, _ := commsub.FitFA(context.Background(), X, commsub.FAConfig{Factors: cv.Best})
	d, _ := fa.SharedDim(0.95)
	fmt.Println("factors:", cv.Best, "dimensions for 95% of shared variance:", d)
	// Output:
	// factors: 3 dimensions for 95% of shared variance: 3
}

// The source dimensions a mapping ignores (null) and uses (potent).
func ExampleSplitNullPotent() {
	W := mat.NewDense(1, 3, []float64{1, 1, 0}) // the target reads x1 + x2
	s, _ := commsub.SplitNullPotent(W, 0)
	_, r := s.Potent.Dims()
	_, k := s.Null.Dims()
	X := mat.NewDense(4, 3, []float64{
		1, -1, 0,
		-1, 1, 2,
		2, -2, 0,
		-2, 2, -2,
	}) // moves only along (1, −1, 0) and (0, 0, 1): all output-null
	pot, null, _ := s.VarianceFractions(X)
	fmt.Printf("potent dims %d, null dims %d, potent variance %.2f, null variance %.2f\n", r, k, pot, null)
	// Output:
	// potent dims 1, null dims 2, potent variance 0.00, null variance 1.00
}
