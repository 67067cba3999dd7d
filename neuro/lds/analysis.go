package lds

import (
	"fmt"
	"math"
	"math/cmplx"
	"slices"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// Mode describes one eigenvalue λ of A. A mode decays (|λ| < 1) or grows (|λ| > 1) by |λ| per
// bin and rotates by arg λ radians per bin.
type Mode struct {
	Eigenvalue   complex128
	Radius       float64 // |λ|
	Angle        float64 // arg λ in radians per bin, in (−π, π]
	Frequency    float64 // |arg λ| / 2π, cycles per bin
	FrequencyHz  float64 // Frequency / dt
	DecayBins    float64 // time constant −1/ln|λ| in bins: > 0 decaying, +Inf at |λ| = 1, < 0 growing
	DecaySeconds float64 // DecayBins · dt
}

// Modes returns the eigenvalues of A as modes, ordered by decreasing |λ|, for bins of dt seconds.
func (md *Model) Modes(dt float64) ([]Mode, error) {
	if !(dt > 0) || math.IsInf(dt, 0) {
		return nil, fmt.Errorf("lds: dt = %v, need a positive bin width in seconds", dt)
	}
	vals, err := eigenvalues(md.A)
	if err != nil {
		return nil, err
	}
	modes := make([]Mode, len(vals))
	for i, l := range vals {
		r := cmplx.Abs(l)
		tau := -1 / math.Log(r)
		if r == 0 {
			tau = 0
		}
		f := math.Abs(cmplx.Phase(l)) / (2 * math.Pi)
		modes[i] = Mode{Eigenvalue: l, Radius: r, Angle: cmplx.Phase(l), Frequency: f,
			FrequencyHz: f / dt, DecayBins: tau, DecaySeconds: tau * dt}
	}
	sort.SliceStable(modes, func(a, b int) bool {
		if modes[a].Radius != modes[b].Radius {
			return modes[a].Radius > modes[b].Radius
		}
		return modes[a].Angle > modes[b].Angle
	})
	return modes, nil
}

// SpectralRadius returns max |λ| over the eigenvalues of A.
func (md *Model) SpectralRadius() (float64, error) {
	vals, err := eigenvalues(md.A)
	if err != nil {
		return 0, err
	}
	var r float64
	for _, l := range vals {
		r = math.Max(r, cmplx.Abs(l))
	}
	return r, nil
}

// IsStable reports whether every eigenvalue of A lies strictly inside the unit circle.
func (md *Model) IsStable() (bool, error) {
	r, err := md.SpectralRadius()
	return r < 1, err
}

func eigenvalues(a *mat.Dense) ([]complex128, error) {
	if a == nil {
		return nil, fmt.Errorf("lds: A is nil")
	}
	if r, c := a.Dims(); r != c {
		return nil, fmt.Errorf("lds: A is %d×%d, need square", r, c)
	}
	if !allFinite(a) {
		return nil, fmt.Errorf("lds: A has NaN or Inf entries")
	}
	var e mat.Eigen
	if !e.Factorize(a, mat.EigenNone) {
		return nil, fmt.Errorf("lds: eigendecomposition of A did not converge")
	}
	return e.Values(nil), nil
}

// FlowConfig describes the grid of a flow field.
type FlowConfig struct {
	// Basis (n×2, orthonormal columns) spans the plane drawn; nil uses DominantPlane.
	Basis *mat.Dense
	// Center is the state at the grid origin (nil: zero).
	Center []float64
	// Input is a constant input u (nil: zero).
	Input []float64
	// Extent: the grid covers [−Extent, Extent]² in plane coordinates (default 1).
	Extent float64
	// Points per axis (default 15).
	Points int
}

// FlowField is a quiver plot of the deterministic dynamics on a 2-D grid: at plane coordinates
// (X[c], Y[r]) the one-step change of the state, Δx = (A − I) x + B u, projected onto the
// plane, is (DX[r][c], DY[r][c]). The layout matches plotting.FlowGrid.
type FlowField struct {
	X, Y   []float64
	DX, DY [][]float64
	Basis  *mat.Dense // the n×2 plane used
}

// FlowField evaluates x ↦ (A − I) x + B u on a grid in a 2-D plane of the state space.
func (md *Model) FlowField(cfg FlowConfig) (*FlowField, error) {
	ext, pts := cfg.Extent, cfg.Points
	if ext == 0 {
		ext = 1
	}
	if pts == 0 {
		pts = 15
	}
	if !(ext > 0) || math.IsInf(ext, 0) || pts < 2 {
		return nil, fmt.Errorf("lds: FlowConfig needs Extent > 0 and Points ≥ 2 (got %v, %d)", ext, pts)
	}
	flow, basis, err := md.Flow(cfg.Basis, cfg.Center, cfg.Input)
	if err != nil {
		return nil, err
	}
	ff := &FlowField{Basis: basis, X: make([]float64, pts), Y: make([]float64, pts),
		DX: make([][]float64, pts), DY: make([][]float64, pts)}
	for i := range pts {
		ff.X[i] = -ext + 2*ext*float64(i)/float64(pts-1)
	}
	copy(ff.Y, ff.X)
	for r, gy := range ff.Y {
		ff.DX[r], ff.DY[r] = make([]float64, pts), make([]float64, pts)
		for c, gx := range ff.X {
			ff.DX[r][c], ff.DY[r][c] = flow(gx, gy)
		}
	}
	return ff, nil
}

// Flow returns the projected one-step change (dx, dy) of the dynamics at plane coordinates
// (x, y), i.e. the state center + basis·[x; y], for any grid or trajectory a plotting routine
// wants to sample. basis (n×2, orthonormal columns) nil uses DominantPlane; center and input
// nil mean zero. The basis used is returned too.
func (md *Model) Flow(basis *mat.Dense, center, input []float64) (func(x, y float64) (dx, dy float64), *mat.Dense, error) {
	if err := md.Validate(); err != nil {
		return nil, nil, err
	}
	n, _, m := md.Dims()
	if basis == nil {
		var err error
		if basis, err = md.DominantPlane(); err != nil {
			return nil, nil, err
		}
	}
	if r, c := basis.Dims(); r != n || c != 2 {
		return nil, nil, fmt.Errorf("lds: flow basis is %d×%d, need %d×2", r, c, n)
	}
	var gram mat.Dense
	gram.Mul(basis.T(), basis)
	if maxAbsDiffIdentity(&gram) > 1e-8 {
		return nil, nil, fmt.Errorf("lds: flow basis columns are not orthonormal")
	}
	if center == nil {
		center = make([]float64, n)
	}
	if len(center) != n || !finite(center) {
		return nil, nil, fmt.Errorf("lds: flow center has length %d (need %d) or non-finite entries", len(center), n)
	}
	// Δ(x, y) = (A − I)(center + b1 x + b2 y) + B u, projected: g0 + g1 x + g2 y.
	aI := mat.DenseCopyOf(md.A)
	for i := range n {
		aI.Set(i, i, aI.At(i, i)-1)
	}
	d0 := mat.NewVecDense(n, nil)
	d0.MulVec(aI, mat.NewVecDense(n, slices.Clone(center)))
	if input != nil {
		if len(input) != m || md.B == nil || !finite(input) {
			return nil, nil, fmt.Errorf("lds: flow input has length %d, the model has %d inputs to the dynamics", len(input), m)
		}
		var bu mat.VecDense
		bu.MulVec(md.B, mat.NewVecDense(m, slices.Clone(input)))
		d0.AddVec(d0, &bu)
	}
	var g0 mat.VecDense
	g0.MulVec(basis.T(), d0)
	var g mat.Dense // 2×2: basisᵀ (A − I) basis
	g.Product(basis.T(), aI, basis)
	c0, c1 := g0.AtVec(0), g0.AtVec(1)
	g00, g01, g10, g11 := g.At(0, 0), g.At(0, 1), g.At(1, 0), g.At(1, 1)
	return func(x, y float64) (float64, float64) {
		return c0 + g00*x + g01*y, c1 + g10*x + g11*y
	}, basis, nil
}

// DominantPlane returns an orthonormal n×2 basis of the invariant plane of A's largest complex
// eigenvalue pair (its rotation plane), or of its two leading real modes when A has no complex
// eigenvalues.
func (md *Model) DominantPlane() (*mat.Dense, error) {
	n, _, _ := md.Dims()
	if n < 2 {
		return nil, fmt.Errorf("lds: a plane needs at least 2 states, the model has %d", n)
	}
	v, blocks, err := realModal(md.A)
	if err != nil {
		return nil, err
	}
	cols := []int{0, 1}
	for _, b := range blocks {
		if b.size == 2 {
			cols = []int{b.start, b.start + 1}
			break
		}
	}
	pair := mat.NewDense(n, 2, nil)
	pair.SetCol(0, mat.Col(nil, cols[0], v))
	pair.SetCol(1, mat.Col(nil, cols[1], v))
	var qr mat.QR
	qr.Factorize(pair)
	var q mat.Dense
	qr.QTo(&q)
	return mat.DenseCopyOf(q.Slice(0, n, 0, 2)), nil
}

func maxAbsDiffIdentity(g *mat.Dense) float64 {
	r, _ := g.Dims()
	var d float64
	for i := range r {
		for j := range r {
			want := 0.0
			if i == j {
				want = 1
			}
			d = math.Max(d, math.Abs(g.At(i, j)-want))
		}
	}
	return d
}

// FixedPoint returns the state x* = (I − A)⁻¹ B u where the deterministic dynamics under the
// constant input u (nil: zero) stand still. It fails when A has an eigenvalue at 1.
func (md *Model) FixedPoint(input []float64) ([]float64, error) {
	if err := md.Validate(); err != nil {
		return nil, err
	}
	n, _, m := md.Dims()
	rhs := mat.NewVecDense(n, nil)
	if input != nil {
		if len(input) != m || md.B == nil || !finite(input) {
			return nil, fmt.Errorf("lds: input has length %d, the model has %d inputs to the dynamics", len(input), m)
		}
		rhs.MulVec(md.B, mat.NewVecDense(m, slices.Clone(input)))
	}
	ia := mat.NewDense(n, n, nil)
	ia.Sub(eye(n), md.A)
	var lu mat.LU
	lu.Factorize(ia)
	if lu.Det() == 0 || lu.Cond() > 1e14 {
		return nil, fmt.Errorf("lds: I − A is singular (A has an eigenvalue at 1): no unique fixed point")
	}
	x := mat.NewVecDense(n, nil)
	if err := lu.SolveVecTo(x, false, rhs); err != nil {
		return nil, fmt.Errorf("lds: I − A is singular: %v", err)
	}
	return x.RawVector().Data, nil
}

func eye(n int) *mat.Dense {
	d := mat.NewDense(n, n, nil)
	for i := range n {
		d.Set(i, i, 1)
	}
	return d
}
