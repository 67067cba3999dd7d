package ssid

import (
	"fmt"
	"math"

	"github.com/neurodyn/neurodyn/neuro/linalg"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Config sets the identification. The zero value with NX > 0 is standard stochastic SID with
// horizon 10 and Cz (if z is given) fitted on Kalman-predicted states.
type Config struct {
	NX      int // total state dimension n1 + n2 (> 0)
	N1      int // prioritized states from z's future on y's past (0 = standard SID); needs z
	Horizon int // i, the number of past and future lags (≥ 2; default 10)

	// Oblique makes stage 1 project z's future onto y's past along z's own past (the part of
	// the future of z that the past of y predicts beyond z's past). Default: orthogonal.
	Oblique bool
	// CzFromProjection fits Cz by regressing z_i on the projected states X_i (PSID's first
	// estimate) instead of on the Kalman-predicted states of the finished model.
	CzFromProjection bool
	// ZeroCzWithinSource fixes the columns of Cz for the n2 non-prioritized states to zero.
	ZeroCzWithinSource bool
	// Stabilize clips learned eigenvalues of magnitude above MaxRadius to MaxRadius
	// (blockwise, preserving A12 = 0); the report says so. Without it an unstable A is kept
	// and reported.
	Stabilize bool
	MaxRadius float64 // default 0.999
}

func (c Config) withDefaults() Config {
	if c.Horizon == 0 {
		c.Horizon = 10
	}
	if c.MaxRadius == 0 {
		c.MaxRadius = 0.999
	}
	return c
}

// Fit identifies a model from y (the primary signal the Kalman filter runs on) and, when
// non-nil, z (the prioritized signal). Trials may differ in length; trials shorter than 2i are
// skipped and counted in the report.
func Fit(y, z []*mat.Dense, cfg Config) (*Model, error) {
	cfg = cfg.withDefaults()
	if cfg.Horizon < 2 {
		return nil, fmt.Errorf("ssid: Horizon = %d, need at least 2", cfg.Horizon)
	}
	m, err := NewMoments(y, z, cfg.Horizon, cfg.Oblique)
	if err != nil {
		return nil, err
	}
	return FitMoments(m, y, z, cfg)
}

// FitMoments identifies a model from precomputed moments (reuse them across NX and N1). y and
// z are needed again only for the Kalman refit of Cz; they must be the data the moments came
// from.
//
// A zero Config.Horizon takes the moments' horizon.
func FitMoments(mo *Moments, y, z []*mat.Dense, cfg Config) (*Model, error) {
	if cfg.Horizon == 0 {
		cfg.Horizon = mo.Horizon
	}
	cfg = cfg.withDefaults()
	ny, nz, i := mo.NY, mo.NZ, mo.Horizon
	nx, n1 := cfg.NX, cfg.N1
	switch {
	case cfg.Horizon != i:
		return nil, fmt.Errorf("ssid: Config.Horizon = %d but the moments were built with i = %d", cfg.Horizon, i)
	case nx <= 0:
		return nil, fmt.Errorf("ssid: NX = %d, need at least 1 state", nx)
	case n1 < 0 || n1 > nx:
		return nil, fmt.Errorf("ssid: N1 = %d, need 0 ≤ N1 ≤ NX = %d", n1, nx)
	case n1 > 0 && nz == 0:
		return nil, fmt.Errorf("ssid: N1 = %d prioritized states need z", n1)
	case n1 > i*nz:
		return nil, fmt.Errorf("ssid: N1 = %d exceeds i·nz = %d (raise the horizon)", n1, i*nz)
	case nx-n1 > i*ny:
		return nil, fmt.Errorf("ssid: NX − N1 = %d exceeds i·ny = %d (raise the horizon)", nx-n1, i*ny)
	case cfg.Oblique && n1 > 0 && !mo.AllLags:
		return nil, fmt.Errorf("ssid: Oblique needs moments built with allLags")
	case !(cfg.MaxRadius > 0 && cfg.MaxRadius < 1):
		return nil, fmt.Errorf("ssid: MaxRadius = %v, need 0 < MaxRadius < 1", cfg.MaxRadius)
	}
	n2 := nx - n1
	P, P1 := i*ny, (i+1)*ny

	// Whitening: Σ⁺ = cov(Yp⁺) = L Lᵀ and v = L⁻¹ Yp⁺ has identity covariance.
	a0, a1 := mo.yRange(0, i+1)
	L, err := cholLower(mo.block(a0, a1, a0, a1))
	if err != nil {
		return nil, err
	}
	// whiten returns cov(future, v) = (L⁻¹ cov(Yp⁺, future))ᵀ.
	whiten := func(c0, c1 int) *mat.Dense {
		x := mo.block(a0, a1, c0, c1)
		blas64.Trsm(blas.Left, blas.NoTrans, 1, L.RawTriangular(), x.RawMatrix())
		return mat.DenseCopyOf(x.T())
	}
	mdl := &Model{N1: n1, Horizon: i, YMean: mo.YMean, ZMean: mo.ZMean}
	mdl.Report.Columns, mdl.Report.SkippedSegments = mo.Columns, mo.Skipped

	T := mat.NewDense(nx, P1, nil)  // X_i = T v
	Tp := mat.NewDense(nx, P1, nil) // X_{i+1} = Tp v
	var fz *mat.Dense               // cov(Zf, v)
	if nz > 0 {
		fz = whiten(mo.zRange(i, 2*i))
	}
	if n1 > 0 {
		var g, gm *mat.Dense
		if cfg.Oblique {
			g, gm, err = obliqueStage1(mo, L)
			if err != nil {
				return nil, err
			}
		} else {
			g = mat.DenseCopyOf(fz.Slice(0, i*nz, 0, P))
			gm = mat.DenseCopyOf(fz.Slice(nz, i*nz, 0, P1))
		}
		sv, t1, t1p, err := stageStates(g, gm, n1, nz)
		if err != nil {
			return nil, fmt.Errorf("ssid: stage 1: %w", err)
		}
		mdl.SingularValues1 = sv
		T.Slice(0, n1, 0, P).(*mat.Dense).Copy(t1)
		Tp.Slice(0, n1, 0, P1).(*mat.Dense).Copy(t1p)
	}
	if n2 > 0 {
		fy := whiten(mo.yRange(i, 2*i))
		g := mat.DenseCopyOf(fy.Slice(0, P, 0, P))
		gm := mat.DenseCopyOf(fy.Slice(ny, P, 0, P1))
		if n1 > 0 {
			// Remove what the stage-1 states already explain of y's future.
			t1 := T.Slice(0, n1, 0, P1)
			t1p := Tp.Slice(0, n1, 0, P1)
			var s11, fyt, gy1, corr mat.Dense
			s11.Mul(t1, t1.T())
			fyt.Mul(fy, t1.T())
			if err := gy1.Solve(&s11, fyt.T()); err != nil {
				return nil, fmt.Errorf("ssid: stage-1 state covariance is singular: %v", err)
			}
			gamma := mat.DenseCopyOf(gy1.T()) // Γy1 (i·ny × n1)
			corr.Mul(gamma, t1.(*mat.Dense).Slice(0, n1, 0, P))
			g.Sub(g, &corr)
			var corrm mat.Dense
			corrm.Mul(gamma.Slice(0, P-ny, 0, n1), t1p)
			gm.Sub(gm, &corrm)
		}
		sv, t2, t2p, err := stageStates(g, gm, n2, ny)
		if err != nil {
			return nil, fmt.Errorf("ssid: stage 2: %w", err)
		}
		mdl.SingularValues2 = sv
		T.Slice(n1, nx, 0, P).(*mat.Dense).Copy(t2)
		Tp.Slice(n1, nx, 0, P1).(*mat.Dense).Copy(t2p)
	}

	// State covariances and A with A12 = 0.
	var sxx, spx mat.Dense
	sxx.Mul(T, T.T())
	spx.Mul(Tp, T.T())
	a := mat.NewDense(nx, nx, nil)
	if n1 > 0 {
		a11, err := regress(spx.Slice(0, n1, 0, n1), sxx.Slice(0, n1, 0, n1))
		if err != nil {
			return nil, err
		}
		a.Slice(0, n1, 0, n1).(*mat.Dense).Copy(a11)
	}
	if n2 > 0 {
		a2, err := regress(spx.Slice(n1, nx, 0, nx), &sxx)
		if err != nil {
			return nil, err
		}
		a.Slice(n1, nx, 0, nx).(*mat.Dense).Copy(a2)
	}
	// Readouts: cov(y_i, v) is the last block row of L.
	lyi := mat.DenseCopyOf(mat.DenseCopyOf(L).Slice(P, P1, 0, P1))
	var cyx mat.Dense
	cyx.Mul(lyi, T.T())
	cy, err := regress(&cyx, &sxx)
	if err != nil {
		return nil, err
	}
	mdl.Cy = cy
	if nz > 0 {
		var czx mat.Dense
		czx.Mul(fz.Slice(0, nz, 0, P1), T.T())
		if mdl.Cz, err = regress(&czx, &sxx); err != nil {
			return nil, err
		}
	}
	rho, err := linalg.SpectralRadius(a)
	if err != nil {
		return nil, fmt.Errorf("ssid: learned A: %w", err)
	}
	mdl.Report.SpectralRadius = rho
	if rho > cfg.MaxRadius && cfg.Stabilize {
		if a, err = stabilize(a, n1, cfg.MaxRadius); err != nil {
			return nil, err
		}
		mdl.Report.Stabilized = true
	}
	mdl.A = a
	if r, _ := linalg.SpectralRadius(a); r >= 1 {
		mdl.Report.Unstable = true
	}
	// Noise statistics from the residual maps W = (Tp − A T) v and V = (L_i − Cy T) v.
	var mw, mv, at, ct mat.Dense
	at.Mul(a, T)
	mw.Sub(Tp, &at)
	ct.Mul(cy, T)
	mv.Sub(lyi, &ct)
	var q, r, s mat.Dense
	q.Mul(&mw, mw.T())
	r.Mul(&mv, mv.T())
	s.Mul(&mw, mv.T())
	mdl.Q, mdl.R, mdl.S = linalg.Symmetrize(&q), linalg.Symmetrize(&r), mat.DenseCopyOf(&s)
	if err := mdl.updateKalman(); err != nil {
		return nil, err
	}
	if nz > 0 && !cfg.CzFromProjection {
		if y == nil || z == nil {
			return nil, fmt.Errorf("ssid: the Kalman refit of Cz needs y and z (or set CzFromProjection)")
		}
		if err := mdl.RefitCz(y, z, cfg.ZeroCzWithinSource); err != nil {
			return nil, err
		}
	} else if nz > 0 && cfg.ZeroCzWithinSource && n1 > 0 && n2 > 0 {
		for r := range nz {
			for c := n1; c < nx; c++ {
				mdl.Cz.Set(r, c, 0)
			}
		}
	}
	return mdl, nil
}

// updateKalman solves the DARE for the current A, Cy, Q, R, S and the state covariance.
func (m *Model) updateKalman() error {
	kg, err := linalg.SteadyStateKalman(m.A, m.Cy, m.Q, m.R, m.S)
	if err != nil {
		hint := ""
		if m.Report.Unstable {
			hint = fmt.Sprintf(" (learned A is unstable, spectral radius %.4g; consider Config.Stabilize)", m.Report.SpectralRadius)
		}
		return fmt.Errorf("ssid: steady-state Kalman filter: %w%s", err, hint)
	}
	m.K, m.Kf, m.P, m.InnovCov = kg.K, kg.Kf, kg.P, kg.Innov
	m.XCov = nil
	if !m.Report.Unstable {
		if xc, err := linalg.SolveDiscreteLyapunov(m.A, m.Q); err == nil {
			m.XCov = xc
		}
	}
	return nil
}

// stageStates turns the whitened projection coefficients g (future on the past, rows f·nf) and
// gm (shifted future on the extended past) into state maps: with g ≈ U Σ Vᵀ (top n),
// Γ = U Σ^{1/2}, X_i = Σ^{1/2} Vᵀ v_p and X_{i+1} = (Γ without its last block row)⁺ gm v.
func stageStates(g, gm *mat.Dense, n, blk int) (sv []float64, t, tp *mat.Dense, err error) {
	sv, u, v := topSVD(g, n)
	for k, s := range sv {
		if !(s > 1e-12*math.Max(sv[0], 1e-300)) {
			return nil, nil, nil, fmt.Errorf("projection has rank %d < %d requested states", k, n)
		}
	}
	rows, _ := g.Dims()
	gamma := mat.NewDense(rows, n, nil)
	t = mat.NewDense(n, v.RawMatrix().Rows, nil)
	for k, s := range sv {
		h := math.Sqrt(s)
		for r := range rows {
			gamma.Set(r, k, u.At(r, k)*h)
		}
		for c := range v.RawMatrix().Rows {
			t.Set(k, c, v.At(c, k)*h)
		}
	}
	gpinv, err := linalg.Pinv(gamma.Slice(0, rows-blk, 0, n), 0)
	if err != nil {
		return nil, nil, nil, err
	}
	tp = mat.NewDense(n, gm.RawMatrix().Cols, nil)
	tp.Mul(gpinv, gm)
	return sv, t, tp, nil
}

// regress returns Σ_bx Σ_xx⁻¹ (least-squares coefficients in covariance form).
func regress(sbx, sxx mat.Matrix) (*mat.Dense, error) {
	ch, err := linalg.Cholesky(linalg.Symmetrize(sxx), "state covariance")
	if err != nil {
		return nil, fmt.Errorf("ssid: %w (too many states for the data?)", err)
	}
	var xt mat.Dense
	if err := ch.SolveTo(&xt, sbx.T()); err != nil {
		return nil, fmt.Errorf("ssid: %w", err)
	}
	return mat.DenseCopyOf(xt.T()), nil
}

// cholLower factorises the past covariance, with a tiny relative ridge when it is
// numerically singular (e.g. duplicated channels).
func cholLower(s *mat.Dense) (*mat.TriDense, error) {
	sym := linalg.Symmetrize(s)
	var ch mat.Cholesky
	if !ch.Factorize(sym) {
		n := sym.SymmetricDim()
		var tr float64
		for k := range n {
			tr += sym.At(k, k)
		}
		if !(tr > 0) {
			return nil, fmt.Errorf("ssid: y has no variance")
		}
		for k := range n {
			sym.SetSym(k, k, sym.At(k, k)+1e-10*tr/float64(n))
		}
		if !ch.Factorize(sym) {
			return nil, fmt.Errorf("ssid: covariance of y's past is singular (duplicated or constant channels?)")
		}
	}
	var l mat.TriDense
	ch.LTo(&l)
	return &l, nil
}
