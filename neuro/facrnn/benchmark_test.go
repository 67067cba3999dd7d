package facrnn

import (
	"context"
	"testing"
)

// TestSyntheticBenchmark is the paper's synthetic comparison at reduced scale: 5 seeds, 1500
// epochs instead of 10 seeds and 5000 (the full run is FitMethods with Config{K: 6, Beta: 20,
// Epochs: 5000} over seeds 0–9). With the paper's constant β = 20 about half of FacRNN's runs end
// in a poor local optimum (independent groups, one latent direction lost, test log-likelihood
// ≈ 2–3 instead of ≈ 4.5), so FacRNN keeps the best of 3 restarts by training loss; the
// baselines are trained once (lrRNN reaches the same likelihood on every seed).
// FacRNN must reach a mean group latent R² ≥ 0.85, above every baseline, with a partial
// correlation below the lrRNN's.
func TestSyntheticBenchmark(t *testing.T) {
	s := testSynthetic(t)
	train, test, zTest, err := s.Split()
	if err != nil {
		t.Fatal(err)
	}
	seeds := []uint64{0, 1, 2, 3, 4}
	base := Config{K: 6, Beta: 20, Epochs: 1500}
	ctx := context.Background()
	runs, err := FitMethods(ctx, train, []Method{LrRNN, LrRNNICA, LINT, BdRNN, FullTC}, seeds, base, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	base.Restarts = 3
	fac, err := FitMethods(ctx, train, []Method{FacRNN}, seeds, base, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	truth := Truth{Z: zTest, Groups: s.Groups, W: s.WTrue(), SubW: s.SubWTrue()}
	r2, pc, sub := map[Method][]float64{}, map[Method][]float64{}, map[Method][]float64{}
	for _, r := range append(runs, fac...) {
		sc, err := Evaluate(r.Model, test, truth, ContiguousGroups(6, 3), 10, 7)
		if err != nil {
			t.Fatal(err)
		}
		r2[r.Method] = append(r2[r.Method], sc.GroupR2)
		pc[r.Method] = append(pc[r.Method], sc.PC)
		sub[r.Method] = append(sub[r.Method], sc.SubConn.Corr)
		t.Logf("%-9s seed %d: group R² %.3f  PC %.3f  TC %.3f  sub-W corr %.3f  log-lik %.2f", r.Method, r.Seed, sc.GroupR2, sc.PC, sc.TC, sc.SubConn.Corr, sc.LogLik)
	}
	mean := func(x []float64) float64 { m, _ := meanSE(x); return m }
	for _, m := range Methods {
		_, p, _ := PairedT(r2[FacRNN], r2[m])
		t.Logf("%-9s mean group R² %.3f  PC %.3f  sub-W corr %.3f  (FacRNN vs it on R²: p = %.2g)", m, mean(r2[m]), mean(pc[m]), mean(sub[m]), p)
	}
	if f := mean(r2[FacRNN]); f < 0.85 {
		t.Errorf("FacRNN mean group R² %.3f < 0.85", f)
	}
	for _, m := range Methods[:5] {
		if mean(r2[m]) >= mean(r2[FacRNN]) {
			t.Errorf("%s mean group R² %.3f ≥ FacRNN's %.3f", m, mean(r2[m]), mean(r2[FacRNN]))
		}
	}
	if mean(pc[FacRNN]) >= mean(pc[LrRNN]) {
		t.Errorf("FacRNN PC %.3f ≥ lrRNN PC %.3f", mean(pc[FacRNN]), mean(pc[LrRNN]))
	}
}
