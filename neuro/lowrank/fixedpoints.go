package lowrank

import (
	"context"
	"fmt"
	"math"
	"math/cmplx"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Stability classifies a fixed point of the discrete-time map by the eigenvalues λ of its
// region's Jacobian.
type Stability int

const (
	// Stable: all |λ| < 1.
	Stable Stability = iota
	// Saddle: some |λ| < 1, some |λ| > 1.
	Saddle
	// Unstable: all |λ| > 1.
	Unstable
	// Marginal: some |λ| = 1 (within 1e-9) and none > 1.
	Marginal
)

func (s Stability) String() string {
	return [...]string{"stable", "saddle", "unstable", "marginal"}[s]
}

// FixedPoint is an isolated fixed point z* = F(z*) of a piecewise-linear latent map.
type FixedPoint struct {
	Z []float64
	// Active is the hinge pattern at Z, indexed like FixedPointResult.Hinges (a hinge on its own
	// hyperplane counts as inactive).
	Active []bool
	// OnBoundary reports Z on a hinge hyperplane, where the map is not differentiable.
	OnBoundary bool
	// Jacobian is the R×R Jacobian of the affine piece for Active.
	Jacobian    *mat.Dense
	Eigenvalues []complex128
	Stability   Stability
	// Residual is max |F(Z) − Z|.
	Residual float64
}

// Continuum is a connected set of fixed points inside one region whose map has an eigenvalue
// exactly 1, e.g. a line attractor: the points Point + Directionsᵀα that lie in the region.
type Continuum struct {
	Point      []float64
	Directions *mat.Dense // k×R orthonormal rows spanning the set's directions
	Active     []bool
	Jacobian   *mat.Dense
}

type continuum struct {
	z      []float64
	dirs   *mat.Dense
	active []bool
}

// FixedPointConfig configures FixedPoints. The zero value is valid.
type FixedPointConfig struct {
	// Workers bounds the goroutines (0: GOMAXPROCS).
	Workers int
	// Tol is the relative boundary tolerance of the sign-pattern check (0: 1e-9).
	Tol float64
	// Seed chooses the generic sweep direction (results do not depend on it in general position).
	Seed uint64
	// Progress, if set, is called with the number of processed vertex lines.
	Progress func(step, total int, metrics map[string]float64)
}

// FixedPointResult holds all fixed points and the work done to find them.
type FixedPointResult struct {
	Points []FixedPoint
	// Hinges are the PWL's hinges sorted by unit and break, duplicates merged, zero weights
	// dropped: the order of every Active pattern.
	Hinges   []Hinge
	Continua []Continuum
	// Regions is the number of candidate regions, each solved once.
	Regions int
	// VertexSolves counts the vertices of the arrangement and its recursive cuts (one R-subset
	// system each); LinearSolves = VertexSolves + Regions.
	VertexSolves, LinearSolves int
	// Skipped counts vertex subsets skipped as (near-)singular.
	Skipped int
	// Hyperplanes is the number of hinge hyperplanes with non-zero normal; Dim the dimension of
	// the span of their normals (R in general).
	Hyperplanes, Dim int
	// Bound is Zaslavsky's Σ_{i≤Dim} C(Hyperplanes, i), the maximum number of regions.
	Bound float64
}

// FixedPoints returns every fixed point of the model's latent map at the constant input v
// (nil for none) by FixedPointsPWL.
func (m *Model) FixedPoints(ctx context.Context, v []float64, cfg FixedPointConfig) (*FixedPointResult, error) {
	p, err := m.PWL(v)
	if err != nil {
		return nil, err
	}
	return FixedPointsPWL(ctx, p, cfg)
}

// FixedPointsPWL finds all fixed points of a piecewise-linear latent map exactly (Pals et al.
// 2024, Proposition 1): it enumerates the regions of the hinge-hyperplane arrangement through
// its vertices, solves the affine fixed-point equation once per region and keeps the solutions
// whose sign pattern matches the region. See the package documentation for the algorithm.
func FixedPointsPWL(ctx context.Context, p *PWL, cfg FixedPointConfig) (*FixedPointResult, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if cfg.Tol < 0 || math.IsNaN(cfg.Tol) {
		return nil, fmt.Errorf("lowrank: Tol = %v must be non-negative", cfg.Tol)
	}
	tol := cfg.Tol
	if tol == 0 {
		tol = 1e-9
	}
	sys := newSystem(p, tol)
	ws, st, err := enumerate(ctx, sys, visitExact, cfg.Workers, cfg.Seed, cfg.Progress)
	if err != nil {
		return nil, err
	}
	var pts [][]float64
	var conts []continuum
	keys := map[string]bool{}
	for _, w := range ws {
		pts = append(pts, w.points...)
		for _, c := range w.continua {
			if k := patternKey(c.active); !keys[k] {
				keys[k] = true
				conts = append(conts, c)
			}
		}
	}
	res := sys.finish(pts, conts)
	res.Hinges = sys.hinges
	res.Regions, res.VertexSolves, res.Skipped = st.regions, st.vertices, st.skipped
	res.LinearSolves = st.regions + st.vertices
	res.Hyperplanes, res.Dim = st.hyperplanes, st.dim
	for i := 0; i <= st.dim; i++ {
		res.Bound += binom(st.hyperplanes, i)
	}
	return res, nil
}

// visitExact solves the region's fixed-point equation and records a consistent solution.
func visitExact(w *walker, first []int) {
	sys, r := w.sys, w.sys.r
	copy(w.a, w.Jr)
	for k := range r {
		w.a[k*r+k]--
		w.b[k] = -w.cr[k]
	}
	if solveSmall(w.a, w.b, r) {
		if sys.consistent(w.b, w.state, first) {
			w.addPoint(w.b)
		}
		return
	}
	state := slices.Clone(w.state)
	z, dirs, ok := sys.singularRegion(w.Jr, w.cr, state)
	switch {
	case !ok:
	case dirs == nil:
		w.addPoint(z)
	default:
		if k := patternKey(state); !w.contKeys[k] {
			w.contKeys[k] = true
			w.continua = append(w.continua, continuum{z, dirs, state})
		}
	}
}

func (w *walker) addPoint(z []float64) {
	for _, q := range w.points {
		if samePoint(q, z) {
			return
		}
	}
	w.points = append(w.points, slices.Clone(z))
}

func samePoint(a, b []float64) bool {
	scale := 1.0
	for i := range a {
		scale = math.Max(scale, math.Max(math.Abs(a[i]), math.Abs(b[i])))
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-7*scale {
			return false
		}
	}
	return true
}

func patternKey(s []bool) string {
	b := make([]byte, len(s))
	for i, on := range s {
		b[i] = '0'
		if on {
			b[i] = '1'
		}
	}
	return string(b)
}

// finish deduplicates the raw solutions, polishes each on the affine piece of its own pattern,
// classifies stability, drops points that lie on a continuum, and sorts the result.
func (s *system) finish(raw [][]float64, conts []continuum) *FixedPointResult {
	r := s.r
	res := &FixedPointResult{}
	var uniq [][]float64
	for _, z := range raw {
		if !slices.ContainsFunc(uniq, func(q []float64) bool { return samePoint(q, z) }) {
			uniq = append(uniq, z)
		}
	}
	for _, c := range conts {
		J, _ := s.regionMap(c.active)
		res.Continua = append(res.Continua, Continuum{Point: c.z, Directions: c.dirs, Active: c.active,
			Jacobian: mat.NewDense(r, r, J)})
	}
	for _, z := range uniq {
		if slices.ContainsFunc(conts, func(c continuum) bool { return s.onContinuum(z, c) }) {
			continue
		}
		state, boundary := s.pattern(z)
		J, c := s.regionMap(state)
		// Polish: re-solve on the piece of the point's own pattern.
		a, b := slices.Clone(J), make([]float64, r)
		for k := range r {
			a[k*r+k]--
			b[k] = -c[k]
		}
		if luSolve(a, b, r) && samePoint(b, z) {
			if st2, _ := s.pattern(b); slices.Equal(st2, state) {
				z = b
			}
		}
		fz := s.pwl.Eval(nil, z)
		resid := 0.0
		for k := range r {
			resid = math.Max(resid, math.Abs(fz[k]-z[k]))
		}
		jm := mat.NewDense(r, r, J)
		ev := eigenvalues(jm)
		res.Points = append(res.Points, FixedPoint{Z: z, Active: state, OnBoundary: boundary, Jacobian: jm,
			Eigenvalues: ev, Stability: classify(ev), Residual: resid})
	}
	slices.SortFunc(res.Points, func(a, b FixedPoint) int {
		for k := range a.Z {
			if a.Z[k] != b.Z[k] {
				if a.Z[k] < b.Z[k] {
					return -1
				}
				return 1
			}
		}
		return 0
	})
	slices.SortFunc(res.Continua, func(a, b Continuum) int {
		if ka, kb := patternKey(a.Active), patternKey(b.Active); ka != kb {
			if ka < kb {
				return -1
			}
			return 1
		}
		return 0
	})
	return res
}

// onContinuum reports whether z solves the continuum's affine equation and lies in the closure
// of its region.
func (s *system) onContinuum(z []float64, c continuum) bool {
	if !s.consistent(z, c.active, nil) {
		return false
	}
	J, cc := s.regionMap(c.active)
	r := s.r
	for k := range r {
		v := cc[k] - z[k]
		for l := range r {
			v += J[k*r+l] * z[l]
		}
		if math.Abs(v) > 1e-7*(1+math.Abs(z[k])) {
			return false
		}
	}
	return true
}

func eigenvalues(j *mat.Dense) []complex128 {
	var eig mat.Eigen
	if !eig.Factorize(j, mat.EigenNone) {
		return nil
	}
	ev := eig.Values(nil)
	slices.SortFunc(ev, func(a, b complex128) int {
		switch {
		case cmplx.Abs(a) > cmplx.Abs(b):
			return -1
		case cmplx.Abs(a) < cmplx.Abs(b):
			return 1
		}
		return 0
	})
	return ev
}

func classify(ev []complex128) Stability {
	in, out, on := 0, 0, 0
	for _, l := range ev {
		switch a := cmplx.Abs(l); {
		case a < 1-1e-9:
			in++
		case a > 1+1e-9:
			out++
		default:
			on++
		}
	}
	switch {
	case out == 0 && on == 0:
		return Stable
	case out > 0 && in > 0:
		return Saddle
	case out > 0:
		return Unstable
	}
	return Marginal
}
