package lds

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// checkCovariances fails unless every distinct covariance is finite, exactly symmetric and
// positive semi-definite up to round-off.
func checkCovariances(t *testing.T, name string, covs []*mat.SymDense) {
	t.Helper()
	var prev *mat.SymDense
	for i, c := range covs {
		if c == prev {
			continue
		}
		prev = c
		n := c.SymmetricDim()
		for a := range n {
			for b := range n {
				if v := c.At(a, b); math.IsNaN(v) || math.IsInf(v, 0) || v != c.At(b, a) {
					t.Fatalf("%s[%d] is not finite and symmetric", name, i)
				}
			}
		}
		var es mat.EigenSym
		if !es.Factorize(c, false) {
			t.Fatalf("%s[%d]: eigendecomposition failed", name, i)
		}
		vals := es.Values(nil)
		if vals[0] < -1e-12*math.Max(1, vals[n-1]) {
			t.Fatalf("%s[%d] has eigenvalue %g (largest %g): not PSD", name, i, vals[0], vals[n-1])
		}
	}
}

func TestMillionStepFilterStaysSymmetricPSD(t *testing.T) {
	const T = 1_000_000
	md := randomTestModel(t, 3, 3, 5, 0, false)
	_, y, err := md.Sample([]int{T}, nil, 11)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse dropouts force the covariance recursion to restart from a perturbed state.
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		y[0].Set(rng.IntN(T), rng.IntN(5), math.NaN())
	}
	f, err := md.Filter(y, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkCovariances(t, "PredCov", f[0].PredCov)
	checkCovariances(t, "Cov", f[0].Cov)
	if math.IsNaN(f[0].LogLik) || math.IsInf(f[0].LogLik, 0) || !finite(f[0].Mean.RawMatrix().Data) {
		t.Fatal("non-finite filter output")
	}
	// Per-bin log-likelihood close to the model's own entropy rate: a drifting filter would not be.
	ll := f[0].LogLik / T
	if ll > 0 || ll < -20 {
		t.Fatalf("log-likelihood per bin %v is implausible", ll)
	}
}

func TestNearSingularRAndUnstableA(t *testing.T) {
	md := randomTestModel(t, 5, 3, 6, 0, false)
	_, y, err := md.Sample([]int{500}, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Near-singular R: one channel almost noiseless.
	near := md.Clone()
	near.R.SetSym(0, 0, 1e-13)
	for _, miss := range []bool{false, true} {
		yy := []*mat.Dense{mat.DenseCopyOf(y[0])}
		if miss {
			maskRandom(yy, 0.2, 9)
		}
		s, err := near.Smooth(yy, nil)
		t.Logf("near-singular R (missing %v): error %v", miss, err)
		if err != nil {
			if !strings.Contains(err.Error(), "lds:") {
				t.Fatalf("unclear error %v", err)
			}
			continue
		}
		checkCovariances(t, "smoothed Cov", s[0].Cov)
		if !finite(s[0].Mean.RawMatrix().Data) || math.IsNaN(s[0].LogLik) {
			t.Fatal("near-singular R produced non-finite output")
		}
	}
	// Unstable but observed dynamics: the filter is well defined.
	unst := md.Clone()
	unst.A.Scale(1.01/mustRadius(t, md.A), md.A)
	_, yu, err := unst.Sample([]int{2000}, nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	f, err := unst.Filter(yu, nil)
	if err != nil {
		t.Fatalf("unstable observed A: %v", err)
	}
	checkCovariances(t, "Cov", f[0].Cov)
	if !finite(f[0].Mean.RawMatrix().Data) || math.IsNaN(f[0].LogLik) {
		t.Fatal("unstable observed A produced non-finite output")
	}
	// An unstable mode that nothing observes: its variance overflows, which must be an error.
	blind := md.Clone()
	blind.A = mat.NewDense(3, 3, []float64{1.05, 0, 0, 0, 0.5, 0, 0, 0, 0.3})
	blind.C = mat.NewDense(6, 3, nil)
	for i := range 6 {
		blind.C.Set(i, 1, 1)
		blind.C.Set(i, 2, float64(i)-2)
	}
	long := mat.NewDense(20000, 6, nil)
	if _, err := blind.Filter([]*mat.Dense{long}, nil); err == nil || !strings.Contains(err.Error(), "unstable") {
		t.Fatalf("unobserved unstable mode: got %v, want an error naming the unstable mode", err)
	}
}

func mustRadius(t *testing.T, a *mat.Dense) float64 {
	t.Helper()
	var e mat.Eigen
	if !e.Factorize(a, mat.EigenNone) {
		t.Fatal("eigen failed")
	}
	r := 0.0
	for _, v := range e.Values(nil) {
		r = math.Max(r, math.Hypot(real(v), imag(v)))
	}
	return r
}

// With an almost noiseless channel the exact posterior is still computed accurately.
func TestNearSingularRMatchesBruteForce(t *testing.T) {
	for seed := range uint64(4) {
		md := randomTestModel(t, seed+20, 3, 5, 0, false)
		md.R.SetSym(0, 0, 1e-10)
		const T = 6
		_, y, err := md.Sample([]int{T}, nil, seed)
		if err != nil {
			t.Fatal(err)
		}
		if seed%2 == 1 {
			y[0].Set(2, 0, math.NaN())
			y[0].Set(4, 3, math.NaN())
		}
		s, err := md.Smooth(y, nil)
		if err != nil {
			t.Fatal(err)
		}
		j := buildJoint(md, nil, T)
		mean, cov, ll := j.condition(y[0], T)
		for tt := range T {
			if d := maxAbsDiff(s[0].Mean.RowView(tt), mean.SliceVec(tt*3, tt*3+3)); d > 1e-6 {
				t.Fatalf("seed %d t %d: smoothed mean differs by %g", seed, tt, d)
			}
			if d := maxAbsDiff(s[0].Cov[tt], cov.Slice(tt*3, tt*3+3, tt*3, tt*3+3)); d > 1e-6 {
				t.Fatalf("seed %d t %d: smoothed covariance differs by %g", seed, tt, d)
			}
		}
		if math.Abs(s[0].LogLik-ll) > 1e-6*math.Abs(ll) {
			t.Fatalf("seed %d: log-likelihood %v vs brute force %v", seed, s[0].LogLik, ll)
		}
	}
}

// Noise-free dynamics with a known initial state: every covariance is zero and the posterior
// mean is the deterministic trajectory; singular covariances must not produce NaN.
func TestDeterministicDynamics(t *testing.T) {
	md := randomTestModel(t, 40, 3, 4, 0, false)
	md.Q = mat.NewSymDense(3, nil)
	md.P0 = mat.NewSymDense(3, nil)
	md.Mu0 = []float64{1, -1, 0.5}
	x, y, err := md.Sample([]int{50}, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	s, err := md.Smooth(y, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := maxAbsDiff(s[0].Mean, x[0]); d > 1e-10 {
		t.Fatalf("smoothed mean differs from the noise-free trajectory by %g", d)
	}
	checkCovariances(t, "Cov", s[0].Cov)
}
