package lowrank

import (
	"context"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Parallel runs give exactly the serial result.
func TestFixedPointsDeterministicWorkers(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for r := 1; r <= 3; r++ {
		m, _ := RandomModel(40, r, ReLU, rng)
		p, _ := m.PWL(nil)
		a, err := FixedPointsPWL(context.Background(), p, FixedPointConfig{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := FixedPointsPWL(context.Background(), p, FixedPointConfig{Workers: 3})
		if a.Regions != b.Regions || a.LinearSolves != b.LinearSolves || !reflect.DeepEqual(a.Points, b.Points) {
			t.Errorf("R=%d: 1 worker: %d regions %d points; 3 workers: %d regions %d points",
				r, a.Regions, len(a.Points), b.Regions, len(b.Points))
		}
	}
}

// Hinges with several breakpoints per unit (a staircase φ), constant inputs and a linear slope:
// the exact method agrees with brute force over all (K+1)^N pieces.
func TestFixedPointsGeneralPWL(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for rep := range 30 {
		n, r := 3+rng.IntN(4), 1+rng.IntN(3)
		m := randomNet(rng, n, r, ReLU, "generic")
		m.W = randDense(rng, n, 2, 1)
		p, err := m.PWL([]float64{0.3, -0.2})
		if err != nil {
			t.Fatal(err)
		}
		p.Slope = randVec(rng, n, 0.1)
		p.Const = randVec(rng, n, 0.1)
		p.Hinges = nil
		for i := range n {
			for range 3 {
				p.Hinges = append(p.Hinges, Hinge{Unit: i, Break: rng.NormFloat64(), Weight: 1.5 * rng.NormFloat64()})
			}
		}
		ex, err := FixedPointsPWL(context.Background(), p, FixedPointConfig{})
		if err != nil {
			t.Fatal(err)
		}
		bf, err := BruteForceFixedPoints(context.Background(), p, 0)
		if err != nil {
			t.Fatal(err)
		}
		if d := sameSets(ex, bf); d != "" {
			t.Errorf("rep %d (N=%d R=%d): %s", rep, n, r, d)
		}
		for _, fp := range ex.Points {
			if fp.Residual > 1e-9 {
				t.Errorf("rep %d: residual %g", rep, fp.Residual)
			}
		}
	}
}

func TestFixedPointsErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	m, _ := RandomModel(6, 2, ReLU, rng)
	ctx := context.Background()
	m.Phi = Tanh
	if _, err := m.FixedPoints(ctx, nil, FixedPointConfig{}); err == nil || !strings.Contains(err.Error(), "not piecewise linear") {
		t.Errorf("tanh: %v", err)
	}
	m.Phi = ReLU
	if _, err := m.FixedPoints(ctx, []float64{1}, FixedPointConfig{}); err == nil || !strings.Contains(err.Error(), "input v") {
		t.Errorf("input without W: %v", err)
	}
	if _, err := m.FixedPoints(ctx, nil, FixedPointConfig{Tol: -1}); err == nil {
		t.Error("negative Tol accepted")
	}
	p, _ := m.PWL(nil)
	p.Hinges = append(p.Hinges, Hinge{Unit: 9, Weight: 1})
	if _, err := FixedPointsPWL(ctx, p, FixedPointConfig{}); err == nil || !strings.Contains(err.Error(), "Hinges[6].Unit = 9") {
		t.Errorf("bad hinge: %v", err)
	}
	p, _ = m.PWL(nil)
	if _, err := ApproxFixedPoints(ctx, p, ApproxConfig{}); err == nil || !strings.Contains(err.Error(), "Budget") {
		t.Errorf("zero budget: %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := FixedPointsPWL(cctx, p, FixedPointConfig{}); err == nil {
		t.Error("cancelled context ignored")
	}
	if _, err := ScalingSweep(ctx, ScalingConfig{Ns: []int{4}}); err == nil {
		t.Error("sweep without ranks accepted")
	}
	big := &PWL{U: mat.NewDense(30, 1, nil), V: mat.NewDense(1, 30, nil)}
	for i := range 30 {
		big.Hinges = append(big.Hinges, Hinge{Unit: i, Weight: 1})
	}
	if _, err := BruteForceFixedPoints(ctx, big, 0); err == nil {
		t.Error("brute force over 2^30 patterns accepted")
	}
}

// The reach teacher with its cue input held on: every fixed point of the input-driven map is a
// true fixed point (residual) and the region count still meets the bound.
func TestTeacherFixedPointsWithInput(t *testing.T) {
	lat, err := loadTeacher(t, "teacher_reach_rnn").Latent()
	if err != nil {
		t.Fatal(err)
	}
	res, err := lat.FixedPoints(context.Background(), []float64{1, 0}, FixedPointConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Points) == 0 || float64(res.Regions) != res.Bound {
		t.Errorf("%d points, %d regions (bound %v)", len(res.Points), res.Regions, res.Bound)
	}
	p, _ := lat.PWL([]float64{1, 0})
	for _, fp := range res.Points {
		fz := p.Eval(nil, fp.Z)
		if d := max(abs(fz[0]-fp.Z[0]), abs(fz[1]-fp.Z[1])); d > 1e-9 {
			t.Errorf("point %v: residual %g", fp.Z, d)
		}
	}
	t.Logf("cue (1, 0) on: %d fixed points", len(res.Points))
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// The fixed points do not depend on the sweep direction (Seed) nor on the latent coordinates:
// the orthonormalised teacher has the same points mapped by T. Progress ends at total.
func TestTeacherFixedPointsInvariance(t *testing.T) {
	lat, err := loadTeacher(t, "teacher_reach_rnn").Latent()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var lastStep, lastTotal int
	a, err := lat.FixedPoints(ctx, nil, FixedPointConfig{Progress: func(s, tot int, _ map[string]float64) { lastStep, lastTotal = s, tot }})
	if err != nil {
		t.Fatal(err)
	}
	if lastStep != lastTotal || lastTotal != 60 {
		t.Errorf("progress ended at %d of %d, want 60 of 60 lines", lastStep, lastTotal)
	}
	b, _ := lat.FixedPoints(ctx, nil, FixedPointConfig{Seed: 5})
	if d := sameSets(a, b); d != "" || a.Regions != b.Regions {
		t.Errorf("seed 0 vs 5: %s, %d vs %d regions", d, a.Regions, b.Regions)
	}
	o, tm, err := lat.Orthonormal()
	if err != nil {
		t.Fatal(err)
	}
	c, _ := o.FixedPoints(ctx, nil, FixedPointConfig{})
	if len(c.Points) != len(a.Points) || c.Regions != a.Regions {
		t.Fatalf("orthonormal teacher: %d points, %d regions; want %d, %d", len(c.Points), c.Regions, len(a.Points), a.Regions)
	}
	for _, fp := range a.Points {
		zn := mat.NewVecDense(2, nil)
		zn.MulVec(tm, mat.NewVecDense(2, fp.Z))
		found := false
		for _, q := range c.Points {
			if samePoint(q.Z, zn.RawVector().Data) && q.Stability == fp.Stability {
				found = true
			}
		}
		if !found {
			t.Errorf("point %v (%v) has no image in the orthonormal model", fp.Z, fp.Stability)
		}
	}
}
