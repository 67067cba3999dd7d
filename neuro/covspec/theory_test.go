package covspec

import (
	"math"
	"testing"
)

func checkMoments(t *testing.T, name string, s Spectrum, n int, mean, dim, tol float64) {
	t.Helper()
	tb, err := Tabulate(s, n)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	t.Logf("%s: mass %.8f mean %.6f (%.6f) dim %.6f (%.6f)", name, tb.Mass, tb.Mean, mean, tb.Dimension(), dim)
	if math.Abs(tb.Mass-1) > tol || math.Abs(tb.Mean/mean-1) > tol || math.Abs(tb.Dimension()/dim-1) > tol {
		t.Errorf("%s: mass %.8f mean %.8f (want %.8f) dim %.8f (want %.8f)", name, tb.Mass, tb.Mean, mean, tb.Dimension(), dim)
	}
}

func TestMotifMoments(t *testing.T) {
	// Includes near-critical κ > 0 cases (g(1+κ) = 0.9–0.99), where the root choice matters.
	for _, c := range [][2]float64{{0.3, 0.4}, {0.3, -0.4}, {0.5, -0.6}, {0.6, 0.5}, {0.52, 0.9}, {0.95, -0.9}, {0.3, 1}, {0.45, 1}} {
		m, err := NewMotif(c[0], c[1])
		if err != nil {
			t.Fatal(err)
		}
		checkMoments(t, "motif", m, 3000, MotifMean(c[0], c[1]), MotifDimension(c[0], c[1]), 1e-4)
	}
	// Antisymmetric: the 1/√(1−x) edge singularity converges more slowly.
	m, _ := NewMotif(0.6, -1)
	checkMoments(t, "antisymmetric", m, 3000, MotifMean(0.6, -1), MotifDimension(0.6, -1), 1e-3)
}

func TestTimeSampledMoments(t *testing.T) {
	for _, c := range [][2]float64{{0.4, 0.3}, {0.8, 0.5}, {0.5, 2.0}} {
		s, err := NewTimeSampled(c[0], c[1])
		if err != nil {
			t.Fatal(err)
		}
		g, a := c[0], c[1]
		dim := TimeSampledDimension(g, a)
		if a > 1 { // non-zero part: N/M of the eigenvalues carry all the mass
			dim *= a
		}
		checkMoments(t, "time", s, 3000, s.Mean(), dim, 1e-4)
	}
}

func TestSpaceSampledMoments(t *testing.T) {
	for _, c := range [][2]float64{{0.5, 0.3}, {0.8, 0.5}} {
		s, err := NewSpaceSampled(c[0], c[1])
		if err != nil {
			t.Fatal(err)
		}
		checkMoments(t, "space", s, 3000, s.Mean(), SpaceSampledDimension(c[0], c[1]), 1e-3)
	}
}

func TestIIDSupportEdges(t *testing.T) {
	want := map[float64][2]float64{0.3: {0.479, 2.769}, 0.5: {0.323, 7.344}, 0.8: {0.197, 109.06}, 0.9: {0.170, 857.97}}
	for g, w := range want {
		lo, hi := IIDSupport(g)
		if math.Abs(lo-w[0]) > 5e-4 || math.Abs(hi/w[1]-1) > 2e-4 {
			t.Errorf("g=%v: support [%v, %v], want %v", g, lo, hi, w)
		}
		s := IID{G: g}
		// The density vanishes just outside and is positive just inside the edges.
		if s.Density(lo*(1-1e-6)) != 0 || s.Density(hi*(1+1e-6)) != 0 || s.Density(lo*(1+1e-4)) <= 0 || s.Density(hi*(1-1e-4)) <= 0 {
			t.Errorf("g=%v: density does not switch on at the support edges", g)
		}
	}
}

func TestTimeSampledEdges(t *testing.T) {
	// The edges are where the density switches on, and reduce to the i.i.d. edges as α → 0.
	for _, c := range [][2]float64{{0.4, 0.3}, {0.7, 0.5}, {0.5, 2}} {
		s, _ := NewTimeSampled(c[0], c[1])
		lo, hi := s.Support()
		if s.Density(lo*(1-1e-5)) != 0 || s.Density(hi*(1+1e-5)) != 0 || s.Density(lo*(1+1e-3)) <= 0 || s.Density(hi*(1-1e-3)) <= 0 {
			t.Errorf("%v: density does not switch on at [%v, %v]", c, lo, hi)
		}
	}
	s, _ := NewTimeSampled(0.5, 1e-6)
	lo, hi := s.Support()
	l0, h0 := IIDSupport(0.5)
	if math.Abs(lo/l0-1) > 1e-3 || math.Abs(hi/h0-1) > 1e-3 {
		t.Errorf("α → 0: [%v, %v], want [%v, %v]", lo, hi, l0, h0)
	}
	// g → 1: x₋(α) = 2[(1+3α)^{3/2} + 1 − 9α]/27.
	a := 0.3
	s, _ = NewTimeSampled(0.9999, a)
	lo, _ = s.Support()
	if w := 2 * (math.Pow(1+3*a, 1.5) + 1 - 9*a) / 27; math.Abs(lo-w) > 1e-3 {
		t.Errorf("g → 1 left edge %v, want %v", lo, w)
	}
}

func TestCriticalTailAndRank(t *testing.T) {
	s, _ := NewIID(0.999)
	for _, x := range []float64{10, 30, 100} {
		if r := s.Density(x) / CriticalTail(x); math.Abs(r-1) > 0.03 {
			t.Errorf("x=%v: p/tail = %v", x, r)
		}
	}
	tb, _ := Tabulate(s, 4000)
	n := 1000
	rk := tb.Ranked(n)
	for _, k := range []int{10, 30, 100} {
		if r := rk[k-1] / CriticalRank(k, n); math.Abs(r-1) > 0.1 {
			t.Errorf("rank %d: quantile %v vs power law %v", k, rk[k-1], CriticalRank(k, n))
		}
	}
	if tb.Quantile(tb.Prob(5)) < 4.99 || tb.Quantile(tb.Prob(5)) > 5.01 {
		t.Errorf("Quantile does not invert Prob")
	}
}

func TestTheoryBadInput(t *testing.T) {
	if _, err := NewIID(1); err == nil {
		t.Error("g = 1 accepted")
	}
	if _, err := NewIID(math.NaN()); err == nil {
		t.Error("NaN accepted")
	}
	if _, err := NewMotif(0.6, 0.8); err == nil {
		t.Error("unstable motif network accepted")
	}
	if _, err := NewTimeSampled(0.5, -1); err == nil {
		t.Error("negative alpha accepted")
	}
	if _, err := NewSpaceSampled(0.5, 0); err == nil {
		t.Error("f = 0 accepted")
	}
	if _, err := Tabulate(IID{G: 0.5}, 3); err == nil {
		t.Error("3 grid points accepted")
	}
}
