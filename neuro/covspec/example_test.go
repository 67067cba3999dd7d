package covspec_test

import (
	"context"
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/covspec"
)

func ExampleNewIID() {
	s, _ := covspec.NewIID(0.5)
	lo, hi := s.Support()
	tb, _ := covspec.Tabulate(s, 2000)
	fmt.Printf("support [%.3f, %.3f]\n", lo, hi)
	fmt.Printf("mean %.4f (closed form %.4f)\n", tb.Mean, s.Mean())
	fmt.Printf("PR/N %.4f (closed form %.4f)\n", tb.Dimension(), covspec.IIDDimension(0.5))
	// Output:
	// support [0.323, 7.344]
	// mean 1.3333 (closed form 1.3333)
	// PR/N 0.5625 (closed form 0.5625)
}

func ExampleDMFTChaos() {
	for _, g := range []float64{1.5, 2, 3} {
		d, _ := covspec.DMFTChaos(g, covspec.Tanh())
		fmt.Printf("g=%.1f  Δ0=%.3f  g_eff=%.3f\n", g, d.Delta0, d.GEff)
	}
	// Output:
	// g=1.5  Δ0=0.748  g_eff=0.987
	// g=2.0  Δ0=1.925  g_eff=0.974
	// g=3.0  Δ0=5.446  g_eff=0.958
}

func ExampleSimulate() {
	// A small linear network; fit the gain from the window-covariance spectrum.
	res, err := covspec.Simulate(context.Background(), covspec.SimConfig{
		N: 200, G: 0.5, Sigma: 1, Dt: 0.5, Runs: 4, Windows: 100, WindowLen: 20, Seed: 1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	sf, err := res.FitSpectrum(false, covspec.FitConfig{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("α = %.2f, ĝ within 0.05 of 0.5: %v\n", res.Alpha, sf.Fit.G > 0.45 && sf.Fit.G < 0.55)
	// Output:
	// α = 0.50, ĝ within 0.05 of 0.5: true
}

func ExampleFit() {
	// Eigenvalues placed at the quantiles of the time-sampled theory (g = 0.7, α = 0.5),
	// scaled by an arbitrary σ² = 3: the fit recovers g and σ².
	s, _ := covspec.NewTimeSampled(0.7, 0.5)
	tb, _ := covspec.Tabulate(s, 4000)
	eigs := make([]float64, 500)
	for i := range eigs {
		eigs[i] = 3 * tb.Quantile((float64(i)+0.5)/500)
	}
	f, _ := covspec.Fit(eigs, covspec.FitConfig{Alpha: 0.5})
	fmt.Printf("ĝ = %.3f, σ̂² = %.2f\n", f.G, f.Sigma2)
	// Output:
	// ĝ = 0.700, σ̂² = 3.00
}
