package lowrank

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/neurodyn/neurodyn/neuro/internal/parallel"
	"gonum.org/v1/gonum/mat"
)

// RandomModel draws a latent ReLU or clipped-ReLU model for benchmarks and scaling studies:
// U ~ N(0, 1), V = 1.5 G/√N + 6 Uᵀ/N with G ~ N(0, 1) (a random part plus positive feedback
// along U, which gives several fixed points), decay a ~ U(0.3, 0.9), thresholds h ~ N(0, 0.25)
// (|h| + 0.2 for clipped ReLU) and a small latent bias.
func RandomModel(n, r int, phi Activation, rng *rand.Rand) (*Model, error) {
	if n < 1 || r < 1 {
		return nil, fmt.Errorf("lowrank: N = %d and R = %d must be positive", n, r)
	}
	if phi != ReLU && phi != ClippedReLU {
		return nil, fmt.Errorf("lowrank: RandomModel draws ReLU or clipped ReLU models, not %v", phi)
	}
	norm := func(rows, cols int, scale float64) *mat.Dense {
		d := mat.NewDense(rows, cols, nil)
		for i := range rows {
			for j := range cols {
				d.Set(i, j, scale*rng.NormFloat64())
			}
		}
		return d
	}
	u := norm(n, r, 1)
	v := norm(r, n, 1.5/math.Sqrt(float64(n)))
	var fb mat.Dense
	fb.Scale(6/float64(n), u.T())
	v.Add(v, &fb)
	m := &Model{U: u, V: v, Decay: 0.3 + 0.6*rng.Float64(), H: make([]float64, n), Bias: make([]float64, r), Phi: phi}
	for i := range m.H {
		m.H[i] = 0.5 * rng.NormFloat64()
		if phi == ClippedReLU {
			m.H[i] = 0.2 + math.Abs(m.H[i])
		}
	}
	for k := range m.Bias {
		m.Bias[k] = 0.2 * rng.NormFloat64()
	}
	return m, nil
}

// ScalingConfig configures ScalingSweep.
type ScalingConfig struct {
	// Ns and Ranks span the grid of network sizes and ranks.
	Ns, Ranks []int
	// Repeats is the number of random networks per grid point (0: 1).
	Repeats int
	// Phi is ReLU (default) or ClippedReLU.
	Phi Activation
	// Workers is passed to FixedPointsPWL (0: GOMAXPROCS).
	Workers int
	// MaxBound skips grid points whose region bound Σ_{i≤R} C(P, i) exceeds it (0: 5e7).
	MaxBound float64
	// BruteForceUpTo also times BruteForceFixedPoints (all 2^N or 3^N patterns, at most 2^24) for
	// N ≤ BruteForceUpTo (0: never) and checks that it finds as many fixed points.
	BruteForceUpTo int
	// Seed makes the networks reproducible.
	Seed     uint64
	Progress func(step, total int, metrics map[string]float64)
}

// ScalingPoint is one timed exact fixed-point search.
type ScalingPoint struct {
	N, R, Repeat int
	Seconds      float64
	Regions      int
	LinearSolves int
	FixedPoints  int
	// Bound is Zaslavsky's Σ_{i≤R} C(P, i) for P hyperplanes; Patterns is the number of
	// activation patterns of brute force (2^N for ReLU, 3^N for clipped ReLU).
	Bound, Patterns float64
	// BruteSeconds is the brute-force time (0 when not run).
	BruteSeconds float64
}

// ScalingSweep times the exact method on random networks over a grid of N and R (the data of
// a "time vs N for R = 1, 2, 3 against 2^N" figure). Grid points run one after another so that
// the timings do not compete; each search itself uses Workers goroutines.
func ScalingSweep(ctx context.Context, cfg ScalingConfig) ([]ScalingPoint, error) {
	if len(cfg.Ns) == 0 || len(cfg.Ranks) == 0 {
		return nil, fmt.Errorf("lowrank: ScalingSweep needs Ns and Ranks")
	}
	reps := max(cfg.Repeats, 1)
	maxBound := cfg.MaxBound
	if maxBound == 0 {
		maxBound = 5e7
	}
	total := len(cfg.Ns) * len(cfg.Ranks) * reps
	var out []ScalingPoint
	step := 0
	for _, r := range cfg.Ranks {
		for _, n := range cfg.Ns {
			for rep := range reps {
				step++
				p := 1
				if cfg.Phi == ClippedReLU {
					p = 2
				}
				bound := 0.0
				for i := 0; i <= r; i++ {
					bound += binom(p*n, i)
				}
				if bound > maxBound {
					continue
				}
				rng := rand.New(rand.NewPCG(cfg.Seed, uint64(n)<<32|uint64(r)<<16|uint64(rep)))
				m, err := RandomModel(n, r, cfg.Phi, rng)
				if err != nil {
					return nil, err
				}
				pw, err := m.PWL(nil)
				if err != nil {
					return nil, err
				}
				start := time.Now()
				res, err := FixedPointsPWL(ctx, pw, FixedPointConfig{Workers: cfg.Workers})
				if err != nil {
					return nil, err
				}
				sec := time.Since(start).Seconds()
				pt := ScalingPoint{N: n, R: r, Repeat: rep, Seconds: sec, Regions: res.Regions,
					LinearSolves: res.LinearSolves, FixedPoints: len(res.Points), Bound: res.Bound,
					Patterns: math.Pow(float64(p+1), float64(n))}
				if n <= cfg.BruteForceUpTo && pt.Patterns <= 1<<24 {
					start = time.Now()
					bf, err := BruteForceFixedPoints(ctx, pw, 0)
					if err != nil {
						return nil, err
					}
					pt.BruteSeconds = time.Since(start).Seconds()
					if len(bf.Points) != len(res.Points) || len(bf.Continua) != len(res.Continua) {
						return nil, fmt.Errorf("lowrank: N = %d, R = %d: brute force found %d fixed points, the exact method %d",
							n, r, len(bf.Points), len(res.Points))
					}
				}
				out = append(out, pt)
				if cfg.Progress != nil {
					cfg.Progress(step, total, map[string]float64{"N": float64(n), "R": float64(r), "seconds": sec})
				}
			}
		}
	}
	return out, nil
}

// ApproxCurve holds the number of distinct fixed points found by the approximate method
// against the inverse budget, over repeated runs.
type ApproxCurve struct {
	Budgets []int
	// Found[i][b] is the number found by repeat i within Budgets[b] inverses.
	Found [][]int
	// Min, Mean and Max summarise Found over repeats per budget.
	Min, Max []int
	Mean     []float64
}

// ApproxSweep runs ApproxFixedPoints repeats times (seeds derived from seed) with the largest
// budget and reads off the number of points found within each budget: a run with a smaller
// budget is a prefix of the same-seed run with a larger one. Repeats run in parallel.
func ApproxSweep(ctx context.Context, p *PWL, budgets []int, repeats int, constrained bool, seed uint64,
	progress func(step, total int, metrics map[string]float64)) (*ApproxCurve, error) {
	if len(budgets) == 0 || repeats < 1 {
		return nil, fmt.Errorf("lowrank: ApproxSweep needs budgets and repeats ≥ 1 (got %d budgets, %d repeats)", len(budgets), repeats)
	}
	maxB := 0
	for i, b := range budgets {
		if b <= 0 {
			return nil, fmt.Errorf("lowrank: budgets[%d] = %d must be positive", i, b)
		}
		maxB = max(maxB, b)
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	sys := newSystem(p, 1e-9)
	var cands [][]bool
	spent := 0
	if constrained {
		var err error
		if cands, spent, err = candidates(ctx, sys); err != nil {
			return nil, err
		}
	}
	curve := &ApproxCurve{Budgets: budgets, Found: make([][]int, repeats)}
	total := make([]int, repeats) // points found by repeat i within the largest budget
	err := parallel.For(ctx, repeats, 0, func(i int) error {
		// For the constrained variant the budget counts the vertex solves too.
		cfg := ApproxConfig{Budget: maxB, Constrained: constrained, Seed: seed + uint64(i)*0x9e3779b9}
		res, err := approxRun(ctx, sys, cfg, cands, spent)
		if err != nil {
			return err
		}
		row := make([]int, len(budgets))
		for b, budget := range budgets {
			for _, at := range res.FoundAt {
				if at <= budget {
					row[b]++
				}
			}
		}
		curve.Found[i], total[i] = row, len(res.FoundAt)
		return nil
	}, func(done, i int, err error) {
		if progress != nil && err == nil {
			progress(done, repeats, map[string]float64{"found": float64(total[i])})
		}
	})
	if err != nil {
		return nil, err
	}
	curve.Min, curve.Max, curve.Mean = make([]int, len(budgets)), make([]int, len(budgets)), make([]float64, len(budgets))
	for b := range budgets {
		curve.Min[b] = math.MaxInt
		for i := range repeats {
			f := curve.Found[i][b]
			curve.Min[b], curve.Max[b] = min(curve.Min[b], f), max(curve.Max[b], f)
			curve.Mean[b] += float64(f) / float64(repeats)
		}
	}
	return curve, nil
}
