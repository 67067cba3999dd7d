package cropldm

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/internal/benchcpu"
	"github.com/neurodyn/neurodyn/neuro/lds"
	"github.com/neurodyn/neurodyn/neuro/metrics"
	"gonum.org/v1/gonum/mat"
)

func TestEigenvaluesConvergeWithData(t *testing.T) {
	sim, err := NewThreeBlock(SimConfig{Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	var errs []float64
	for _, T := range []int{1000, 4000, 16000, 64000} {
		// Average over 3 independent training sets to smooth out sampling noise.
		var e float64
		for rep := range 3 {
			y, z := sample(t, sim, T, uint64(100*T+rep))
			m, err := Fit(y, z, Config{N1: 3})
			if err != nil {
				t.Fatal(err)
			}
			ev, _ := m.CrossEigenvalues()
			ee, err := metrics.EigenvalueError(sim.CrossEig, ev)
			if err != nil {
				t.Fatal(err)
			}
			e += ee / 3
		}
		errs = append(errs, e)
	}
	t.Logf("eigenvalue error by training length 1k/4k/16k/64k: %.4f", errs)
	for k := 1; k < len(errs); k++ {
		if errs[k] >= errs[k-1] {
			t.Errorf("error did not fall from %d to %d: %v", k-1, k, errs)
		}
	}
	if errs[len(errs)-1] > 0.02 {
		t.Errorf("eigenvalue error %.4f at 64k samples, want ≤ 0.02", errs[len(errs)-1])
	}
}

func TestInferenceModes(t *testing.T) {
	sim, _ := NewThreeBlock(SimConfig{Seed: 1})
	ytr, ztr := sample(t, sim, 20000, 1)
	yte, zte := sample(t, sim, 10000, 2)
	m, err := Fit(ytr, ztr, Config{N1: 3, NonCausal: true})
	if err != nil {
		t.Fatal(err)
	}
	truth, _ := sim.Truth()
	got := map[Mode][2]float64{}
	for _, mode := range []Mode{Causal, Filtered, Smoothed} {
		zh, err := m.PredictMode(yte, mode)
		if err != nil {
			t.Fatal(err)
		}
		zi, err := truth.PredictMode(yte, mode)
		if err != nil {
			t.Fatal(err)
		}
		got[mode] = [2]float64{meanCC(t, zte, zh), meanCC(t, zte, zi)}
	}
	t.Logf("CC learned/ideal: causal %.4f/%.4f filtered %.4f/%.4f smoothed %.4f/%.4f",
		got[Causal][0], got[Causal][1], got[Filtered][0], got[Filtered][1], got[Smoothed][0], got[Smoothed][1])
	if !(got[Causal][0] < got[Filtered][0] && got[Filtered][0] < got[Smoothed][0]) {
		t.Errorf("expected causal < filtered < smoothed, got %v", got)
	}
	for mode, v := range got {
		if v[0] < v[1]-0.01 {
			t.Errorf("%v: learned CC %.4f more than 0.01 below ideal %.4f", mode, v[0], v[1])
		}
	}
}

func TestBaselines(t *testing.T) {
	sim, _ := NewThreeBlock(SimConfig{NCross: 2, NWithinSource: 4, NWithinTarget: 4, WithinGain: 1.5, NoiseFrac: 0.2, Seed: 2})
	ytr, ztr := sample(t, sim, 20000, 3)
	yte, zte := sample(t, sim, 10000, 4)
	crop, _ := Fit(ytr, ztr, Config{N1: 2})
	joint, err := FitJointLDM(ytr, ztr, 2, 10)
	if err != nil {
		t.Fatal(err)
	}
	rrr0, err := FitRRR(ytr, ztr, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	rrr3, err := FitRRR(ytr, ztr, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	// EM on a shorter stretch to keep the test fast.
	short := []*mat.Dense{mat.DenseCopyOf(ytr[0].Slice(0, 3000, 0, 30))}
	shortZ := []*mat.Dense{mat.DenseCopyOf(ztr[0].Slice(0, 3000, 0, 20))}
	em, err := FitEMLDS(context.Background(), short, shortZ, 2, lds.Config{MaxIter: 30})
	if err != nil {
		t.Fatal(err)
	}
	score := map[string]float64{}
	for name, p := range map[string]Predictor{"crop": crop, "joint": joint, "rrr0": rrr0, "rrr3": rrr3, "em": em} {
		zh, err := p.Predict(yte)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		score[name] = meanCC(t, zte, zh)
	}
	t.Logf("2 states: %v", score)
	if score["crop"] < score["joint"]+0.1 || score["crop"] < score["em"]+0.05 {
		t.Errorf("prioritized model should beat non-prioritized joint models at 2 states: %v", score)
	}
	if score["rrr3"] < score["rrr0"]-0.005 {
		t.Errorf("lagged RRR should not be worse than same-bin RRR: %v", score)
	}
}

func TestSelectDims(t *testing.T) {
	sim, _ := NewThreeBlock(SimConfig{Seed: 1})
	y, z := sample(t, sim, 20000, 7)
	steps := 0
	sel, err := SelectDims(context.Background(), y, z, SelectConfig{N1s: []int{1, 2, 3, 4, 6}, Horizons: []int{5, 10}, Folds: 4,
		Progress: func(step, total int, _ map[string]float64) { steps = step }})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("chosen n1 = %d (best %d), horizon %d; means %v", sel.N1, sel.BestN1, sel.Horizon, sel.Mean)
	if sel.N1 != 3 {
		t.Errorf("chose n1 = %d, truth has 3 cross-population states", sel.N1)
	}
	if steps != 8 {
		t.Errorf("progress reached %d of 8 steps", steps)
	}
}

func TestPathwaysRecoverDominantCoupling(t *testing.T) {
	cpl := [][]float64{
		{0, 0.6, 0},
		{0, 0, 0.15},
		{0, 0, 0},
	}
	net, err := NewMultiRegion(MultiRegionConfig{Channels: []int{12, 10, 8}, Coupling: cpl, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	regs, err := net.Sample(12000, 1)
	if err != nil {
		t.Fatal(err)
	}
	regions := [][]*mat.Dense{{regs[0]}, {regs[1]}, {regs[2]}}
	pw, err := Pathways(context.Background(), regions, PathwayConfig{N1: 2, Folds: 3})
	if err != nil {
		t.Fatal(err)
	}
	best := pw[0]
	for _, p := range pw {
		t.Logf("%d→%d: CC %.3f partial R² %.4f", p.From, p.To, p.CC, p.PartialR2)
		if p.PartialR2 > best.PartialR2 {
			best = p
		}
	}
	if best.From != 0 || best.To != 1 {
		t.Errorf("dominant pathway %d→%d, want 0→1", best.From, best.To)
	}
	// The weak true pathway 1→2 scores above every pathway without a (direct or indirect)
	// coupling, and the reverse of the dominant one gets nothing.
	score := map[[2]int]float64{}
	for _, p := range pw {
		score[[2]int{p.From, p.To}] = p.PartialR2
	}
	for _, none := range [][2]int{{1, 0}, {2, 0}, {2, 1}} {
		if score[none] >= score[[2]int{1, 2}] {
			t.Errorf("pathway %v partial R² %.4f ≥ true weak pathway 1→2 %.4f", none, score[none], score[[2]int{1, 2}])
		}
	}
	if score[[2]int{1, 0}] > 0.1*best.PartialR2 {
		t.Errorf("reverse pathway 1→0 partial R² %.4f vs 0→1 %.4f", score[[2]int{1, 0}], best.PartialR2)
	}
}

func TestBadInput(t *testing.T) {
	sim, _ := NewThreeBlock(SimConfig{Seed: 1})
	y, z := sample(t, sim, 500, 1)
	nan := mat.DenseCopyOf(y[0])
	nan.Set(10, 3, math.NaN())
	cases := []struct {
		name string
		y, z []*mat.Dense
		cfg  Config
		want string
	}{
		{"length mismatch", y, []*mat.Dense{mat.DenseCopyOf(z[0].Slice(0, 499, 0, 20))}, Config{N1: 2}, "samples"},
		{"trial count", y, []*mat.Dense{z[0], z[0]}, Config{N1: 2}, "trials"},
		{"n1 > i nz", y, z, Config{N1: 201, Horizon: 10}, "i·nz"},
		{"NaN", []*mat.Dense{nan}, z, Config{N1: 2}, "NaN"},
		{"NX < N1", y, z, Config{N1: 3, NX: 2}, "NX"},
		{"no states", y, z, Config{}, "state"},
	}
	for _, c := range cases {
		_, err := Fit(c.y, c.z, c.cfg)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error mentioning %q", c.name, err, c.want)
		}
	}
	if _, err := FitRRR(y, z, 0, 0); err == nil {
		t.Error("RRR rank 0 accepted")
	}
	if _, err := NewMultiRegion(MultiRegionConfig{Channels: []int{3, 3}, Coupling: [][]float64{{0, 5}, {5, 0}}}); err == nil {
		t.Error("unstable coupling accepted")
	}
}

// target ≤ 0.1 s single goroutine (PyPSID nx=6, n1=3, i=10, 30/20 channels, 20,000 samples:
// 1.86 s CPU; numpy covariance-form stage 1: 0.19 s). Run with GOMAXPROCS=1; cpu-ns/op is the
// process CPU time per fit.
func BenchmarkFit(b *testing.B) {
	sim, _ := NewThreeBlock(SimConfig{Seed: 1})
	y, z := sample(b, sim, 20000, 1)
	defer benchcpu.Start(b).Report()
	for b.Loop() {
		if _, err := Fit(y, z, Config{N1: 3, NX: 6, Horizon: 10}); err != nil {
			b.Fatal(err)
		}
	}
}

// target ≤ 10 ms for 20,000 samples (PyPSID steady-state Kalman predict, Python loop: 0.137 s)
func BenchmarkPredict(b *testing.B) {
	sim, _ := NewThreeBlock(SimConfig{Seed: 1})
	y, z := sample(b, sim, 20000, 1)
	m, err := Fit(y, z, Config{N1: 3, NX: 6})
	if err != nil {
		b.Fatal(err)
	}
	defer benchcpu.Start(b).Report()
	for b.Loop() {
		if _, err := m.Predict(y); err != nil {
			b.Fatal(err)
		}
	}
}
