package commsub

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

func TestCCAKnownCorrelations(t *testing.T) {
	// Two shared latents with correlations 0.9 and 0.5, embedded by random invertible mixings.
	rng := rand.New(rand.NewPCG(5, 5))
	n, p, K := 20000, 4, 3
	rho := []float64{0.9, 0.5}
	Zx, Zy := mat.NewDense(n, p, nil), mat.NewDense(n, K, nil)
	for i := range n {
		for j := range p {
			Zx.Set(i, j, rng.NormFloat64())
		}
		for j := range K {
			Zy.Set(i, j, rng.NormFloat64())
		}
		for k, r := range rho {
			Zy.Set(i, k, r*Zx.At(i, k)+math.Sqrt(1-r*r)*Zy.At(i, k))
		}
	}
	var X, Y mat.Dense
	X.Mul(Zx, randn(rng, p, p))
	Y.Mul(Zy, randn(rng, K, K))
	c, err := FitCCA(&X, &Y)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0.9, 0.5, 0}
	for i, w := range want {
		if math.Abs(c.Corr[i]-w) > 0.03 {
			t.Fatalf("corr[%d] = %.3f, want %.2f", i, c.Corr[i], w)
		}
	}
	// The canonical variates have unit variance and the stated correlation.
	var u, v mat.Dense
	u.Mul(&X, c.A)
	v.Mul(&Y, c.B)
	for i := range 2 {
		a, b := mat.Col(nil, i, &u), mat.Col(nil, i, &v)
		if s := stat.Variance(a, nil); math.Abs(s-1) > 1e-9 {
			t.Fatalf("variate %d variance %g", i, s)
		}
		if r := stat.Correlation(a, b, nil); math.Abs(r-c.Corr[i]) > 1e-9 {
			t.Fatalf("variate %d correlation %g vs %g", i, r, c.Corr[i])
		}
	}
}

func TestCCARankDeficient(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	X := randn(rng, 50, 3)
	for i := range 50 {
		X.Set(i, 2, X.At(i, 0)+X.At(i, 1))
	}
	if _, err := FitCCA(X, randn(rng, 50, 2)); err == nil {
		t.Fatal("expected rank deficiency error")
	}
	if _, err := FitCCA(randn(rng, 3, 3), randn(rng, 3, 2)); err == nil {
		t.Fatal("expected too few samples error")
	}
}

func TestNullPotentSplit(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	p, K := 6, 4
	U, V := randn(rng, K, 2), randn(rng, 2, p)
	var W mat.Dense
	W.Mul(U, V) // rank 2 mapping from 6 to 4 dims
	s, err := SplitNullPotent(&W, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, r := s.Potent.Dims(); r != 2 {
		t.Fatalf("potent dimension %d, want 2", r)
	}
	if _, r := s.Null.Dims(); r != 4 {
		t.Fatalf("null dimension %d, want 4", r)
	}
	var WN mat.Dense
	WN.Mul(&W, s.Null)
	if mat.Norm(&WN, math.Inf(1)) > 1e-10 {
		t.Fatal("null space is not mapped to zero")
	}
	// Activity confined to the null space has no potent variance, and vice versa.
	X := mat.NewDense(100, p, nil)
	X.Mul(randn(rng, 100, 4), s.Null.T())
	pot, null, err := s.VarianceFractions(X)
	if err != nil {
		t.Fatal(err)
	}
	if pot > 1e-12 || math.Abs(null-1) > 1e-12 {
		t.Fatalf("null activity split %g / %g", pot, null)
	}
	if _, err := SplitNullPotent(mat.NewDense(2, 3, nil), 0); err == nil {
		t.Fatal("expected zero mapping error")
	}
}
