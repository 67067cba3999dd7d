package commsub

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// faSim draws n samples from a q-factor model with p neurons.
func faSim(seed uint64, n, p, q int) (X, L *mat.Dense, psi []float64) {
	rng := rand.New(rand.NewPCG(seed, 11))
	L = randn(rng, p, q)
	psi = make([]float64, p)
	for i := range psi {
		psi[i] = 0.5 + rng.Float64()
	}
	X = mat.NewDense(n, p, nil)
	X.Mul(randn(rng, n, q), L.T())
	for i := range n {
		for j := range p {
			X.Set(i, j, X.At(i, j)+math.Sqrt(psi[j])*rng.NormFloat64()+3)
		}
	}
	return X, L, psi
}

func TestFARecoversLoadingsAndPrivateVariances(t *testing.T) {
	X, L, psi := faSim(1, 2000, 30, 3)
	var lls []float64
	fa, err := FitFA(context.Background(), X, FAConfig{Factors: 3, Progress: func(step, total int, m map[string]float64) {
		lls = append(lls, m["loglik"])
	}})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(lls); i++ {
		if lls[i] < lls[i-1]-1e-6*math.Abs(lls[i]) {
			t.Fatalf("EM log-likelihood decreased at iteration %d: %g → %g", i+1, lls[i-1], lls[i])
		}
	}
	U, _, err := fa.SharedSpace()
	if err != nil {
		t.Fatal(err)
	}
	if a := maxPrincipalAngle(U, L); a > 5*math.Pi/180 {
		t.Fatalf("loading subspace off by %.2f°", a*180/math.Pi)
	}
	for i, v := range fa.Psi {
		if math.Abs(v-psi[i]) > 0.2*psi[i] {
			t.Fatalf("private variance %d: got %.3f want %.3f", i, v, psi[i])
		}
	}
	for j, m := range fa.Mean {
		if math.Abs(m-3) > 0.2 {
			t.Fatalf("mean %d = %g, want ≈ 3", j, m)
		}
	}
	Z, err := fa.Latents(X)
	if err != nil {
		t.Fatal(err)
	}
	if r, c := Z.Dims(); r != 2000 || c != 3 {
		t.Fatalf("latents %d×%d", r, c)
	}
}

func TestFAZeroFactorsIsIndependentGaussian(t *testing.T) {
	X, _, _ := faSim(2, 300, 5, 1)
	fa, err := FitFA(context.Background(), X, FAConfig{})
	if err != nil {
		t.Fatal(err)
	}
	n, p := X.Dims()
	var want float64
	for j := range p {
		var mu, v float64
		for i := range n {
			mu += X.At(i, j)
		}
		mu /= float64(n)
		for i := range n {
			v += (X.At(i, j) - mu) * (X.At(i, j) - mu)
		}
		v /= float64(n)
		want += -0.5 * float64(n) * (math.Log(2*math.Pi*v) + 1)
	}
	if math.Abs(fa.LogLik-want) > 1e-8*math.Abs(want) {
		t.Fatalf("LL %g, want %g", fa.LogLik, want)
	}
}

func TestFAVarianceFloorHolds(t *testing.T) {
	// One neuron is an exact copy of the factor: its private variance would go to zero.
	X, _, _ := faSim(3, 500, 6, 1)
	for i := range 500 {
		X.Set(i, 5, X.At(i, 0)*2)
	}
	fa, err := FitFA(context.Background(), X, FAConfig{Factors: 1, VarFloor: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	for j, v := range fa.Psi {
		if v <= 0 || math.IsNaN(v) {
			t.Fatalf("psi[%d] = %g", j, v)
		}
	}
	var mu, s float64
	for i := range 500 {
		mu += X.At(i, 5)
	}
	mu /= 500
	for i := range 500 {
		s += (X.At(i, 5) - mu) * (X.At(i, 5) - mu)
	}
	if fa.Psi[5] < 0.05*s/500*(1-1e-12) {
		t.Fatalf("psi[5] = %g below the floor %g", fa.Psi[5], 0.05*s/500)
	}
}

func TestCrossValFactorsFindsTruth(t *testing.T) {
	for _, q := range []int{2, 4} {
		X, _, _ := faSim(uint64(10+q), 1000, 25, q)
		cv, err := CrossValFactors(context.Background(), X, FACVConfig{MaxFactors: 7, Folds: 5})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("q=%d: best %d, one-SE %d, mean LL %.3f", q, cv.Best, cv.OneSE, cv.Mean)
		if cv.Best != q {
			t.Fatalf("cross-validated factor count %d, want %d", cv.Best, q)
		}
	}
}

func TestFABadInput(t *testing.T) {
	X, _, _ := faSim(4, 100, 5, 1)
	if _, err := FitFA(context.Background(), X, FAConfig{Factors: 5}); err == nil {
		t.Fatal("expected too many factors error")
	}
	if _, err := FitFA(context.Background(), X, FAConfig{Factors: -1}); err == nil {
		t.Fatal("expected negative factors error")
	}
	flat := mat.DenseCopyOf(X)
	for i := range 100 {
		flat.Set(i, 2, 1)
	}
	if _, err := FitFA(context.Background(), flat, FAConfig{Factors: 1}); err == nil {
		t.Fatal("expected zero variance error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := CrossValFactors(ctx, X, FACVConfig{MaxFactors: 2, Folds: 3}); err == nil {
		t.Fatal("expected cancellation error")
	}
}
