package covspec

import (
	"math"
	"testing"
)

func TestIIDMoments(t *testing.T) {
	for _, g := range []float64{0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95} {
		s, err := NewIID(g)
		if err != nil {
			t.Fatal(err)
		}
		tb, err := Tabulate(s, 4000)
		if err != nil {
			t.Fatal(err)
		}
		mean := 1 / (1 - g*g)
		dim := IIDDimension(g)
		if math.Abs(tb.Mass-1) > 1e-6 || math.Abs(tb.Mean/mean-1) > 1e-6 || math.Abs(tb.Dimension()/dim-1) > 1e-6 {
			t.Errorf("g=%v: mass %.9f mean %.9f (want %.9f) dim %.9f (want %.9f)", g, tb.Mass, tb.Mean, mean, tb.Dimension(), dim)
		}
	}
}
