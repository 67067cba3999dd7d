package linalg

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func randStable(rng *rand.Rand, n int, rho float64) *mat.Dense {
	a := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			a.Set(i, j, rng.NormFloat64())
		}
	}
	r, _ := SpectralRadius(a)
	a.Scale(rho/r, a)
	return a
}

func randPD(rng *rand.Rand, n int, ridge float64) *mat.SymDense {
	b := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			b.Set(i, j, rng.NormFloat64())
		}
	}
	var bbt mat.Dense
	bbt.Mul(b, b.T())
	s := Symmetrize(&bbt)
	for i := range n {
		s.SetSym(i, i, s.At(i, i)+ridge)
	}
	return s
}

func maxAbsDiff(a, b mat.Matrix) float64 {
	var d mat.Dense
	d.Sub(a, b)
	return mat.Norm(&d, math.Inf(1))
}

func TestLyapunovScalarClosedForm(t *testing.T) {
	x, err := SolveDiscreteLyapunov(mat.NewDense(1, 1, []float64{0.9}), mat.NewSymDense(1, []float64{2}))
	if err != nil {
		t.Fatal(err)
	}
	if want := 2 / (1 - 0.81); math.Abs(x.At(0, 0)-want) > 1e-12*want {
		t.Fatalf("got %v want %v", x.At(0, 0), want)
	}
}

func TestLyapunovResidual(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, rho := range []float64{0.5, 0.95, 0.9999} {
		a := randStable(rng, 8, rho)
		q := randPD(rng, 8, 0.1)
		x, err := SolveDiscreteLyapunov(a, q)
		if err != nil {
			t.Fatal(err)
		}
		var ax, axa mat.Dense
		ax.Mul(a, x)
		axa.Mul(&ax, a.T())
		axa.Add(&axa, q)
		if d := maxAbsDiff(&axa, x) / mat.Norm(x, math.Inf(1)); d > 1e-9 {
			t.Fatalf("rho=%v: relative residual %g", rho, d)
		}
	}
}

func TestLyapunovUnstable(t *testing.T) {
	a := mat.NewDense(2, 2, []float64{1.01, 0, 0, 0.5})
	_, err := SolveDiscreteLyapunov(a, mat.NewSymDense(2, []float64{1, 0, 0, 1}))
	if err == nil || !strings.Contains(err.Error(), "not stable") {
		t.Fatalf("want instability error, got %v", err)
	}
	if _, err := SolveDiscreteLyapunov(mat.NewDense(2, 2, []float64{math.NaN(), 0, 0, 0}), mat.NewSymDense(2, nil)); err == nil {
		t.Fatal("want NaN error")
	}
	if _, err := SolveDiscreteLyapunov(a, mat.NewSymDense(3, nil)); err == nil {
		t.Fatal("want dimension error")
	}
}

// Scalar DARE: p = a²p + q − (apc+s)²/(c²p+r) ⇔ c²p² + (r − a²r − q c² + 2acs)p − (qr − s²) = 0.
func TestDAREScalarClosedForm(t *testing.T) {
	for _, tc := range [][5]float64{{0.9, 1, 1, 2, 0}, {1.2, 0.5, 0.3, 1, 0.1}, {-0.7, 2, 1, 0.1, -0.2}, {1, 1, 1, 1, 0}} {
		a, c, q, r, s := tc[0], tc[1], tc[2], tc[3], tc[4]
		qa, qb, qc := c*c, r-a*a*r-q*c*c+2*a*c*s, -(q*r - s*s)
		want := (-qb + math.Sqrt(qb*qb-4*qa*qc)) / (2 * qa)
		var sm mat.Matrix
		if s != 0 {
			sm = mat.NewDense(1, 1, []float64{s})
		}
		p, err := SolveDARE(mat.NewDense(1, 1, []float64{a}), mat.NewDense(1, 1, []float64{c}),
			mat.NewSymDense(1, []float64{q}), mat.NewSymDense(1, []float64{r}), sm)
		if err != nil {
			t.Fatalf("%v: %v", tc, err)
		}
		if math.Abs(p.At(0, 0)-want) > 1e-10*want {
			t.Fatalf("%v: got %v want %v", tc, p.At(0, 0), want)
		}
	}
}

// riccatiIterate runs the Riccati recursion from P = Q, which converges to the stabilising
// solution for detectable/stabilisable systems.
func riccatiIterate(a, c mat.Matrix, q, r mat.Symmetric, s mat.Matrix, iters int) *mat.SymDense {
	p := Symmetrize(q)
	for range iters {
		k, sig, _ := predictorGain(a, c, r, s, p)
		var ap, apa, ks, ksk mat.Dense
		ap.Mul(a, p)
		apa.Mul(&ap, a.T())
		ks.Mul(k, sig)
		ksk.Mul(&ks, k.T())
		apa.Add(&apa, q)
		apa.Sub(&apa, &ksk)
		p = Symmetrize(&apa)
	}
	return p
}

func TestDAREMatchesRecursionAndGains(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 3))
	n, m := 6, 4
	a := randStable(rng, n, 0.98)
	c := mat.NewDense(m, n, nil)
	for i := range m {
		for j := range n {
			c.Set(i, j, rng.NormFloat64())
		}
	}
	// Joint noise covariance [Q S; Sᵀ R] PSD by construction.
	joint := randPD(rng, n+m, 0.5)
	q := mat.NewSymDense(n, nil)
	r := mat.NewSymDense(m, nil)
	s := mat.NewDense(n, m, nil)
	for i := range n + m {
		for j := range n + m {
			switch {
			case i < n && j < n:
				q.SetSym(i, j, joint.At(i, j))
			case i >= n && j >= n:
				r.SetSym(i-n, j-n, joint.At(i, j))
			case i < n && j >= n:
				s.Set(i, j-n, joint.At(i, j))
			}
		}
	}
	kg, err := SteadyStateKalman(a, c, q, r, s)
	if err != nil {
		t.Fatal(err)
	}
	ref := riccatiIterate(a, c, q, r, s, 3000)
	if d := maxAbsDiff(kg.P, ref) / mat.Norm(ref, math.Inf(1)); d > 1e-9 {
		t.Fatalf("P differs from converged recursion by %g", d)
	}
	// Kf = P Cᵀ Σe⁻¹ and K = A Kf + S Σe⁻¹.
	var pct, want mat.Dense
	pct.Mul(kg.P, c.T())
	var kfs mat.Dense
	kfs.Mul(kg.Kf, kg.Innov)
	if d := maxAbsDiff(&kfs, &pct); d > 1e-9*mat.Norm(&pct, math.Inf(1)) {
		t.Fatalf("Kf Σe != P Cᵀ (%g)", d)
	}
	var ks mat.Dense
	ks.Mul(kg.K, kg.Innov)
	want.Mul(a, &pct)
	want.Add(&want, s)
	if d := maxAbsDiff(&ks, &want); d > 1e-9*mat.Norm(&want, math.Inf(1)) {
		t.Fatalf("K Σe != A P Cᵀ + S (%g)", d)
	}
}

func TestDAREUnstableObservedModeIsFine(t *testing.T) {
	// An unstable but observed mode still has a stabilising predictor.
	a := mat.NewDense(2, 2, []float64{1.5, 1, 0, 0.3})
	c := mat.NewDense(1, 2, []float64{1, 0})
	q := mat.NewSymDense(2, []float64{1, 0, 0, 1})
	r := mat.NewSymDense(1, []float64{0.5})
	p, err := SolveDARE(a, c, q, r, nil)
	if err != nil {
		t.Fatal(err)
	}
	ref := riccatiIterate(a, c, q, r, nil, 2000)
	if d := maxAbsDiff(p, ref); d > 1e-8 {
		t.Fatalf("P differs from recursion by %g", d)
	}
}

func TestDARENoStabilisingSolution(t *testing.T) {
	// The second mode is unstable and invisible to C: no stabilising solution.
	a := mat.NewDense(2, 2, []float64{0.5, 0, 0, 1.2})
	c := mat.NewDense(1, 2, []float64{1, 0})
	q := mat.NewSymDense(2, []float64{1, 0, 0, 1})
	r := mat.NewSymDense(1, []float64{1})
	if _, err := SolveDARE(a, c, q, r, nil); err == nil || !strings.Contains(err.Error(), "stabilising") {
		t.Fatalf("want no-stabilising-solution error, got %v", err)
	}
}

func TestDAREBadInput(t *testing.T) {
	a := mat.NewDense(2, 2, []float64{0.5, 0, 0, 0.2})
	c := mat.NewDense(1, 2, []float64{1, 0})
	q := mat.NewSymDense(2, []float64{1, 0, 0, 1})
	cases := map[string]func() error{
		"R not PD": func() error {
			_, err := SolveDARE(a, c, q, mat.NewSymDense(1, []float64{-1}), nil)
			return err
		},
		"C cols": func() error {
			_, err := SolveDARE(a, mat.NewDense(1, 3, nil), q, mat.NewSymDense(1, []float64{1}), nil)
			return err
		},
		"S dims": func() error {
			_, err := SolveDARE(a, c, q, mat.NewSymDense(1, []float64{1}), mat.NewDense(1, 1, nil))
			return err
		},
		"NaN": func() error {
			_, err := SolveDARE(a, c, mat.NewSymDense(2, []float64{math.NaN(), 0, 0, 1}), mat.NewSymDense(1, []float64{1}), nil)
			return err
		},
	}
	for name, f := range cases {
		if f() == nil {
			t.Errorf("%s: want error", name)
		}
	}
}

func TestHelpers(t *testing.T) {
	m := mat.NewDense(2, 2, []float64{1, 2, 4, 3})
	s := Symmetrize(m)
	if s.At(0, 1) != 3 || s.At(1, 0) != 3 {
		t.Fatalf("Symmetrize: %v", mat.Formatted(s))
	}
	if IsPSD(mat.NewSymDense(2, []float64{1, 2, 2, 1}), 1e-12) {
		t.Fatal("indefinite matrix reported PSD")
	}
	if !IsPSD(mat.NewSymDense(2, []float64{1, 1, 1, 1}), 1e-12) {
		t.Fatal("singular PSD matrix reported not PSD")
	}
	ld, err := LogDetPD(mat.NewSymDense(2, []float64{2, 0, 0, 3}))
	if err != nil || math.Abs(ld-math.Log(6)) > 1e-14 {
		t.Fatalf("LogDetPD = %v, %v", ld, err)
	}
	x, err := SolvePD(mat.NewSymDense(2, []float64{2, 1, 1, 2}), mat.NewDense(2, 1, []float64{3, 3}))
	if err != nil || math.Abs(x.At(0, 0)-1) > 1e-14 || math.Abs(x.At(1, 0)-1) > 1e-14 {
		t.Fatalf("SolvePD = %v, %v", x, err)
	}
	// Pinv of a rank-1 matrix: A A⁺ A = A.
	r1 := mat.NewDense(3, 2, []float64{1, 2, 2, 4, 3, 6})
	pi, err := Pinv(r1, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ap, apa mat.Dense
	ap.Mul(r1, pi)
	apa.Mul(&ap, r1)
	if d := maxAbsDiff(&apa, r1); d > 1e-12 {
		t.Fatalf("A A⁺ A != A (%g)", d)
	}
	rho, err := SpectralRadius(mat.NewDense(2, 2, []float64{0, -0.9, 0.9, 0}))
	if err != nil || math.Abs(rho-0.9) > 1e-14 {
		t.Fatalf("SpectralRadius = %v, %v", rho, err)
	}
}

// target ≤ 1 ms for n = 6, m = 30 (one call per fit; the spec gives no separate peer figure)
func BenchmarkSteadyStateKalman(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 5))
	n, m := 6, 30
	a := randStable(rng, n, 0.95)
	c := mat.NewDense(m, n, nil)
	for i := range m {
		for j := range n {
			c.Set(i, j, rng.NormFloat64())
		}
	}
	q := randPD(rng, n, 0.1)
	r := randPD(rng, m, 1)
	for b.Loop() {
		if _, err := SteadyStateKalman(a, c, q, r, nil); err != nil {
			b.Fatal(err)
		}
	}
}
