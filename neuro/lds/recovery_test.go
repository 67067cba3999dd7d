package lds

import (
	"context"
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/linalg"
)

// recoveryTruth is a 4-state, 30-channel model with a slow rotation and two real decays, seen
// through a random basis.
func recoveryTruth(t *testing.T) *Model {
	t.Helper()
	md, err := RandomModel(RandomConfig{States: 4, Channels: 30, Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	blk, err := BlockDynamics([]complex128{cmplx.Rect(0.95, 0.25), cmplx.Rect(0.95, -0.25), 0.85, 0.6})
	if err != nil {
		t.Fatal(err)
	}
	basis := linalg.RandomOrthogonal(4, rand.New(rand.NewPCG(9, 9)))
	md.A.Product(basis, blk, basis.T())
	for i := range 4 {
		md.Q.SetSym(i, i, 0.1)
	}
	if md.P0, err = linalg.SolveDiscreteLyapunov(md.A, md.Q); err != nil {
		t.Fatal(err)
	}
	return md
}

// eigDistance is the largest distance between the eigenvalues of a and b under the best
// matching.
func eigDistance(t *testing.T, a, b *mat.Dense) float64 {
	t.Helper()
	var ea, eb mat.Eigen
	if !ea.Factorize(a, mat.EigenNone) || !eb.Factorize(b, mat.EigenNone) {
		t.Fatal("eigendecomposition failed")
	}
	va, vb := ea.Values(nil), eb.Values(nil)
	best := math.Inf(1)
	perm := make([]int, len(vb))
	for i := range perm {
		perm[i] = i
	}
	var rec func(k int)
	rec = func(k int) {
		if k == len(perm) {
			worst := 0.0
			for i, j := range perm {
				worst = math.Max(worst, cmplx.Abs(va[i]-vb[j]))
			}
			best = math.Min(best, worst)
			return
		}
		for i := k; i < len(perm); i++ {
			perm[k], perm[i] = perm[i], perm[k]
			rec(k + 1)
			perm[k], perm[i] = perm[i], perm[k]
		}
	}
	rec(0)
	return best
}

func TestEMRecoversKnownModel(t *testing.T) {
	truth := recoveryTruth(t)
	train := make([]int, 20)
	test := make([]int, 10)
	for i := range train {
		train[i] = 200
	}
	for i := range test {
		test[i] = 200
	}
	for _, c := range []struct {
		miss, eigTol float64
	}{{0, 0.02}, {0.2, 0.05}} {
		t.Run(fmt.Sprintf("missing%.0f%%", 100*c.miss), func(t *testing.T) {
			t.Parallel()
			_, ytr, err := truth.Sample(train, nil, 1)
			if err != nil {
				t.Fatal(err)
			}
			_, yte, err := truth.Sample(test, nil, 2)
			if err != nil {
				t.Fatal(err)
			}
			if c.miss > 0 {
				maskRandom(ytr, c.miss, 3)
				maskRandom(yte, c.miss, 4)
			}
			fit, res, err := FitEM(context.Background(), ytr, nil, Config{Init: poorStart(t, 4, 30, 0, 5), MaxIter: 3000, Tol: 1e-9})
			if err != nil {
				t.Fatal(err)
			}
			d := eigDistance(t, truth.A, fit.A)
			llFit, err := fit.LogLikelihood(yte, nil)
			if err != nil {
				t.Fatal(err)
			}
			llTrue, err := truth.LogLikelihood(yte, nil)
			if err != nil {
				t.Fatal(err)
			}
			rel := math.Abs(llFit-llTrue) / math.Abs(llTrue)
			t.Logf("%d iterations (converged %v), eigenvalue error %.4f, held-out LL %.2f vs true %.2f (%.3f%%)",
				res.Iterations, res.Converged, d, llFit, llTrue, 100*rel)
			if d > c.eigTol {
				t.Errorf("eigenvalues off by %.4f > %.2f", d, c.eigTol)
			}
			if rel > 0.01 {
				t.Errorf("held-out log-likelihood %.2f differs from the true model's %.2f by %.2f%%", llFit, llTrue, 100*rel)
			}
		})
	}
}

func TestEMFromSubspaceAndFAInitialisation(t *testing.T) {
	truth := recoveryTruth(t)
	lengths := []int{300, 300, 300, 300, 300, 300}
	_, y, err := truth.Sample(lengths, nil, 21)
	if err != nil {
		t.Fatal(err)
	}
	maskRandom(y, 0.05, 22)
	for _, init := range []InitMethod{InitSSID, InitFA} {
		checkInitialisation(t, truth, y, init)
	}
}

func checkInitialisation(t *testing.T, truth *Model, y []*mat.Dense, init InitMethod) {
	t.Helper()
	fit, res, err := FitEM(context.Background(), y, nil, Config{States: 4, InitMethod: init, MaxIter: 300, Tol: 1e-9})
	if err != nil {
		t.Fatal(err)
	}
	d := eigDistance(t, truth.A, fit.A)
	t.Logf("init %d: %d iterations, LL %.1f -> %.1f, eigenvalue error %.4f", init, res.Iterations, res.LogLik[0], res.LogLik[len(res.LogLik)-1], d)
	llTrue, err := truth.LogLikelihood(y, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The maximum-likelihood fit explains its training data at least as well as the truth.
	if final := res.LogLik[len(res.LogLik)-1]; final < llTrue {
		t.Fatalf("init %d: EM ends at LL %.1f below the true model's %.1f", init, final, llTrue)
	}
	if d > 0.08 {
		t.Fatalf("init %d: eigenvalues off by %.4f after EM", init, d)
	}
}
