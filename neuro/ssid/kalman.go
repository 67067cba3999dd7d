package ssid

import (
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/linalg"
	"gonum.org/v1/gonum/mat"
)

// Filter runs the steady-state Kalman filter on every trial of y (raw data; YMean is removed
// here), starting each trial from x̂_{0|−1} = 0. It returns the one-step predicted states
// x̂_{k|k−1} and, when filtered is true, the filtered states x̂_{k|k} (T×nx per trial).
func (m *Model) Filter(y []*mat.Dense, filtered bool) (xPred, xFilt []*mat.Dense, err error) {
	ny, _ := m.Cy.Dims()
	nc, err := checkTrials("y", y)
	if err != nil {
		return nil, nil, err
	}
	if nc != ny {
		return nil, nil, fmt.Errorf("ssid: y has %d channels, the model has %d", nc, ny)
	}
	nx := m.NX()
	// x̂_{k+1|k} = (A − K Cy) x̂_{k|k−1} + K (y_k − ȳ).
	var kc, acl mat.Dense
	kc.Mul(m.K, m.Cy)
	acl.Sub(m.A, &kc)
	ad := acl.RawMatrix().Data
	xPred = make([]*mat.Dense, len(y))
	if filtered {
		xFilt = make([]*mat.Dense, len(y))
	}
	for k, yk := range y {
		T, _ := yk.Dims()
		yc := centred(yk, m.YMean)
		var u mat.Dense
		u.Mul(yc, m.K.T()) // row t: K (y_t − ȳ)
		ud := u.RawMatrix().Data
		xp := mat.NewDense(T, nx, nil)
		xd := xp.RawMatrix().Data
		for t := 1; t < T; t++ {
			prev := xd[(t-1)*nx : t*nx]
			cur := xd[t*nx : (t+1)*nx]
			up := ud[(t-1)*nx : t*nx]
			for r := range nx {
				s := up[r]
				row := ad[r*nx : (r+1)*nx]
				for c, v := range prev {
					s += row[c] * v
				}
				cur[r] = s
			}
		}
		xPred[k] = xp
		if filtered {
			// x̂_{k|k} = x̂_{k|k−1} + Kf (y_k − ȳ − Cy x̂_{k|k−1}).
			e := innovations(yc, xp, m.Cy)
			var corr mat.Dense
			corr.Mul(e, m.Kf.T())
			xf := mat.NewDense(T, nx, nil)
			xf.Add(xp, &corr)
			xFilt[k] = xf
		}
	}
	return xPred, xFilt, nil
}

// Innovations returns e_k = y_k − ȳ − Cy x̂_{k|k−1} for every trial.
func (m *Model) Innovations(y []*mat.Dense) ([]*mat.Dense, error) {
	xp, _, err := m.Filter(y, false)
	if err != nil {
		return nil, err
	}
	out := make([]*mat.Dense, len(y))
	for k := range y {
		out[k] = innovations(centred(y[k], m.YMean), xp[k], m.Cy)
	}
	return out, nil
}

// PredictZ returns the one-step causal prediction ẑ_{k|k−1} = Cz x̂_{k|k−1} + z̄ of z from the
// past of y, for every trial.
func (m *Model) PredictZ(y []*mat.Dense) ([]*mat.Dense, error) {
	if m.Cz == nil {
		return nil, fmt.Errorf("ssid: the model has no z readout")
	}
	xp, _, err := m.Filter(y, false)
	if err != nil {
		return nil, err
	}
	return readout(xp, m.Cz, m.ZMean), nil
}

// PredictY returns the one-step prediction ŷ_{k|k−1} = Cy x̂_{k|k−1} + ȳ of y from its own past.
func (m *Model) PredictY(y []*mat.Dense) ([]*mat.Dense, error) {
	xp, _, err := m.Filter(y, false)
	if err != nil {
		return nil, err
	}
	return readout(xp, m.Cy, m.YMean), nil
}

// RefitCz sets Cz to the least-squares readout of z from the Kalman-predicted states
// x̂_{k|k−1} on the given data; with zeroWithin (and 0 < N1 < nx) only the first N1 columns
// are fitted and the others are zero.
func (m *Model) RefitCz(y, z []*mat.Dense, zeroWithin bool) error {
	if _, _, err := checkPair(y, z); err != nil {
		return err
	}
	xp, _, err := m.Filter(y, false)
	if err != nil {
		return err
	}
	nx := m.NX()
	_, nz := z[0].Dims()
	if m.ZMean == nil {
		m.ZMean = make([]float64, nz)
	}
	if len(m.ZMean) != nz {
		return fmt.Errorf("ssid: z has %d channels, the model's ZMean has %d", nz, len(m.ZMean))
	}
	nfit := nx
	if zeroWithin && m.N1 > 0 && m.N1 < nx {
		nfit = m.N1
	}
	sxx := mat.NewSymDense(nfit, nil)
	szx := mat.NewDense(nz, nfit, nil)
	for k := range y {
		x := xp[k].Slice(0, xp[k].RawMatrix().Rows, 0, nfit)
		zc := centred(z[k], m.ZMean)
		var a mat.SymDense
		a.SymOuterK(1, x.T())
		sxx.AddSym(sxx, &a)
		var b mat.Dense
		b.Mul(zc.T(), x)
		szx.Add(szx, &b)
	}
	c, err := linalg.Cholesky(sxx, "covariance of the predicted states")
	if err != nil {
		return fmt.Errorf("ssid: refit of Cz: %w", err)
	}
	var ct mat.Dense
	if err := c.SolveTo(&ct, szx.T()); err != nil {
		return fmt.Errorf("ssid: refit of Cz: %v", err)
	}
	cz := mat.NewDense(nz, nx, nil)
	cz.Slice(0, nz, 0, nfit).(*mat.Dense).Copy(ct.T())
	m.Cz = cz
	return nil
}

func centred(x *mat.Dense, mean []float64) *mat.Dense {
	T, c := x.Dims()
	out := mat.NewDense(T, c, nil)
	for t := range T {
		src, dst := x.RawRowView(t), out.RawRowView(t)
		for j, v := range src {
			dst[j] = v - mean[j]
		}
	}
	return out
}

func innovations(yc, xp *mat.Dense, cy *mat.Dense) *mat.Dense {
	var e mat.Dense
	e.Mul(xp, cy.T())
	e.Sub(yc, &e)
	return &e
}

// readout returns x Cᵀ + mean for every trial.
func readout(x []*mat.Dense, c *mat.Dense, mean []float64) []*mat.Dense {
	out := make([]*mat.Dense, len(x))
	for k, xk := range x {
		var o mat.Dense
		o.Mul(xk, c.T())
		T, n := o.Dims()
		for t := range T {
			row := o.RawRowView(t)
			for j := range n {
				row[j] += mean[j]
			}
		}
		out[k] = &o
	}
	return out
}
