package lds

import (
	"context"
	"math"
	"runtime"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The shared (converged) covariance schedule must equal the plain recursion to round-off.
func TestSharedScheduleMatchesPlainRecursion(t *testing.T) {
	md := randomTestModel(t, 8, 4, 9, 0, false)
	eng, err := newEngine(md)
	if err != nil {
		t.Fatal(err)
	}
	const T = 600
	pats := make([]*obsPattern, T)
	for i := range pats {
		pats[i] = eng.em.full
	}
	fs, err := eng.dy.forwardCov(pats)
	if err != nil {
		t.Fatal(err)
	}
	bs := eng.dy.backwardCov(fs)
	shared := 0
	for i := 1; i < T; i++ {
		if fs[i] == fs[i-1] {
			shared++
		}
	}
	if shared < T/2 {
		t.Fatalf("only %d of %d steps share the converged covariance", shared, T)
	}
	// Plain recursion, no sharing.
	var ar arena
	plain := make([]*fstep, T)
	pp := eng.dy.p0
	for i := range T {
		if plain[i], err = eng.dy.covStep(pp, eng.em.full, &ar); err != nil {
			t.Fatal(err)
		}
		pp = plain[i].ppNext
	}
	// Break pointer identity so backwardCov recomputes every step.
	pb := eng.dy.backwardCov(plain)
	for i := range T {
		if d := maxAbsDiff(fs[i].pf, plain[i].pf); d > 1e-12 {
			t.Fatalf("step %d: shared filtered covariance differs by %g", i, d)
		}
		if d := maxAbsDiff(bs[i].ps, pb[i].ps); d > 1e-12 {
			t.Fatalf("step %d: shared smoothed covariance differs by %g", i, d)
		}
		if i < T-1 {
			if d := maxAbsDiff(bs[i].cc, pb[i].cc); d > 1e-12 {
				t.Fatalf("step %d: shared cross-covariance differs by %g", i, d)
			}
		}
	}
}

// Sums over trials are formed per fixed block, so the result does not depend on GOMAXPROCS.
func TestEStepIndependentOfGOMAXPROCS(t *testing.T) {
	md := randomTestModel(t, 9, 3, 6, 1, false)
	lengths := make([]int, 40)
	for i := range lengths {
		lengths[i] = 30 + i
	}
	u := randomInputs(9, lengths, 1)
	_, y, err := md.Sample(lengths, u, 1)
	if err != nil {
		t.Fatal(err)
	}
	maskRandom(y, 0.1, 2)
	fit := func(procs int) []float64 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		_, res, err := FitEM(context.Background(), y, u, Config{States: 3, MaxIter: 5, Tol: 1e-300})
		if err != nil {
			t.Fatal(err)
		}
		return res.LogLik
	}
	a, b := fit(1), fit(2)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("iteration %d: log-likelihood %v with 1 proc, %v with 2", i, a[i], b[i])
		}
	}
}

func TestBadInputErrors(t *testing.T) {
	md := randomTestModel(t, 2, 2, 3, 1, false)
	y := []*mat.Dense{mat.NewDense(10, 3, nil)}
	u := []*mat.Dense{mat.NewDense(10, 1, nil)}
	cases := []struct {
		name, want string
		run        func() error
	}{
		{"wrong channels", "columns", func() error {
			_, err := md.Filter([]*mat.Dense{mat.NewDense(10, 4, nil)}, u)
			return err
		}},
		{"missing inputs", "inputs", func() error { _, err := md.Smooth(y, nil); return err }},
		{"wrong input rows", "inputs[0]", func() error {
			_, err := md.Filter(y, []*mat.Dense{mat.NewDense(9, 1, nil)})
			return err
		}},
		{"infinite data", "infinite", func() error {
			bad := mat.DenseCopyOf(y[0])
			bad.Set(3, 1, math.Inf(1))
			_, err := md.Filter([]*mat.Dense{bad}, u)
			return err
		}},
		{"indefinite Q", "Q", func() error {
			bad := md.Clone()
			bad.Q.SetSym(0, 0, -1)
			_, err := bad.Filter(y, u)
			return err
		}},
		{"non-positive R", "R", func() error {
			bad := md.Clone()
			bad.R.SetSym(1, 1, 0)
			_, err := bad.Filter(y, u)
			return err
		}},
		{"NaN in A", "A", func() error {
			bad := md.Clone()
			bad.A.Set(0, 1, math.NaN())
			_, _, err := bad.Sample([]int{5}, u, 1)
			return err
		}},
		{"no states", "States", func() error { _, err := Fit(y, Config{}); return err }},
		{"constant channel", "constant", func() error {
			_, y2, _ := md.Sample([]int{50}, []*mat.Dense{mat.NewDense(50, 1, nil)}, 1)
			for t := range 50 {
				y2[0].Set(t, 2, 4)
			}
			_, err := Fit(y2, Config{States: 1})
			return err
		}},
		{"single-bin trials", "single bin", func() error {
			noIn := md.Clone()
			noIn.B, noIn.D = nil, nil
			_, err := Fit([]*mat.Dense{mat.NewDense(1, 3, []float64{1, 2, 3}), mat.NewDense(1, 3, []float64{2, 1, 0})}, Config{Init: noIn})
			return err
		}},
	}
	for _, c := range cases {
		err := c.run()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
}

func TestFitEMHonoursCancellationAndProgress(t *testing.T) {
	md := randomTestModel(t, 3, 2, 5, 0, false)
	_, y, _ := md.Sample([]int{100}, nil, 1)
	ctx, cancel := context.WithCancel(context.Background())
	steps := 0
	fit, res, err := FitEM(ctx, y, nil, Config{States: 2, MaxIter: 100, Tol: 1e-300, Progress: func(step, total int, m map[string]float64) {
		steps++
		if step != steps || total != 101 || math.IsNaN(m["loglik"]) {
			t.Fatalf("progress(%d, %d, %v) at call %d", step, total, m, steps)
		}
		if step == 3 {
			cancel()
		}
	}})
	if err != context.Canceled || fit == nil || len(res.LogLik) != 3 {
		t.Fatalf("got err %v, model %v, %d log-likelihoods; want cancellation after 3", err, fit != nil, len(res.LogLik))
	}
}
