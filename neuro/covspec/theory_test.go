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
	for _, c := range [][2]float64{{0.3, 0.4}, {0.3, -0.4}, {0.5, -0.6}, {0.3, 1}, {0.6, -1}} {
		m, err := NewMotif(c[0], c[1])
		if err != nil {
			t.Fatal(err)
		}
		checkMoments(t, "motif", m, 3000, MotifMean(c[0], c[1]), MotifDimension(c[0], c[1]), 1e-3)
	}
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
