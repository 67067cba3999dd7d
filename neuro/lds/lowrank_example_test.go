package lds_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Shared observation noise from one source plus private noise per channel: the filter uses the
// Woodbury form of R = diag(Ψ) + W Wᵀ and agrees with the same model given the dense R.
func ExampleModel_SetLowRankR() {
	md := exampleModel()
	psi := []float64{0.1, 0.1, 0.2, 0.2, 0.3}
	w := mat.NewDense(5, 1, []float64{0.3, 0.3, -0.2, 0.1, 0.4})
	if err := md.SetLowRankR(psi, w); err != nil {
		fmt.Println(err)
		return
	}
	_, y, err := md.Sample([]int{200}, nil, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	y[0].Set(10, 2, math.NaN()) // a missing entry
	ll, err := md.LogLikelihood(y, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	dense := md.Clone()
	dense.RLowRank = nil // same R, dense path
	lld, _ := dense.LogLikelihood(y, nil)
	fmt.Printf("R[0,1] = %.2f; same log-likelihood as dense R: %v\n", md.R.At(0, 1), math.Abs(ll-lld) < 1e-9*math.Abs(lld))
	// Output:
	// R[0,1] = 0.09; same log-likelihood as dense R: true
}
