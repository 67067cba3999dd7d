package lds

import (
	"fmt"
	"math"
	"math/cmplx"
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

// FlowField is a quiver plot of the deterministic dynamics on a 2-D grid: at plane
// coordinates (X[i], Y[i]) the one-step change of the state, Δx = (A − I) x + B u, projected
// onto the plane, is (U[i], V[i]).
type FlowField struct {
	X, Y, U, V []float64
	Basis      *mat.Dense // the n×2 plane used
}

// FlowField evaluates x ↦ (A − I) x + B u on a grid in a 2-D plane of the state space.
func (md *Model) FlowField(cfg FlowConfig) (*FlowField, error) {
	if err := md.Validate(); err != nil {
		return nil, err
	}
	n, _, m := md.Dims()
	basis := cfg.Basis
	if basis == nil {
		var err error
		if basis, err = md.DominantPlane(); err != nil {
			return nil, err
		}
	}
	if r, c := basis.Dims(); r != n || c != 2 {
		return nil, fmt.Errorf("lds: FlowConfig.Basis is %d×%d, need %d×2", r, c, n)
	}
	var gram mat.Dense
	gram.Mul(basis.T(), basis)
	if maxAbsDiffIdentity(&gram) > 1e-8 {
		return nil, fmt.Errorf("lds: FlowConfig.Basis columns are not orthonormal")
	}
	center := cfg.Center
	if center == nil {
		center = make([]float64, n)
	}
	if len(center) != n {
		return nil, fmt.Errorf("lds: FlowConfig.Center has length %d, need %d", len(center), n)
	}
	bu := make([]float64, n)
	if cfg.Input != nil {
		if len(cfg.Input) != m || md.B == nil {
			return nil, fmt.Errorf("lds: FlowConfig.Input has length %d, the model has %d inputs to the dynamics", len(cfg.Input), m)
		}
		mat.NewVecDense(n, bu).MulVec(md.B, mat.NewVecDense(m, cfg.Input))
	}
	ext, pts := cfg.Extent, cfg.Points
	if ext == 0 {
		ext = 1
	}
	if pts == 0 {
		pts = 15
	}
	if !(ext > 0) || pts < 2 {
		return nil, fmt.Errorf("lds: FlowConfig needs Extent > 0 and Points ≥ 2 (got %v, %d)", ext, pts)
	}
	aI := mat.DenseCopyOf(md.A)
	for i := range n {
		aI.Set(i, i, aI.At(i, i)-1)
	}
	ff := &FlowField{Basis: basis}
	x := mat.NewVecDense(n, nil)
	var dx, proj mat.VecDense
	for i := range pts {
		for j := range pts {
			gx := -ext + 2*ext*float64(j)/float64(pts-1)
			gy := -ext + 2*ext*float64(i)/float64(pts-1)
			for k := range n {
				x.SetVec(k, center[k]+basis.At(k, 0)*gx+basis.At(k, 1)*gy)
			}
			dx.MulVec(aI, x)
			dx.AddVec(&dx, mat.NewVecDense(n, bu))
			proj.MulVec(basis.T(), &dx)
			ff.X = append(ff.X, gx)
			ff.Y = append(ff.Y, gy)
			ff.U = append(ff.U, proj.AtVec(0))
			ff.V = append(ff.V, proj.AtVec(1))
		}
	}
	return ff, nil
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
