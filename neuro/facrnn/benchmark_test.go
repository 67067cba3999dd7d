package facrnn

import (
	"context"
	"testing"
)

// TestSyntheticBenchmark is the paper's synthetic comparison at reduced scale: 5 seeds, 1500
// epochs instead of 10 seeds and 5000 (the full run is FitMethods with Config{K: 6, Beta: 20,
// Epochs: 5000} over seeds 0–9). With the paper's constant β = 20 many of FacRNN's runs end in a
// poor local optimum: independent groups, but one latent direction lost and a test
// log-likelihood of ≈ 2–3.5 instead of ≈ 4.6 (in our runs 3 of 8 single runs reached group
// R² ≈ 0.96, the others 0.5–0.75). FacRNN therefore keeps the best of 4 restarts by training
// loss; the baselines are trained once (lrRNN reaches the same likelihood on every seed).
// FacRNN must reach a mean group latent R² ≥ 0.85, above every baseline, with a partial
// correlation below the lrRNN's.
func TestSyntheticBenchmark(t *testing.T) {
	if testing.Short() {
		t.Skip("about 3 CPU-minutes per core; runs without -short")
	}
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
	base.Restarts = 4
	fac, err := FitMethods(ctx, train, []Method{FacRNN}, seeds, base, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	truth := Truth{Z: zTest, Groups: s.Groups, W: s.WTrue(), SubW: s.SubWTrue()}
	r2, pc, sub := map[Method][]float64{}, map[Method][]float64{}, map[Method][]float64{}
	for _, r := range append(runs, fac...) {
		groups := ContiguousGroups(6, 3)
		mu, err := r.Model.Encode(test.U)
		if err != nil {
			t.Fatal(err)
		}
		p, err := PartialCorrelation(mu, r.Model.SQ, groups, 3, 7)
		if err != nil {
			t.Fatal(err)
		}
		al, err := GroupR2(truth.Z, mu, truth.Groups, groups)
		if err != nil {
			t.Fatal(err)
		}
		sc, _, err := CompareSubConn(r.Model, groups, truth.SubW)
		if err != nil {
			t.Fatal(err)
		}
		r2[r.Method] = append(r2[r.Method], al.R2)
		pc[r.Method] = append(pc[r.Method], p)
		sub[r.Method] = append(sub[r.Method], sc.Corr)
		t.Logf("%-9s seed %d: group R² %.3f  PC %.3f  sub-W corr %.3f", r.Method, r.Seed, al.R2, p, sc.Corr)
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
