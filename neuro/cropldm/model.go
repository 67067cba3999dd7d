package cropldm

import (
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/linalg"
	"github.com/neurodyn/neurodyn/neuro/ssid"
	"gonum.org/v1/gonum/mat"
)

// Config sets a CroP-LDM fit.
type Config struct {
	N1      int // cross-population states (≥ 0; 0 gives the non-prioritized source-only model)
	NX      int // total states n1 + n2; 0 means NX = N1 (no within-source states)
	Horizon int // i, past/future lags of the subspace step (default 10)

	// ZeroWithinSourceReadout constrains the target readout of the within-source states to
	// zero (Cz = [Cz1 0]); by default the whole Cz is fitted.
	ZeroWithinSourceReadout bool
	// CzFromProjection fits the target readout on the projected states of the subspace step
	// instead of on the Kalman-predicted states (the default).
	CzFromProjection bool
	// Oblique projects the target's future onto the source's past along the target's own
	// past in stage 1 (a Granger-style variant; see the package documentation).
	Oblique bool
	// Stabilize clips learned eigenvalues above 0.999 in magnitude; the model's Report says
	// when this happened.
	Stabilize bool
	// NonCausal also learns the backward model needed for smoothed (non-causal) inference.
	NonCausal bool
}

// Model is a fitted CroP-LDM: a state-space model driven by the source population whose first
// N1 states are the cross-population states, with a readout of the target population.
type Model struct {
	// Sys holds A, the source readout Cy, the target readout Cz, the noise statistics, the
	// Kalman gains and the channel means (source = y, target = z).
	Sys *ssid.Model
	N1  int
	// L is the learned update term of causal filtering: ẑ_{k|k} = Cz x̂_{k|k−1} + L e_k with
	// e_k the source innovation (nz×ny).
	L *mat.Dense
	// Backward (set with Config.NonCausal) predicts, in reversed time, the residual of the
	// filtered target prediction from the source samples after k.
	Backward *Model
	// J is the steady-state RTS smoother gain P_{k|k} Ãᵀ P_{k+1|k}⁻¹ of a generative model
	// (such as ThreeBlock.Truth), and Bsm = S R⁻¹ the input that decorrelates the noises
	// (Ã = A − Bsm Cy). Nil for learned models.
	J, Bsm *mat.Dense
}

// Fit learns a CroP-LDM from trials of source and target activity (T_k×ny and T_k×nz, equal
// lengths per trial). Trials shorter than 2·Horizon are skipped (Model.Sys.Report).
func Fit(source, target []*mat.Dense, cfg Config) (*Model, error) {
	if len(target) == 0 {
		return nil, fmt.Errorf("cropldm: target has no trials")
	}
	if len(source) != len(target) {
		return nil, fmt.Errorf("cropldm: source has %d trials, target has %d", len(source), len(target))
	}
	for k := range source {
		if source[k] == nil || target[k] == nil {
			return nil, fmt.Errorf("cropldm: trial %d is nil", k)
		}
		if rs, rt := source[k].RawMatrix().Rows, target[k].RawMatrix().Rows; rs != rt {
			return nil, fmt.Errorf("cropldm: trial %d has %d source samples but %d target samples", k, rs, rt)
		}
	}
	scfg, err := cfg.ssidConfig()
	if err != nil {
		return nil, err
	}
	// The readout refit on Kalman-predicted states is done here, in the same filter pass as
	// the update term L.
	proj := scfg
	proj.CzFromProjection = true
	mo, err := ssid.NewMoments(source, target, proj.Horizon, proj.Oblique)
	if err != nil {
		return nil, fmt.Errorf("cropldm: %w", err)
	}
	sys, err := ssid.FitMoments(mo, nil, nil, proj)
	if err != nil {
		return nil, fmt.Errorf("cropldm: %w", err)
	}
	m := &Model{Sys: sys, N1: sys.N1}
	if err := m.fitReadouts(mo, source, target, !cfg.CzFromProjection, cfg.ZeroWithinSourceReadout); err != nil {
		return nil, err
	}
	if cfg.NonCausal {
		if err := m.fitBackward(source, target, scfg); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// fitBackward learns the backward model of forward-backward smoothing: the residual
// r_k = z_k − ẑ_{k|k} of the filtered prediction, in reversed time, predicted one step ahead
// from the reversed source (that is, from y_{k+1}, …, y_{T−1}).
func (m *Model) fitBackward(source, target []*mat.Dense, scfg ssid.Config) error {
	zf, err := m.PredictMode(source, Filtered)
	if err != nil {
		return err
	}
	res := make([]*mat.Dense, len(target))
	for k := range target {
		var r mat.Dense
		r.Sub(target[k], zf[k])
		res[k] = &r
	}
	rs, rr := reverse(source), reverse(res)
	sys, err := ssid.Fit(rs, rr, scfg)
	if err != nil {
		return fmt.Errorf("cropldm: backward model: %w", err)
	}
	m.Backward = &Model{Sys: sys, N1: sys.N1}
	return nil
}

// reverse returns every trial with its rows in reversed time order.
func reverse(x []*mat.Dense) []*mat.Dense {
	out := make([]*mat.Dense, len(x))
	for k, xk := range x {
		T, c := xk.Dims()
		r := mat.NewDense(T, c, nil)
		for t := range T {
			copy(r.RawRowView(T-1-t), xk.RawRowView(t))
		}
		out[k] = r
	}
	return out
}

func (cfg Config) ssidConfig() (ssid.Config, error) {
	nx := cfg.NX
	if nx == 0 {
		nx = cfg.N1
	}
	if cfg.N1 < 0 {
		return ssid.Config{}, fmt.Errorf("cropldm: N1 = %d, need N1 ≥ 0", cfg.N1)
	}
	if nx < cfg.N1 {
		return ssid.Config{}, fmt.Errorf("cropldm: NX = %d is smaller than N1 = %d", cfg.NX, cfg.N1)
	}
	if nx == 0 {
		return ssid.Config{}, fmt.Errorf("cropldm: N1 = NX = 0, need at least one state")
	}
	h := cfg.Horizon
	if h == 0 {
		h = 10
	}
	return ssid.Config{NX: nx, N1: cfg.N1, Horizon: h, Oblique: cfg.Oblique,
		CzFromProjection: cfg.CzFromProjection, ZeroCzWithinSource: cfg.ZeroWithinSourceReadout,
		Stabilize: cfg.Stabilize}, nil
}

// fitReadouts runs the Kalman filter once over the training data; with refitCz it refits Cz
// by least squares of the target on x̂_{k|k−1} (only on the cross states with zeroWithin), then
// it learns L by regressing the one-step target residual r_k = z_k − z̄ − Cz x̂_{k|k−1} on the
// source innovation e_k = y_k − ȳ − Cy x̂_{k|k−1}. The sums Σ e eᵀ and Σ r eᵀ are expanded into
// sums of data products (from the moments) and of state products, so the data are touched
// only by the filter and two thin products with the states.
func (m *Model) fitReadouts(mo *ssid.Moments, source, target []*mat.Dense, refitCz, zeroWithin bool) error {
	xp, _, err := m.Sys.Filter(source, false)
	if err != nil {
		return fmt.Errorf("cropldm: %w", err)
	}
	if refitCz {
		if err := m.refitCz(xp, target, zeroWithin); err != nil {
			return err
		}
	}
	nx := m.Sys.NX()
	ny, _ := m.Sys.Cy.Dims()
	nz, _ := m.Sys.Cz.Dims()
	sxx := mat.NewDense(nx, nx, nil)
	sxy := mat.NewDense(nx, ny, nil)
	sxz := mat.NewDense(nx, nz, nil)
	for k := range source {
		var a, b, c mat.Dense
		a.Mul(xp[k].T(), xp[k])
		sxx.Add(sxx, &a)
		b.Mul(xp[k].T(), source[k])
		sxy.Add(sxy, &b)
		c.Mul(xp[k].T(), target[k])
		sxz.Add(sxz, &c)
		// Centre: Σ x̂ (y − ȳ)ᵀ = Σ x̂ yᵀ − (Σ x̂) ȳᵀ.
		T, _ := xp[k].Dims()
		colSum := make([]float64, nx)
		for t := range T {
			for j, v := range xp[k].RawRowView(t) {
				colSum[j] += v
			}
		}
		for i, cs := range colSum {
			for j := range ny {
				sxy.Set(i, j, sxy.At(i, j)-cs*m.Sys.YMean[j])
			}
			for j := range nz {
				sxz.Set(i, j, sxz.At(i, j)-cs*m.Sys.ZMean[j])
			}
		}
	}
	syy, szy, _ := mo.Lag0Sums()
	cy, cz := m.Sys.Cy, m.Sys.Cz
	// See = Syy − Syx Cyᵀ − Cy Sxy + Cy Sxx Cyᵀ;  Sre = Szy − Szx Cyᵀ − Cz Sxy + Cz Sxx Cyᵀ.
	var t1, t2, t3, cxy mat.Dense
	t1.Mul(sxx, cy.T()) // Sxx Cyᵀ
	cxy.Sub(sxy, &t1)   // Sxy − Sxx Cyᵀ
	t2.Mul(cy, &cxy)    // Cy Sxy − Cy Sxx Cyᵀ
	t3.Mul(sxy.T(), cy.T())
	see := mat.NewDense(ny, ny, nil)
	see.Sub(syy, &t3)
	see.Sub(see, &t2)
	var u1, u2 mat.Dense
	u1.Mul(sxz.T(), cy.T()) // Szx Cyᵀ
	u2.Mul(cz, &cxy)        // Cz Sxy − Cz Sxx Cyᵀ
	sre := mat.NewDense(nz, ny, nil)
	sre.Sub(szy, &u1)
	sre.Sub(sre, &u2)
	ch, err := linalg.Cholesky(linalg.Symmetrize(see), "source innovation covariance")
	if err != nil {
		return fmt.Errorf("cropldm: update term: %w", err)
	}
	var lt mat.Dense
	if err := ch.SolveTo(&lt, sre.T()); err != nil {
		return fmt.Errorf("cropldm: update term: %v", err)
	}
	m.L = mat.DenseCopyOf(lt.T())
	return nil
}

// refitCz sets Cz to the least-squares readout of the centred target from the predicted
// states xp (first N1 columns only when zeroWithin and 0 < N1 < nx).
func (m *Model) refitCz(xp, target []*mat.Dense, zeroWithin bool) error {
	nx := m.Sys.NX()
	nz, _ := m.Sys.Cz.Dims()
	nfit := nx
	if zeroWithin && m.N1 > 0 && m.N1 < nx {
		nfit = m.N1
	}
	sxx := mat.NewSymDense(nfit, nil)
	szx := mat.NewDense(nz, nfit, nil)
	for k := range xp {
		x := xp[k].Slice(0, xp[k].RawMatrix().Rows, 0, nfit)
		var a mat.SymDense
		a.SymOuterK(1, x.T())
		sxx.AddSym(sxx, &a)
		zc := mat.DenseCopyOf(target[k])
		addMean(zc, negate(m.Sys.ZMean))
		var b mat.Dense
		b.Mul(zc.T(), x)
		szx.Add(szx, &b)
	}
	ch, err := linalg.Cholesky(sxx, "covariance of the predicted states")
	if err != nil {
		return fmt.Errorf("cropldm: target readout: %w", err)
	}
	var ct mat.Dense
	if err := ch.SolveTo(&ct, szx.T()); err != nil {
		return fmt.Errorf("cropldm: target readout: %v", err)
	}
	cz := mat.NewDense(nz, nx, nil)
	cz.Slice(0, nz, 0, nfit).(*mat.Dense).Copy(ct.T())
	m.Sys.Cz = cz
	return nil
}

func negate(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = -v
	}
	return out
}

// smootherGain computes, for a generative model, the steady-state RTS gain of the decorrelated
// system
// x_{k+1} = Ã x_k + S R⁻¹ (y_k − ȳ) + w̃_k, Ã = A − S R⁻¹ Cy.
func (m *Model) smootherGain() error {
	s := m.Sys
	rch, err := linalg.Cholesky(s.R, "source noise covariance R")
	if err != nil {
		return fmt.Errorf("cropldm: smoother: %w", err)
	}
	var rinvSt mat.Dense
	if err := rch.SolveTo(&rinvSt, s.S.T()); err != nil {
		return fmt.Errorf("cropldm: smoother: %v", err)
	}
	bsm := mat.DenseCopyOf(rinvSt.T()) // S R⁻¹
	var bc, at mat.Dense
	bc.Mul(bsm, s.Cy)
	at.Sub(s.A, &bc)
	// P_{k|k} = P − Kf Σe Kfᵀ.
	var kfs, kfsk mat.Dense
	kfs.Mul(s.Kf, s.InnovCov)
	kfsk.Mul(&kfs, s.Kf.T())
	var pf mat.Dense
	pf.Sub(s.P, &kfsk)
	// J = P_f Ãᵀ P⁻¹  ⇔  P Jᵀ = Ã P_f.
	pch, err := linalg.Cholesky(s.P, "steady-state prediction covariance P")
	if err != nil {
		return fmt.Errorf("cropldm: smoother: %w", err)
	}
	var apf, jt mat.Dense
	apf.Mul(&at, &pf)
	if err := pch.SolveTo(&jt, &apf); err != nil {
		return fmt.Errorf("cropldm: smoother: %v", err)
	}
	m.J = mat.DenseCopyOf(jt.T())
	m.Bsm = bsm
	return nil
}

// CrossEigenvalues returns the eigenvalues of A11, the cross-population dynamics.
func (m *Model) CrossEigenvalues() ([]complex128, error) {
	if m.N1 == 0 {
		return nil, nil
	}
	return linalg.Eigenvalues(m.Sys.A.Slice(0, m.N1, 0, m.N1))
}

// residual returns x − mean − xs Cᵀ for one trial.
func residual(x, xs, c *mat.Dense, mean []float64) *mat.Dense {
	var r mat.Dense
	r.Mul(xs, c.T())
	T, n := r.Dims()
	for t := range T {
		row, src := r.RawRowView(t), x.RawRowView(t)
		for j := range n {
			row[j] = src[j] - mean[j] - row[j]
		}
	}
	return &r
}
