package commsub

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// randn returns an r×c matrix of standard normal draws.
func randn(rng *rand.Rand, r, c int) *mat.Dense {
	m := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			m.Set(i, j, rng.NormFloat64())
		}
	}
	return m
}

// commSim draws n samples of a p-dimensional correlated source X and a K-dimensional target
// Y = X B + noise with B of the given rank. It returns X, Y and the true B.
func commSim(seed uint64, n, p, K, rank int, noise float64) (X, Y, B *mat.Dense) {
	rng := rand.New(rand.NewPCG(seed, 7))
	// Correlated but well-conditioned source: X = Z (I + 0.5 G/√p).
	mix := randn(rng, p, p)
	mix.Scale(0.5/math.Sqrt(float64(p)), mix)
	for i := range p {
		mix.Set(i, i, mix.At(i, i)+1)
	}
	X = mat.NewDense(n, p, nil)
	X.Mul(randn(rng, n, p), mix)
	U, W := randn(rng, p, rank), randn(rng, rank, K)
	U.Scale(1/math.Sqrt(float64(p)), U)
	B = mat.NewDense(p, K, nil)
	B.Mul(U, W)
	Y = mat.NewDense(n, K, nil)
	Y.Mul(X, B)
	E := randn(rng, n, K)
	E.Scale(noise, E)
	Y.Add(Y, E)
	return X, Y, B
}

// maxPrincipalAngle is the largest principal angle between two column spaces.
func maxPrincipalAngle(A, B *mat.Dense) float64 {
	a, err := PrincipalAngles(A, B)
	if err != nil {
		panic(err)
	}
	return a[len(a)-1]
}
