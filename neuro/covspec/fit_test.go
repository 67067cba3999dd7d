package covspec

import (
	"context"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// exactWindows draws M windows x = (I − J)⁻¹ξ of the long-window linear theory.
func exactWindows(t *testing.T, n, m int, g float64, seed uint64) (*mat.Dense, *mat.Dense) {
	t.Helper()
	rng := stream(seed, 0)
	j, err := RandomConnectivity(n, g, 0, rng)
	if err != nil {
		t.Fatal(err)
	}
	a := mat.NewDense(n, n, nil)
	a.Scale(-1, j)
	for i := range n {
		a.Set(i, i, a.At(i, i)+1)
	}
	z := mat.NewDense(n, m, nil)
	for i := range n {
		for k := range m {
			z.Set(i, k, rng.NormFloat64())
		}
	}
	var x mat.Dense
	if err := x.Solve(a, z); err != nil {
		t.Fatal(err)
	}
	return mat.DenseCopyOf(x.T()), j
}

func TestFitRecovery(t *testing.T) {
	x, j := exactWindows(t, 400, 1000, 0.6, 1)
	// Known α.
	sf, err := FitWindows(x, FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(sf.Fit.G-0.6) > 0.02 {
		t.Errorf("α fixed: ĝ = %.4f", sf.Fit.G)
	}
	// Fitting α as well.
	sf2, err := FitWindows(x, FitConfig{FitAlpha: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fixed α: ĝ=%.4f; fitted: ĝ=%.4f α̂=%.3f (true %.3f)", sf.Fit.G, sf2.Fit.G, sf2.Fit.Alpha, 400.0/999)
	if math.Abs(sf2.Fit.G-0.6) > 0.03 || math.Abs(sf2.Fit.Alpha-0.4) > 0.08 {
		t.Errorf("fitted α: ĝ = %.4f α̂ = %.3f", sf2.Fit.G, sf2.Fit.Alpha)
	}
	// Ignoring the finite sample biases ĝ upwards (sampling spreads the spectrum).
	naive, err := Fit(sf.Eigenvalues, FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if naive.G <= sf.Fit.G+0.02 {
		t.Errorf("ignoring α: ĝ = %.4f, expected clearly above %.4f", naive.G, sf.Fit.G)
	}
	// Spatial subsampling: the exact covariance restricted to 30% of the neurons.
	q, err := QuenchedSpectrum(j, 1)
	if err != nil || len(q) != 400 {
		t.Fatal(err)
	}
	var inv mat.Dense
	a := mat.NewDense(400, 400, nil)
	a.Scale(-1, j)
	for i := range 400 {
		a.Set(i, i, a.At(i, i)+1)
	}
	if err := inv.Inverse(a); err != nil {
		t.Fatal(err)
	}
	var c mat.Dense
	c.Mul(&inv, inv.T())
	sub := mat.NewSymDense(120, nil)
	for i := range 120 {
		for k := i; k < 120; k++ {
			sub.SetSym(i, k, c.At(i, k))
		}
	}
	var es mat.EigenSym
	es.Factorize(sub, false)
	fs, err := Fit(es.Values(nil), FitConfig{F: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(fs.G-0.6) > 0.05 {
		t.Errorf("space-sampled: ĝ = %.4f", fs.G)
	}
}

func TestBootstrapCoversTruth(t *testing.T) {
	x, _ := exactWindows(t, 100, 300, 0.5, 5)
	sf, err := FitWindows(x, FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	bs, err := Bootstrap(context.Background(), sf.Fit.G, BootstrapConfig{N: 100, M: 300, Reps: 40, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("ĝ=%.4f interval [%.4f, %.4f] SE %.4f bias %.4f", sf.Fit.G, bs.Lo, bs.Hi, bs.SE, bs.Bias)
	if !(bs.Lo < bs.Hi) || bs.SE <= 0 || bs.SE > 0.05 {
		t.Errorf("degenerate bootstrap: %+v", bs)
	}
	if 0.5 < bs.Lo-0.01 || 0.5 > bs.Hi+0.01 {
		t.Errorf("interval [%.4f, %.4f] far from the truth 0.5", bs.Lo, bs.Hi)
	}
}

func TestFitBadInput(t *testing.T) {
	if _, err := Fit(nil, FitConfig{}); err == nil {
		t.Error("empty eigs accepted")
	}
	if _, err := Fit([]float64{1, 2, math.NaN(), 3, 4, 5}, FitConfig{}); err == nil {
		t.Error("NaN accepted")
	}
	if _, err := Fit([]float64{1, 2, 3, 4, 5, 6}, FitConfig{Alpha: 0.5, F: 0.5}); err == nil {
		t.Error("time and space sampling combined")
	}
	if _, err := Fit([]float64{1, 2, 3, 4, 5, 6}, FitConfig{GMax: 1.5}); err == nil {
		t.Error("GMax >= 1 accepted")
	}
}

// Eigenvalues at the quantiles of a reciprocal-motif spectrum: (g, κ) are recovered. The
// mean-normalised shape constrains (g, κ) only weakly along a valley (for κ = 0.4 the i.i.d. shape
// at g ≈ 0.6 is almost as close), so κ is checked to 0.05; with κ known, g is exact.
func TestFitKappa(t *testing.T) {
	for _, c := range [][2]float64{{0.5, 0.4}, {0.6, -0.5}} {
		m, err := NewMotif(c[0], c[1])
		if err != nil {
			t.Fatal(err)
		}
		tb, err := Tabulate(m, 4000)
		if err != nil {
			t.Fatal(err)
		}
		eigs := make([]float64, 400)
		for i := range eigs {
			eigs[i] = tb.Quantile((float64(i) + 0.5) / 400)
		}
		f, err := Fit(eigs, FitConfig{FitKappa: true})
		if err != nil {
			t.Fatal(err)
		}
		fixed, err := Fit(eigs, FitConfig{Kappa: c[1]})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%v: fitted (g, κ) = (%.4f, %.4f) CvM %.4f; κ fixed: ĝ = %.4f", c, f.G, f.Kappa, f.CvM, fixed.G)
		if math.Abs(f.G-c[0]) > 0.02 || math.Abs(f.Kappa-c[1]) > 0.05 || math.Abs(fixed.G-c[0]) > 0.005 {
			t.Errorf("%v: fitted (%.4f, %.4f), κ fixed ĝ = %.4f", c, f.G, f.Kappa, fixed.G)
		}
	}
	if _, err := Fit([]float64{1, 2, 3, 4, 5, 6}, FitConfig{Kappa: 0.3, Alpha: 0.5}); err == nil {
		t.Error("motifs combined with time sampling")
	}
}
