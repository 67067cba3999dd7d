package lds

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestSteadyStateMatchesConvergedFilter(t *testing.T) {
	for seed := range uint64(4) {
		m := int(seed % 2)
		md := randomTestModel(t, seed, 3+int(seed%3), 8, m, seed == 3)
		const T = 400
		u := randomInputs(seed, []int{T}, m)
		_, y, err := md.Sample([]int{T}, u, seed)
		if err != nil {
			t.Fatal(err)
		}
		var uk *mat.Dense
		if u != nil {
			uk = u[0]
		}
		ss, err := md.SteadyState()
		if err != nil {
			t.Fatal(err)
		}
		got, err := ss.Filter(y[0], uk)
		if err != nil {
			t.Fatal(err)
		}
		f, err := md.Filter(y, u)
		if err != nil {
			t.Fatal(err)
		}
		// The DARE solution is the limit of the time-varying filter's covariance.
		if d := maxAbsDiff(ss.Pf, f[0].Cov[T-1]); d > 1e-9 {
			t.Fatalf("seed %d: steady filtered covariance differs from the converged filter by %g", seed, d)
		}
		if d := maxAbsDiff(ss.P, f[0].PredCov[T-1]); d > 1e-9 {
			t.Fatalf("seed %d: steady predicted covariance differs by %g", seed, d)
		}
		// The initial transients differ; the means agree once the gain has converged.
		if d := maxAbsDiff(got.Slice(T-100, T, 0, md.A.RawMatrix().Rows), f[0].Mean.Slice(T-100, T, 0, md.A.RawMatrix().Rows)); d > 1e-8 {
			t.Fatalf("seed %d: steady-state means differ from the exact filter by %g", seed, d)
		}
		// Online steps reproduce the batch filter.
		n, p, _ := md.Dims()
		x := make([]float64, n)
		var ut, up []float64
		if uk != nil {
			ut, up = uk.RawRowView(10), uk.RawRowView(9)
		}
		if err := ss.Step(x, got.RawRowView(9), y[0].RawRowView(10), ut, up); err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if math.Abs(x[i]-got.At(10, i)) > 1e-12 {
				t.Fatalf("Step differs from Filter")
			}
		}
		bad := make([]float64, p)
		bad[0] = math.NaN()
		if err := ss.Step(x, x, bad, ut, up); err == nil {
			t.Fatal("Step accepted a NaN observation")
		}
	}
}

func TestSteadyStateErrors(t *testing.T) {
	md := randomTestModel(t, 1, 2, 3, 0, false)
	// An unstable mode that C does not see has no stabilising DARE solution.
	md.A = mat.NewDense(2, 2, []float64{1.2, 0, 0, 0.5})
	md.C = mat.NewDense(3, 2, []float64{0, 1, 0, 2, 0, -1})
	if _, err := md.SteadyState(); err == nil {
		t.Fatal("expected an error for an unobserved unstable mode")
	}
}
