package facrnn

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// gaussMeans draws n encoder means from N(0, C).
func gaussMeans(C *mat.SymDense, n int, seed uint64) *mat.Dense {
	K := C.SymmetricDim()
	var ch mat.Cholesky
	if !ch.Factorize(C) {
		panic("C not positive definite")
	}
	var L mat.TriDense
	ch.LTo(&L)
	rng := rand.New(rand.NewPCG(seed, 7))
	mu := mat.NewDense(n, K, nil)
	e := mat.NewVecDense(K, nil)
	for i := 0; i < n; i++ {
		for k := 0; k < K; k++ {
			e.SetVec(k, rng.NormFloat64())
		}
		var v mat.VecDense
		v.MulVec(&L, e)
		for k := 0; k < K; k++ {
			mu.Set(i, k, v.AtVec(k))
		}
	}
	return mu
}

// gaussPC is the closed form ½(Σ_g log det Σ_gg − log det Σ) with Σ = C + s² I.
func gaussPC(C *mat.SymDense, s float64, groups [][]int) float64 {
	K := C.SymmetricDim()
	S := mat.NewSymDense(K, nil)
	for i := 0; i < K; i++ {
		for j := 0; j < K; j++ {
			v := C.At(i, j)
			if i == j {
				v += s * s
			}
			S.SetSym(i, j, v)
		}
	}
	logdet := func(idx []int) float64 {
		sub := mat.NewSymDense(len(idx), nil)
		for a, i := range idx {
			for b, j := range idx {
				sub.SetSym(a, b, S.At(i, j))
			}
		}
		var ch mat.Cholesky
		ch.Factorize(sub)
		return ch.LogDet()
	}
	v := -logdet(allIdx(K))
	for _, g := range groups {
		v += logdet(g)
	}
	return 0.5 * v
}

// TestPartialCorrelationGaussian: the evaluation estimator is ≈ 0 for independent Gaussian
// groups and matches the closed-form Gaussian partial correlation of the aggregated posterior
// N(0, C + s_q² I) for correlated encoder means, within Monte-Carlo error (replicate data sets).
func TestPartialCorrelationGaussian(t *testing.T) {
	groups := [][]int{{0, 1}, {2, 3}}
	indep := mat.NewSymDense(4, []float64{
		1, 0.6, 0, 0,
		0.6, 1, 0, 0,
		0, 0, 1, -0.5,
		0, 0, -0.5, 1})
	corr := mat.NewSymDense(4, []float64{
		1, 0.6, 0.5, 0.3,
		0.6, 1, 0.4, 0.2,
		0.5, 0.4, 1, -0.2,
		0.3, 0.2, -0.2, 1})
	corr.ScaleSym(3, corr) // means with variance 3 against s_q² = 1: a sizeable PC
	// The estimator includes each sample's own kernel (weight 1/n), a positive bias of order
	// (Σ/s²)^(K/2)/n; at s = 1 and n = 2000 it is below the Monte-Carlo error (at Scott's
	// bandwidth s = 0.39 it is about +0.05 here, shared by every method scored).
	const n, reps, s = 2000, 5, 1.0
	for _, tc := range []struct {
		name string
		C    *mat.SymDense
	}{{"independent", indep}, {"correlated", corr}} {
		want := gaussPC(tc.C, s, groups)
		var est []float64
		for r := 0; r < reps; r++ {
			mu := gaussMeans(tc.C, n, uint64(10+r))
			v, err := PartialCorrelation(mu, s, groups, 2, uint64(r))
			if err != nil {
				t.Fatal(err)
			}
			est = append(est, v)
		}
		m, se := meanSE(est)
		t.Logf("%s: closed form %.4f, estimate %.4f ± %.4f (SE over %d data sets)", tc.name, want, m, se, reps)
		if math.Abs(m-want) > 4*se+0.01 {
			t.Errorf("%s: estimate %.4f ± %.4f, closed form %.4f", tc.name, m, se, want)
		}
	}
}

// TestTotalCorrelationSingletons: the total correlation is the partial correlation over
// singleton groups and is ≥ the partial correlation over coarser groups (chain rule).
func TestTotalCorrelationSingletons(t *testing.T) {
	C := mat.NewSymDense(3, []float64{1, 0.7, 0.2, 0.7, 1, 0.1, 0.2, 0.1, 1})
	mu := gaussMeans(C, 800, 3)
	s := 0.5
	tc, err := TotalCorrelation(mu, s, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := PartialCorrelation(mu, s, [][]int{{0, 1}, {2}}, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := gaussPC(C, s, [][]int{{0}, {1}, {2}})
	if !(tc > pc) || math.Abs(tc-want) > 0.05 {
		t.Errorf("TC %.4f (closed form %.4f), PC over {01}{2} %.4f", tc, want, pc)
	}
	if _, err := PartialCorrelation(mu, s, [][]int{{0, 1}, {1, 2}}, 3, 1); err == nil {
		t.Error("overlapping groups accepted")
	}
	if _, err := PartialCorrelation(mu, 0, [][]int{{0}, {1, 2}}, 3, 1); err == nil {
		t.Error("sq = 0 accepted")
	}
}

func meanSE(x []float64) (m, se float64) {
	for _, v := range x {
		m += v / float64(len(x))
	}
	for _, v := range x {
		se += (v - m) * (v - m) / float64(len(x)-1)
	}
	return m, math.Sqrt(se / float64(len(x)))
}
