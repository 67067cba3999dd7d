package lowrank

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// BruteForceFixedPoints finds all fixed points by solving every activation pattern: each unit
// takes each of its K+1 linear pieces (2^N patterns for ReLU, 3^N for clipped ReLU). It is the
// exponential reference for FixedPointsPWL and refuses more than 2^24 patterns. In the result,
// Regions and LinearSolves count the patterns solved and Bound is 2^P for P hinges.
func BruteForceFixedPoints(ctx context.Context, p *PWL, tol float64) (*FixedPointResult, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if tol == 0 {
		tol = 1e-9
	}
	sys := newSystem(p, tol)
	// Hinges of one unit share a normal; their breaks are sorted, so a unit's pieces are the
	// prefixes of its hinge list.
	var units [][]int
	for j, h := range sys.hinges {
		if j == 0 || sys.hinges[j-1].Unit != h.Unit {
			units = append(units, nil)
		}
		units[len(units)-1] = append(units[len(units)-1], j)
	}
	total := 1.0
	for _, u := range units {
		total *= float64(len(u) + 1)
	}
	if total > 1<<24 {
		return nil, fmt.Errorf("lowrank: brute force over %.3g patterns refused (limit 2^24)", total)
	}
	w := newWalker(sys, visitExact)
	piece := make([]int, len(units))
	for n := 0; n < int(total); n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		for i, hs := range units {
			for q, j := range hs {
				// Piece k has the hinges with the k lowest breaks active (breaks ascend with j
				// for an increasing current, since all share the same normal).
				w.state[j] = q < piece[i]
			}
		}
		J, c := sys.regionMap(w.state)
		copy(w.Jr, J)
		copy(w.cr, c)
		w.visit(w, nil)
		for i := range piece {
			piece[i]++
			if piece[i] <= len(units[i]) {
				break
			}
			piece[i] = 0
		}
	}
	res := sys.finish(w.points, w.continua)
	res.Hinges = sys.hinges
	res.Regions = int(total)
	res.LinearSolves = int(total)
	res.Hyperplanes = len(slices.DeleteFunc(slices.Clone(sys.unorm), func(x float64) bool { return x == 0 }))
	res.Dim = sys.r
	res.Bound = math.Pow(2, float64(sys.p))
	return res, nil
}
