package datasets

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestBinContinuousAndAligned(t *testing.T) {
	s := &SpikeTable{Units: []UnitInfo{{Name: "a"}, {Name: "b"}}}
	for _, sp := range []struct {
		u int
		t float64
	}{{0, 0.05}, {0, 0.15}, {0, 0.16}, {1, 0.95}, {1, 1.0}, {0, 2.05}, {1, 2.29}} {
		s.Add(sp.u, sp.t, -1)
	}
	c, err := s.Bin(BinConfig{Width: 0.1, Start: 0, End: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := c[0].Dims(); len(c) != 1 || r != 10 {
		t.Fatalf("%d windows, %d bins", len(c), r)
	}
	want := map[[2]int]float64{{0, 0}: 1, {1, 0}: 2, {9, 1}: 1} // 1.0 is outside [0, 1)
	for i := 0; i < 10; i++ {
		for j := 0; j < 2; j++ {
			if c[0].At(i, j) != want[[2]int{i, j}] {
				t.Errorf("continuous bin (%d,%d) = %g, want %g", i, j, c[0].At(i, j), want[[2]int{i, j}])
			}
		}
	}
	// Windows [a−0.1, a+0.2) around a = 0.1 and a = 2.1.
	a, err := s.Bin(BinConfig{Width: 0.1, Start: -0.1, End: 0.2, Align: []float64{0.1, 2.1}})
	if err != nil {
		t.Fatal(err)
	}
	if a[0].At(0, 0) != 1 || a[0].At(1, 0) != 2 || a[1].At(0, 0) != 1 || a[1].At(2, 1) != 1 || mat.Sum(a[1]) != 2 {
		t.Errorf("aligned counts: %v / %v", mat.Formatted(a[0]), mat.Formatted(a[1]))
	}
}

func TestBinTrials(t *testing.T) {
	s := &SpikeTable{Units: []UnitInfo{{Name: "a"}}}
	s.Add(0, 0.5, 0)
	s.Add(0, 0.5, 1)
	s.Add(0, 1.5, 1)
	c, err := s.Bin(BinConfig{Width: 1, Start: 0, End: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(c) != 2 || c[0].At(0, 0) != 1 || c[0].At(1, 0) != 0 || c[1].At(1, 0) != 1 {
		t.Errorf("trial counts wrong")
	}
	if _, err := s.Bin(BinConfig{Width: 1, End: 2, Align: []float64{0}}); err == nil {
		t.Error("1 alignment time for 2 trials accepted")
	}
	for _, cfg := range []BinConfig{{Width: 0, End: 1}, {Width: 1, Start: 1, End: 1}, {Width: math.NaN(), End: 1}, {Width: 2, End: 1}} {
		if _, err := s.Bin(cfg); err == nil {
			t.Errorf("config %+v accepted", cfg)
		}
	}
	bad := &SpikeTable{Units: []UnitInfo{{}}}
	bad.Add(3, 0, -1)
	if _, err := bad.Bin(BinConfig{Width: 1, End: 1}); err == nil {
		t.Error("unit index out of range accepted")
	}
}

func TestSmoothing(t *testing.T) {
	x := mat.NewDense(50, 2, nil)
	for i := 0; i < 50; i++ {
		x.Set(i, 0, 3) // constant
		if i == 25 {
			x.Set(i, 1, 1) // impulse
		}
	}
	g, err := SmoothGaussian([]*mat.Dense{x}, 2)
	if err != nil {
		t.Fatal(err)
	}
	var mass float64
	for i := 0; i < 50; i++ {
		if math.Abs(g[0].At(i, 0)-3) > 1e-12 {
			t.Fatalf("constant changed at %d: %g (edges must be renormalised)", i, g[0].At(i, 0))
		}
		mass += g[0].At(i, 1)
	}
	if math.Abs(mass-1) > 1e-9 || g[0].At(25, 1) < g[0].At(26, 1) || math.Abs(g[0].At(24, 1)-g[0].At(26, 1)) > 1e-15 {
		t.Errorf("impulse response: mass %g, not symmetric and peaked at 25", mass)
	}
	// exp(−1/σ²·k²/2) ratio between lag 1 and lag 0.
	if r := g[0].At(26, 1) / g[0].At(25, 1); math.Abs(r-math.Exp(-1.0/8)) > 1e-12 {
		t.Errorf("kernel ratio %g, want exp(−1/8)", r)
	}
	e, err := SmoothExponential([]*mat.Dense{x}, 4)
	if err != nil {
		t.Fatal(err)
	}
	a := math.Exp(-0.25)
	for i := 0; i < 50; i++ {
		want := 0.0
		if i >= 25 {
			want = (1 - a) * math.Pow(a, float64(i-25))
		}
		if math.Abs(e[0].At(i, 1)-want) > 1e-15 {
			t.Fatalf("causal response at %d = %g, want %g", i, e[0].At(i, 1), want)
		}
	}
	if _, err := SmoothGaussian([]*mat.Dense{x}, 0); err == nil {
		t.Error("sigma 0 accepted")
	}
	if _, err := SmoothExponential(nil, 1); err == nil {
		t.Error("no trials accepted")
	}
}

func TestSqrtZScore(t *testing.T) {
	x := []*mat.Dense{mat.NewDense(2, 2, []float64{4, 1, 9, 1}), mat.NewDense(1, 2, []float64{16, 1})}
	s, err := Sqrt(x)
	if err != nil || s[0].At(1, 0) != 3 || s[1].At(0, 0) != 4 {
		t.Fatalf("sqrt: %v", err)
	}
	if _, err := Sqrt([]*mat.Dense{mat.NewDense(1, 1, []float64{-1})}); err == nil {
		t.Error("negative count accepted")
	}
	z, mean, sd, err := ZScore(x)
	if err != nil {
		t.Fatal(err)
	}
	// column 0: 4, 9, 16 → mean 29/3, sample sd.
	m := 29.0 / 3
	v := ((4-m)*(4-m) + (9-m)*(9-m) + (16-m)*(16-m)) / 2
	if math.Abs(mean[0]-m) > 1e-12 || math.Abs(sd[0]-math.Sqrt(v)) > 1e-12 || sd[1] != 0 {
		t.Errorf("mean %v sd %v", mean, sd)
	}
	if math.Abs(z[1].At(0, 0)-(16-m)/math.Sqrt(v)) > 1e-12 || z[0].At(0, 1) != 0 {
		t.Errorf("z wrong")
	}
	if _, _, _, err := ZScore([]*mat.Dense{mat.NewDense(1, 1, []float64{math.NaN()})}); err == nil {
		t.Error("NaN accepted")
	}
}

// TestSummaryPoisson: a Poisson train has rate λ and ISI CV 1; a regular
// train has CV 0.
func TestSummaryPoisson(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := &SpikeTable{Units: []UnitInfo{{Name: "poisson"}, {Name: "clock"}, {Name: "rare"}}}
	const T, lambda = 2000.0, 5.0
	for tt := rng.ExpFloat64() / lambda; tt < T; tt += rng.ExpFloat64() / lambda {
		s.Add(0, tt, -1)
	}
	for i := 0; i < 100; i++ {
		s.Add(1, float64(i)*0.5, -1)
	}
	s.Add(2, 1, -1)
	df, err := s.Summary(T)
	if err != nil {
		t.Fatal(err)
	}
	rate, cv := df.Col("rate_hz").Float(), df.Col("isi_cv").Float()
	// rate: sd of the estimate is sqrt(λ/T) = 0.05.
	if math.Abs(rate[0]-lambda) > 0.2 || math.Abs(cv[0]-1) > 0.05 {
		t.Errorf("Poisson unit: rate %g (want 5), CV %g (want 1)", rate[0], cv[0])
	}
	if cv[1] > 1e-9 || rate[1] != 100/T {
		t.Errorf("regular unit: rate %g, CV %g", rate[1], cv[1])
	}
	if !math.IsNaN(cv[2]) {
		t.Errorf("single-spike unit CV %g, want NaN", cv[2])
	}
	if f := s.Frame(); f.Nrow() != s.Len() || f.Ncol() != 5 {
		t.Errorf("frame %d×%d", f.Nrow(), f.Ncol())
	}
}
