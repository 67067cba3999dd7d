package multiarea

import (
	"bytes"
	"context"
	"encoding/gob"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

func TestRNNReproducesThreeRegion(t *testing.T) {
	d, err := NewThreeRegion(ThreeRegionConfig{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r, c := d.Rates.Dims(); r != 1000 || c != 300 {
		t.Fatalf("benchmark is %d×%d, want 1000×300", r, c)
	}
	var steps []int
	m, err := TrainRNN(context.Background(), d.Rates, RNNConfig{Seed: 2, Passes: 10,
		Progress: func(step, total int, met map[string]float64) {
			if total != 10 || math.IsNaN(met["pVar"]) {
				t.Errorf("progress %d/%d %v", step, total, met)
			}
			steps = append(steps, step)
		}})
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 10 || steps[9] != 10 {
		t.Fatalf("progress steps %v", steps)
	}
	t.Logf("pVar per pass %.4f", m.PVar)
	if last := m.PVar[len(m.PVar)-1]; last < 0.95 {
		t.Fatalf("pVar after 10 passes %.3f < 0.95", last)
	}
	free, err := m.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	pv, _ := m.PVarOf(free)
	t.Logf("free-run pVar %.4f", pv)
	if pv < 0.9 {
		t.Fatalf("free-run pVar %.3f < 0.9", pv)
	}
	// Same seed, same network.
	m2, err := TrainRNN(context.Background(), d.Rates, RNNConfig{Seed: 2, Passes: 1})
	if err != nil {
		t.Fatal(err)
	}
	m3, _ := TrainRNN(context.Background(), d.Rates, RNNConfig{Seed: 2, Passes: 1})
	if !mat.Equal(m2.J, m3.J) {
		t.Fatal("same seed gave different weights")
	}
}

func TestTeacherForcingRecoversConnectivity(t *testing.T) {
	// Data from a noise-driven network of exactly the model's form (τ dh/dt = −h + J r + noise,
	// Euler steps of dt): teacher-forced RLS must recover its weights.
	const n, T, dt, tau = 60, 20000, 0.01, 0.1
	rng := rand.New(rand.NewPCG(1, 2))
	Jtrue := randomWeights(rng, n, 1.2)
	data := mat.NewDense(T, n, nil)
	h := make([]float64, n)
	r := make([]float64, n)
	for i := range h {
		h[i] = rng.NormFloat64()
	}
	for s := range T + 200 {
		for i := range r {
			r[i] = math.Tanh(h[i])
		}
		if s >= 200 {
			data.SetRow(s-200, r)
		}
		for i := range h {
			h[i] += dt/tau*(mat.Dot(Jtrue.RowView(i), mat.NewVecDense(n, r))-h[i]) + 0.05*rng.NormFloat64()
		}
	}
	m, err := TrainRNN(context.Background(), data, RNNConfig{DtData: dt, Tau: tau, G: 0.01, Passes: 1, TeacherPasses: 1, TeacherRidge: 1e-3, Scale: 1, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	c := stat.Correlation(Jtrue.RawMatrix().Data, m.J.RawMatrix().Data, nil)
	t.Logf("corr(J, true J) = %.4f, one-step pVar %.5f", c, m.PVar[0])
	if c < 0.9 {
		t.Fatalf("teacher forcing recovered J with correlation %.3f < 0.9", c)
	}
}

func TestDecomposeSumsToRecurrentInput(t *testing.T) {
	d, err := NewThreeRegion(ThreeRegionConfig{N: 15, Duration: 1, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	J := d.TrueJ()
	c, err := Decompose(J, d.Rates, d.Regions)
	if err != nil {
		t.Fatal(err)
	}
	var total mat.Dense
	total.Mul(d.Rates, J.T())
	T, _ := d.Rates.Dims()
	for i, reg := range d.Regions {
		for tt := range T {
			for a, u := range reg.Units {
				var s float64
				for j := range d.Regions {
					s += c.C[i][j].At(tt, a)
				}
				if math.Abs(s-total.At(tt, u)) > 1e-12 {
					t.Fatalf("region %d unit %d time %d: sum %g, J r %g", i, u, tt, s, total.At(tt, u))
				}
			}
		}
	}
	// On the ground truth, uncoupled pairs carry exactly zero current, coupled pairs do not.
	R := c.RMS()
	for i := range 3 {
		for j := range 3 {
			if i == j {
				continue
			}
			if coupled := d.Coupling[i][j] != 0; coupled != (R.At(i, j) > 0) {
				t.Fatalf("pair %d←%d coupled=%v but RMS current %g", i, j, coupled, R.At(i, j))
			}
		}
	}
}

func TestRNNBadInput(t *testing.T) {
	ctx := context.Background()
	if _, err := TrainRNN(ctx, mat.NewDense(1, 3, nil), RNNConfig{}); err == nil {
		t.Fatal("expected too-short error")
	}
	if _, err := TrainRNN(ctx, mat.NewDense(5, 3, nil), RNNConfig{}); err == nil {
		t.Fatal("expected all-zero error")
	}
	x := mat.NewDense(5, 3, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, math.NaN()})
	if _, err := TrainRNN(ctx, x, RNNConfig{}); err == nil {
		t.Fatal("expected NaN error")
	}
	x.Set(4, 2, 1)
	if _, err := TrainRNN(ctx, x, RNNConfig{DtFactor: -1}); err == nil {
		t.Fatal("expected DtFactor error")
	}
	if _, err := TrainRNN(ctx, x, RNNConfig{DtData: 1, DtFactor: 1}); err == nil {
		t.Fatal("expected unstable Euler step error")
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := TrainRNN(cctx, x, RNNConfig{}); err == nil {
		t.Fatal("expected cancellation error")
	}
	if _, err := Decompose(mat.NewDense(3, 3, nil), x, []Region{{Name: "a", Units: []int{0, 1}}, {Name: "b", Units: []int{1}}}); err == nil {
		t.Fatal("expected overlapping regions error")
	}
	if _, err := Decompose(mat.NewDense(3, 3, nil), x, []Region{{Name: "a", Units: []int{3}}}); err == nil {
		t.Fatal("expected out-of-range error")
	}
	if _, err := NewThreeRegion(ThreeRegionConfig{Density: 2}); err == nil {
		t.Fatal("expected density error")
	}
}

func TestDecompositionFindsCoupledPairs(t *testing.T) {
	// Ring coupling A→B, B→C, C→A. Into every region, the current from its true source must
	// exceed the current from the uncoupled region.
	for seed := range uint64(4) {
		d, err := NewThreeRegion(ThreeRegionConfig{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		m, err := TrainRNN(context.Background(), d.Rates, RNNConfig{Tau: 0.1, G: 0.01, Passes: 10, TeacherPasses: 5, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if pv := m.PVar[9]; pv < 0.95 {
			t.Fatalf("seed %d: pVar after 10 passes %.3f < 0.95", seed, pv)
		}
		c, err := Decompose(m.J, m.Rates, d.Regions)
		if err != nil {
			t.Fatal(err)
		}
		R := c.RMS()
		t.Logf("seed %d pVar %.3f RMS currents [target][source]\n%.3f", seed, m.PVar[9], mat.Formatted(R))
		for target, source := range []int{2, 0, 1} { // A←C, B←A, C←B
			other := 3 - target - source
			if R.At(target, source) <= R.At(target, other) {
				t.Errorf("seed %d: into region %d, coupled source %d gives %.3f ≤ uncoupled %d's %.3f",
					seed, target, source, R.At(target, source), other, R.At(target, other))
			}
		}
	}
}

func TestRNNRunAfterGobRoundTrip(t *testing.T) {
	d, err := NewThreeRegion(ThreeRegionConfig{N: 10, Duration: 1, Seed: 6})
	if err != nil {
		t.Fatal(err)
	}
	m, err := TrainRNN(context.Background(), d.Rates, RNNConfig{Passes: 2, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(m); err != nil {
		t.Fatal(err)
	}
	var back RNN
	if err := gob.NewDecoder(&buf).Decode(&back); err != nil {
		t.Fatal(err)
	}
	a, _ := m.Run(context.Background())
	b, err := back.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !mat.Equal(a, b) {
		t.Fatal("restored model runs differently")
	}
}
