package metrics

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestHungarianBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 1 + rng.IntN(5)
		m := 1 + rng.IntN(5)
		cost := make([][]float64, n)
		for r := range cost {
			cost[r] = make([]float64, m)
			for c := range cost[r] {
				cost[r][c] = math.Round(rng.Float64()*20) - 5
			}
		}
		assign, total, err := Hungarian(cost)
		if err != nil {
			t.Fatal(err)
		}
		used := map[int]bool{}
		var sum float64
		nAssigned := 0
		for r, c := range assign {
			if c < 0 {
				continue
			}
			if used[c] {
				t.Fatalf("trial %d: column %d used twice", trial, c)
			}
			used[c] = true
			sum += cost[r][c]
			nAssigned++
		}
		if nAssigned != min(n, m) || math.Abs(sum-total) > 1e-12 {
			t.Fatalf("trial %d: %d assigned, sum %v total %v", trial, nAssigned, sum, total)
		}
		if best := brute(cost); math.Abs(best-total) > 1e-9 {
			t.Fatalf("trial %d: Hungarian %v, brute force %v (%v)", trial, total, best, cost)
		}
	}
}

// brute returns the optimal assignment cost by enumeration.
func brute(cost [][]float64) float64 {
	n, m := len(cost), len(cost[0])
	best := math.Inf(1)
	used := make([]bool, m)
	var rec func(r int, acc float64, skips int)
	rec = func(r int, acc float64, skips int) {
		if r == n {
			best = math.Min(best, acc)
			return
		}
		if skips > 0 { // leave row r out (only when n > m)
			rec(r+1, acc, skips-1)
		}
		for c := range m {
			if !used[c] {
				used[c] = true
				rec(r+1, acc+cost[r][c], skips)
				used[c] = false
			}
		}
	}
	rec(0, 0, max(0, n-m))
	return best
}

func TestHungarianErrors(t *testing.T) {
	if _, _, err := Hungarian([][]float64{{1, 2}, {3}}); err == nil {
		t.Fatal("ragged cost accepted")
	}
	if _, _, err := Hungarian([][]float64{{1, math.NaN()}}); err == nil {
		t.Fatal("NaN cost accepted")
	}
}

func TestEigenvalueError(t *testing.T) {
	truth := []complex128{0.9, complex(0.5, 0.5), complex(0.5, -0.5)}
	perm := []complex128{complex(0.5, -0.5), 0.9, complex(0.5, 0.5)}
	if e, err := EigenvalueError(truth, perm); err != nil || e > 1e-15 {
		t.Fatalf("permuted identical eigenvalues: error %v, %v", e, err)
	}
	noisy := []complex128{complex(0.5, -0.4), 0.8, complex(0.5, 0.4)}
	e, err := EigenvalueError(truth, noisy)
	want := math.Sqrt((0.01 + 0.01 + 0.01) / (0.81 + 0.5 + 0.5))
	if err != nil || math.Abs(e-want) > 1e-12 {
		t.Fatalf("got %v want %v (%v)", e, want, err)
	}
	// One learned eigenvalue missing: it is matched with a zero.
	e, _ = EigenvalueError(truth, []complex128{0.9})
	want = math.Sqrt(1.0 / 1.81)
	if math.Abs(e-want) > 1e-12 {
		t.Fatalf("padded: got %v want %v", e, want)
	}
	if _, err := EigenvalueError(nil, noisy); err == nil {
		t.Fatal("empty truth accepted")
	}
	if _, err := EigenvalueError(truth, []complex128{cmplx.NaN()}); err == nil {
		t.Fatal("NaN accepted")
	}
}

func TestCCR2(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 5000
	y := mat.NewDense(n, 2, nil)
	p := mat.NewDense(n, 2, nil)
	for i := range n {
		s := rng.NormFloat64()
		y.Set(i, 0, s+0.5*rng.NormFloat64())
		p.Set(i, 0, s)
		y.Set(i, 1, float64(i%7))
		p.Set(i, 1, 2*float64(i%7)+1) // perfectly correlated, wrong scale
	}
	// Split into two trials to exercise pooling.
	ys := []*mat.Dense{mat.DenseCopyOf(y.Slice(0, 1000, 0, 2)), mat.DenseCopyOf(y.Slice(1000, n, 0, 2))}
	ps := []*mat.Dense{mat.DenseCopyOf(p.Slice(0, 1000, 0, 2)), mat.DenseCopyOf(p.Slice(1000, n, 0, 2))}
	cc, err := CC(ys, ps)
	if err != nil {
		t.Fatal(err)
	}
	if want := 1 / math.Sqrt(1.25); math.Abs(cc[0]-want) > 0.02 || math.Abs(cc[1]-1) > 1e-12 {
		t.Fatalf("CC = %v, want ≈ [%v 1]", cc, want)
	}
	r2, err := R2(ys, ps)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r2[0]-0.8) > 0.02 || r2[1] > 0 {
		t.Fatalf("R2 = %v, want ≈ [0.8, negative]", r2)
	}
	pooled, err := PooledR2(ys, ps)
	if err != nil {
		t.Fatal(err)
	}
	if pooled >= r2[0] || pooled <= r2[1] {
		t.Fatalf("pooled R2 %v not between channel values %v", pooled, r2)
	}
	bad := []*mat.Dense{mat.NewDense(1000, 3, nil), mat.DenseCopyOf(ps[1])}
	if _, err := CC(ys, bad); err == nil {
		t.Fatal("shape mismatch accepted")
	}
	nan := mat.DenseCopyOf(ps[0])
	nan.Set(3, 1, math.NaN())
	if _, err := R2(ys, []*mat.Dense{nan, ps[1]}); err == nil {
		t.Fatal("NaN accepted")
	}
	if _, err := CC(ys, []*mat.Dense{mat.NewDense(1000, 2, nil), mat.NewDense(4000, 2, nil)}); err == nil {
		t.Fatal("constant prediction gave a CC")
	}
}

// target ≤ 1 ms for 10×10 (scipy linear_sum_assignment: ~20 µs); used once per model.
func BenchmarkHungarian10(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	cost := make([][]float64, 10)
	for r := range cost {
		cost[r] = make([]float64, 10)
		for c := range cost[r] {
			cost[r][c] = rng.Float64()
		}
	}
	for b.Loop() {
		if _, _, err := Hungarian(cost); err != nil {
			b.Fatal(err)
		}
	}
}

// target ≤ 2 ms for 20,000×20 (NumPy evalPrediction: ~3 ms)
func BenchmarkCC(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	y := mat.NewDense(20000, 20, nil)
	p := mat.NewDense(20000, 20, nil)
	for i := range 20000 {
		for c := range 20 {
			y.Set(i, c, rng.NormFloat64())
			p.Set(i, c, rng.NormFloat64())
		}
	}
	for b.Loop() {
		if _, err := CC([]*mat.Dense{y}, []*mat.Dense{p}); err != nil {
			b.Fatal(err)
		}
	}
}
