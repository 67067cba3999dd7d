package commsub

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestRRRFullRankMatchesOLS(t *testing.T) {
	X, Y, _ := commSim(1, 200, 8, 5, 2, 0.5)
	m, err := FitRRR(X, Y, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.Coef(m.MaxRank())
	if err != nil {
		t.Fatal(err)
	}
	// Closed form: [1 X] \ Y by the normal equations.
	n, p := X.Dims()
	Z := mat.NewDense(n, p+1, nil)
	for i := range n {
		Z.Set(i, 0, 1)
		for j := range p {
			Z.Set(i, j+1, X.At(i, j))
		}
	}
	var ZtZ, ZtY, beta mat.Dense
	ZtZ.Mul(Z.T(), Z)
	ZtY.Mul(Z.T(), Y)
	if err := beta.Solve(&ZtZ, &ZtY); err != nil {
		t.Fatal(err)
	}
	_, K := Y.Dims()
	for j := range K {
		if d := math.Abs(got.Intercept[j] - beta.At(0, j)); d > 1e-9 {
			t.Fatalf("intercept[%d] differs by %g", j, d)
		}
		for i := range p {
			if d := math.Abs(got.B.At(i, j) - beta.At(i+1, j)); d > 1e-9 {
				t.Fatalf("B[%d,%d] differs by %g", i, j, d)
			}
		}
	}
}

func TestRRRRankTruncationIsLowRank(t *testing.T) {
	X, Y, _ := commSim(2, 300, 10, 6, 3, 0.3)
	m, err := FitRRR(X, Y, 0)
	if err != nil {
		t.Fatal(err)
	}
	for r := range 4 {
		l, err := m.Coef(r)
		if err != nil {
			t.Fatal(err)
		}
		var svd mat.SVD
		svd.Factorize(l.B, mat.SVDNone)
		s := svd.Values(nil)
		for i := r; i < len(s); i++ {
			if s[i] > 1e-9*(1+s[0]) {
				t.Fatalf("rank %d coefficients have singular value %d = %g", r, i, s[i])
			}
		}
	}
	// Training error never increases with rank.
	prev := math.Inf(1)
	for r := 0; r <= m.MaxRank(); r++ {
		pred, _ := m.Predict(X, r)
		e := NSE(Y, pred)
		if e > prev+1e-12 {
			t.Fatalf("training NSE rose from %g to %g at rank %d", prev, e, r)
		}
		prev = e
	}
}

func TestCrossValRankRecoversTrueRank(t *testing.T) {
	hits := 0
	for seed := range uint64(10) {
		X, Y, B := commSim(100+seed, 500, 30, 20, 2, 1)
		cv, err := CrossValRank(context.Background(), X, Y, RankCVConfig{MaxRank: 8})
		if err != nil {
			t.Fatal(err)
		}
		if cv.Rank == 2 {
			hits++
		}
		// The recovered subspace matches the true column space of B.
		m, _ := FitRRR(X, Y, 0)
		S, _ := m.Subspace(2)
		T, _ := orthBasis(B)
		if a := maxPrincipalAngle(S, T); a > 10*math.Pi/180 {
			t.Errorf("seed %d: subspace angle %.1f°", seed, a*180/math.Pi)
		}
		t.Logf("seed %d: rank %d (best %d), perf %.3f, ceiling %.3f", seed, cv.Rank, cv.BestRank, cv.Mean[cv.Rank-1], cv.FullMean)
	}
	if hits < 9 {
		t.Fatalf("true rank 2 recovered in %d of 10 seeds, need ≥ 9", hits)
	}
}

func TestRidgeRRRShrinks(t *testing.T) {
	X, Y, _ := commSim(3, 100, 20, 10, 2, 1)
	m0, _ := FitRRR(X, Y, 0)
	m1, err := FitRRR(X, Y, 50)
	if err != nil {
		t.Fatal(err)
	}
	if mat.Norm(m1.Full, 2) >= mat.Norm(m0.Full, 2) {
		t.Fatal("ridge did not shrink the full-rank coefficients")
	}
	cv, err := CrossValRank(context.Background(), X, Y, RankCVConfig{Lambda: 50, Folds: 5, Rng: rand.New(rand.NewPCG(1, 1))})
	if err != nil {
		t.Fatal(err)
	}
	if cv.Rank < 1 || cv.Rank > 10 {
		t.Fatalf("rank %d out of range", cv.Rank)
	}
}

func TestRRRBadInput(t *testing.T) {
	X, Y, _ := commSim(4, 50, 5, 4, 1, 1)
	if _, err := FitRRR(X, mat.NewDense(49, 4, nil), 0); err == nil {
		t.Fatal("expected row mismatch error")
	}
	if _, err := FitRRR(X, Y, -1); err == nil {
		t.Fatal("expected negative lambda error")
	}
	bad := mat.DenseCopyOf(X)
	bad.Set(3, 2, math.NaN())
	if _, err := FitRRR(bad, Y, 0); err == nil {
		t.Fatal("expected NaN error")
	}
	m, _ := FitRRR(X, Y, 0)
	if _, err := m.Coef(5); err == nil {
		t.Fatal("expected rank too large error")
	}
	if _, err := CrossValRank(context.Background(), X, Y, RankCVConfig{MaxRank: 9}); err == nil {
		t.Fatal("expected MaxRank error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := CrossValRank(ctx, X, Y, RankCVConfig{}); err == nil {
		t.Fatal("expected cancellation error")
	}
}
