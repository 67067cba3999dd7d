package lowrank

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
)

// ApproxConfig configures ApproxFixedPoints.
type ApproxConfig struct {
	// Budget is the number of inverses (linear solves) allowed, for Constrained including the
	// vertex solves of the candidate enumeration; required.
	Budget int
	// MaxIter bounds the inner iterations from one random pattern (0: 100).
	MaxIter int
	// Constrained draws the starting patterns only from the candidate regions of the exact
	// method, paying its vertex solves first (the "combined" variant of Pals et al. 2024).
	Constrained bool
	// Seed makes the run reproducible.
	Seed uint64
	// Tol is the boundary tolerance used when polishing the points found (0: 1e-9).
	Tol float64
}

// ApproxResult is the outcome of an approximate fixed-point search.
type ApproxResult struct {
	Points []FixedPoint
	// Inverses is the number of linear solves spent (for Constrained, including the vertex
	// solves of the candidate enumeration).
	Inverses int
	// FoundAt[i] is the number of inverses spent when the i-th distinct point was found
	// (ascending): the number found within a budget b is the count of FoundAt ≤ b.
	FoundAt []int
	// Candidates is the number of candidate regions drawn from (Constrained only).
	Candidates int
}

// maxCandidates bounds the candidate list kept by the constrained search.
const maxCandidates = 4 << 20

// ApproxFixedPoints is the iterative baseline in the style of SCYFI (Eisenmann et al. 2023), for
// comparison with the exact method: draw an activation pattern D at random (uniform over the 2^P
// hinge patterns, or over the candidate regions when Constrained), solve the fixed-point
// equation of its affine piece (one inverse), take the pattern D' at the solution and repeat
// with D ← D' until D' = D (a fixed point, kept when new), MaxIter is reached or a system is
// singular; then draw again, until the budget of inverses is spent.
func ApproxFixedPoints(ctx context.Context, p *PWL, cfg ApproxConfig) (*ApproxResult, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if cfg.Budget <= 0 {
		return nil, fmt.Errorf("lowrank: Budget = %d inverses, need at least 1", cfg.Budget)
	}
	if cfg.MaxIter < 0 || cfg.Tol < 0 {
		return nil, fmt.Errorf("lowrank: MaxIter = %d and Tol = %v must be non-negative", cfg.MaxIter, cfg.Tol)
	}
	tol := cfg.Tol
	if tol == 0 {
		tol = 1e-9
	}
	sys := newSystem(p, tol)
	var cands [][]bool
	spent := 0
	if cfg.Constrained {
		var err error
		cands, spent, err = candidates(ctx, sys)
		if err != nil {
			return nil, err
		}
	}
	return approxRun(ctx, sys, cfg, cands, spent)
}

// candidates lists the candidate regions' patterns and returns the vertex solves paid.
func candidates(ctx context.Context, sys *system) ([][]bool, int, error) {
	var tooMany bool
	collect := func(w *walker, _ []int) {
		if len(w.patterns) >= maxCandidates {
			tooMany = true
			return
		}
		w.patterns = append(w.patterns, slices.Clone(w.state))
	}
	ws, st, err := enumerate(ctx, sys, collect, 1, 0, nil)
	if err != nil {
		return nil, 0, err
	}
	if tooMany {
		return nil, 0, fmt.Errorf("lowrank: more than %d candidate regions; the constrained search keeps them all", maxCandidates)
	}
	return ws[0].patterns, st.vertices, nil
}

func approxRun(ctx context.Context, sys *system, cfg ApproxConfig, cands [][]bool, spent int) (*ApproxResult, error) {
	r := sys.r
	maxIter := cfg.MaxIter
	if maxIter == 0 {
		maxIter = 100
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xa0761d6478bd642f))
	res := &ApproxResult{Candidates: len(cands)}
	d, next := make([]bool, sys.p), make([]bool, sys.p)
	J, c, a, b := make([]float64, r*r), make([]float64, r), make([]float64, r*r), make([]float64, r)
	var found [][]float64
	budget := cfg.Budget
	for draws := 0; spent < budget; draws++ {
		if draws%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if cands != nil {
			copy(d, cands[rng.IntN(len(cands))])
		} else {
			for j := range d {
				d[j] = rng.Uint64()&1 == 1
			}
		}
		for it := 0; it < maxIter && spent < budget; it++ {
			copy(J, sys.j0)
			copy(c, sys.c0)
			for j, on := range d {
				if on {
					sys.add(j, 1, J, c)
				}
			}
			copy(a, J)
			for k := range r {
				a[k*r+k]--
				b[k] = -c[k]
			}
			spent++
			if !luSolve(a, b, r) {
				break
			}
			for j := range next {
				next[j] = dot(sys.u[j*r:(j+1)*r], b) > sys.th[j]
			}
			if slices.Equal(next, d) {
				if !slices.ContainsFunc(found, func(q []float64) bool { return samePoint(q, b) }) {
					found = append(found, slices.Clone(b))
					res.FoundAt = append(res.FoundAt, spent)
				}
				break
			}
			d, next = next, d
		}
	}
	res.Inverses = spent
	fin := sys.finish(found, nil)
	res.Points = fin.Points
	return res, nil
}
