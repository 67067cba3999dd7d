package lowrank

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// randomNet draws a latent model with several fixed points; kind selects a degenerate
// arrangement.
func randomNet(rng *rand.Rand, n, r int, phi Activation, kind string) *Model {
	// V has a positive-feedback part along Uᵀ, so that several fixed points are common.
	u := randDense(rng, n, r, 1)
	v := randDense(rng, r, n, 1.5/math.Sqrt(float64(n)))
	var fb mat.Dense
	fb.Scale(6/float64(n), u.T())
	v.Add(v, &fb)
	m := &Model{U: u, V: v, Decay: 0.3 + 0.6*rng.Float64(), H: randVec(rng, n, 0.5), Bias: randVec(rng, r, 0.2), Phi: phi}
	if phi == ClippedReLU {
		for i := range m.H {
			m.H[i] = 0.2 + math.Abs(m.H[i])
		}
	}
	switch kind {
	case "saturating": // ReLU pairs with opposite feedback form clipped ramps: many fixed points
		for i := 1; i < n; i += 2 {
			m.U.SetRow(i, m.U.RawRowView(i-1))
			m.H[i] = m.H[i-1] + 1
			for k := range r {
				m.V.Set(k, i, -m.V.At(k, i-1))
			}
		}
	case "central": // every hyperplane through the origin
		for i := range m.H {
			m.H[i] = 0
		}
		if rng.IntN(2) == 0 {
			m.Bias = nil
		}
	case "coincident": // units sharing the same hyperplane
		for i := 1; i < n; i += 3 {
			m.U.SetRow(i, m.U.RawRowView(i-1))
			m.H[i] = m.H[i-1]
		}
	case "parallel": // scaled normals with other thresholds
		for i := 1; i < n; i += 2 {
			row := m.U.RawRowView(i - 1)
			for k := range r {
				m.U.Set(i, k, -2*row[k])
			}
		}
	case "zero": // units with zero loading: constant state
		for i := 0; i < n; i += 3 {
			for k := range r {
				m.U.Set(i, k, 0)
			}
		}
	case "lowrank": // normals spanning fewer than R dimensions
		for i := range n {
			m.U.Set(i, r-1, 0.5*m.U.At(i, 0)-m.U.At(i, r-2))
		}
	case "concurrent": // more than R hyperplanes through one point z0
		z0 := randVec(rng, r, 0.5)
		for i := 0; i < n; i += 2 {
			m.H[i] = dot(m.U.RawRowView(i), z0)
		}
	case "integer": // small integers: many parallel, coincident and concurrent planes
		for i := range n {
			for k := range r {
				m.U.Set(i, k, float64(rng.IntN(3)-1))
			}
			m.H[i] = float64(rng.IntN(3) - 1)
			if phi == ClippedReLU {
				m.H[i] = float64(rng.IntN(2))
			}
		}
	}
	return m
}

// sameSets reports a difference between two fixed-point results, or "".
func sameSets(a, b *FixedPointResult) string {
	if len(a.Points) != len(b.Points) || len(a.Continua) != len(b.Continua) {
		return fmt.Sprintf("%d points and %d continua vs %d and %d", len(a.Points), len(a.Continua), len(b.Points), len(b.Continua))
	}
	for _, p := range a.Points {
		found := false
		for _, q := range b.Points {
			if samePoint(p.Z, q.Z) {
				found = true
				if p.Stability != q.Stability {
					return fmt.Sprintf("point %v: %v vs %v", p.Z, p.Stability, q.Stability)
				}
			}
		}
		if !found {
			return fmt.Sprintf("point %v missing", p.Z)
		}
	}
	for i := range a.Continua {
		if patternKey(a.Continua[i].Active) != patternKey(b.Continua[i].Active) {
			return "continua differ"
		}
	}
	return ""
}

// Acceptance: the exact method finds the same fixed points as solving all 2^N (3^N) patterns,
// on general-position and deliberately degenerate networks.
func TestFixedPointsMatchBruteForce(t *testing.T) {
	ctx := context.Background()
	kinds := []string{"generic", "saturating", "central", "coincident", "parallel", "zero", "lowrank", "concurrent", "integer"}
	rng := rand.New(rand.NewPCG(11, 12))
	cases, withPoints := 0, 0
	for _, phi := range []Activation{ReLU, ClippedReLU} {
		for _, kind := range kinds {
			for r := 1; r <= 3; r++ {
				if kind == "lowrank" && r == 1 {
					continue
				}
				for rep := range 10 {
					n := 3 + rng.IntN(10)
					if phi == ClippedReLU {
						n = 2 + rng.IntN(7)
					}
					if rep == 0 && phi == ReLU {
						n = 16
					}
					m := randomNet(rng, n, r, phi, kind)
					p, err := m.PWL(nil)
					if err != nil {
						t.Fatal(err)
					}
					ex, err := FixedPointsPWL(ctx, p, FixedPointConfig{Workers: 1 + rep%2})
					if err != nil {
						t.Fatal(err)
					}
					bf, err := BruteForceFixedPoints(ctx, p, 0)
					if err != nil {
						t.Fatal(err)
					}
					cases++
					if len(bf.Points) > 1 {
						withPoints++
					}
					if d := sameSets(ex, bf); d != "" {
						t.Errorf("%v %s N=%d R=%d rep %d: exact vs brute force: %s", phi, kind, n, r, rep, d)
					}
					for _, fp := range ex.Points {
						if fp.Residual > 1e-9 {
							t.Errorf("%v %s: residual %g", phi, kind, fp.Residual)
						}
					}
					if kind == "generic" && phi == ReLU && float64(ex.Regions) > ex.Bound {
						t.Errorf("generic ReLU: %d regions exceed the bound %v", ex.Regions, ex.Bound)
					}
				}
			}
		}
	}
	t.Logf("%d networks, %d with more than one fixed point", cases, withPoints)
	if withPoints < cases/5 {
		t.Errorf("only %d of %d networks have several fixed points: the test is too easy", withPoints, cases)
	}
}

// In general position the number of candidate regions is exactly Σ_{i≤R} C(N, i) and equals the
// number of distinct non-empty activation patterns found by sampling.
func TestRegionCountGeneralPosition(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for r := 1; r <= 3; r++ {
		m := randomNet(rng, 9, r, ReLU, "generic")
		p, _ := m.PWL(nil)
		res, err := FixedPointsPWL(context.Background(), p, FixedPointConfig{})
		if err != nil {
			t.Fatal(err)
		}
		if float64(res.Regions) != res.Bound {
			t.Errorf("R=%d: %d regions, want %v", r, res.Regions, res.Bound)
		}
	}
}

// A unit-loading pair feeding z1 back exactly (Σ v = 1 − a, Σ v h = 0) makes the half-line
// z1 ≥ −1 of the all-on region a line of fixed points; it is reported as a continuum by both
// methods and not as spurious points.
func TestContinuum(t *testing.T) {
	a := 0.9
	m := &Model{
		U:     mat.NewDense(3, 2, []float64{1, 0, 1, 0, 0, 1}),
		V:     mat.NewDense(2, 3, []float64{0.2, -0.1, 0, 0, 0, 0.05}),
		Decay: a, H: []float64{-1, -2, 0.3}, Phi: ReLU,
	}
	p, _ := m.PWL(nil)
	for _, f := range []func() (*FixedPointResult, error){
		func() (*FixedPointResult, error) { return FixedPointsPWL(context.Background(), p, FixedPointConfig{}) },
		func() (*FixedPointResult, error) { return BruteForceFixedPoints(context.Background(), p, 0) },
	} {
		res, err := f()
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Continua) != 1 || len(res.Points) != 0 {
			t.Fatalf("%d continua and %d points %v, want one continuum only", len(res.Continua), len(res.Points), res.Points)
		}
		c := res.Continua[0]
		if k, _ := c.Directions.Dims(); k != 1 || math.Abs(math.Abs(c.Directions.At(0, 0))-1) > 1e-9 {
			t.Errorf("directions %v, want ±e1", mat.Formatted(c.Directions))
		}
		fz := p.Eval(nil, c.Point)
		if math.Abs(fz[0]-c.Point[0]) > 1e-9 || math.Abs(fz[1]-c.Point[1]) > 1e-9 || c.Point[0] < -1-1e-9 {
			t.Errorf("continuum point %v is not a fixed point in z1 ≥ −1", c.Point)
		}
	}
}
