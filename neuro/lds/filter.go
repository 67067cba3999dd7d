package lds

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// Filtered is the causal (Kalman filter) posterior of one trial. Covariances of steps after the
// Riccati recursion has converged share storage: treat them as read-only.
type Filtered struct {
	PredMean *mat.Dense      // T×n, E[x(t) | y(0..t−1)]
	PredCov  []*mat.SymDense // cov(x(t) | y(0..t−1))
	Mean     *mat.Dense      // T×n, E[x(t) | y(0..t)]
	Cov      []*mat.SymDense // cov(x(t) | y(0..t))
	PredObs  *mat.Dense      // T×p one-step-ahead predictions E[y(t) | y(0..t−1)], also where y is missing
	Innov    *mat.Dense      // T×p innovations y(t) − E[y(t) | y(0..t−1)]; NaN where y is missing
	LogLik   float64         // log p(y(0..T−1)) of the observed entries
}

// Smoothed is the non-causal (Rauch–Tung–Striebel) posterior of one trial. Covariances of steps
// in the converged middle of a long trial share storage: treat them as read-only.
type Smoothed struct {
	Mean     *mat.Dense      // T×n, E[x(t) | all data of the trial]
	Cov      []*mat.SymDense // cov(x(t) | all data)
	CrossCov []*mat.Dense    // T−1 lag-one cross-covariances cov(x(t+1), x(t) | all data)
	LogLik   float64         // log p(y(0..T−1)) of the observed entries
}

// Filter runs the Kalman filter on every trial. data[k] is T_k×p (rows are time bins, NaN
// entries are missing); inputs is nil or one T_k×m matrix per trial.
func (md *Model) Filter(data, inputs []*mat.Dense) ([]*Filtered, error) {
	eng, err := newEngine(md)
	if err != nil {
		return nil, err
	}
	missing, err := md.checkData(data, inputs)
	if err != nil {
		return nil, err
	}
	n, _, _ := md.Dims()
	out := make([]*Filtered, len(data))
	err = eng.forEach(data, inputs, false, func(_, k int, post *trialPost) error {
		T := post.tr.T
		f := &Filtered{
			PredMean: mat.NewDense(T, n, post.xp),
			Mean:     mat.NewDense(T, n, post.xf),
			LogLik:   post.ll,
			PredCov:  make([]*mat.SymDense, T),
			Cov:      make([]*mat.SymDense, T),
		}
		syms := map[*mat.Dense]*mat.SymDense{}
		for t, s := range post.fs {
			f.PredCov[t] = toSym(syms, s.pp)
			f.Cov[t] = toSym(syms, s.pf)
		}
		// ŷ = C x̂ + D u + Dout = y − (yc − C x̂) with yc = y − D u − Dout.
		p := md.C.RawMatrix().Rows
		f.Innov = mat.NewDense(T, p, nil)
		f.Innov.Mul(f.PredMean, md.C.T())
		yc := eng.em.centred(data[k], input(inputs, k))
		f.PredObs = mat.NewDense(T, p, nil)
		f.PredObs.Sub(yc, f.Innov)
		f.PredObs.Sub(data[k], f.PredObs)
		f.Innov.Sub(yc, f.Innov)
		if missing {
			fillPred(f.PredObs, f.PredMean, md, input(inputs, k))
		}
		out[k] = f
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Smooth runs the Kalman filter and the RTS smoother on every trial (arguments as for Filter).
func (md *Model) Smooth(data, inputs []*mat.Dense) ([]*Smoothed, error) {
	eng, err := newEngine(md)
	if err != nil {
		return nil, err
	}
	if _, err := md.checkData(data, inputs); err != nil {
		return nil, err
	}
	n, _, _ := md.Dims()
	out := make([]*Smoothed, len(data))
	err = eng.forEach(data, inputs, true, func(_, k int, post *trialPost) error {
		T := post.tr.T
		s := &Smoothed{
			Mean:     mat.NewDense(T, n, post.ms),
			LogLik:   post.ll,
			Cov:      make([]*mat.SymDense, T),
			CrossCov: make([]*mat.Dense, T-1),
		}
		syms := map[*mat.Dense]*mat.SymDense{}
		for t, b := range post.bs {
			s.Cov[t] = toSym(syms, b.ps)
			if t < T-1 {
				s.CrossCov[t] = b.cc
			}
		}
		out[k] = s
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LogLikelihood returns the total log-likelihood of the observed entries of all trials.
func (md *Model) LogLikelihood(data, inputs []*mat.Dense) (float64, error) {
	lls, err := md.trialLogLik(data, inputs)
	if err != nil {
		return 0, err
	}
	var s float64
	for _, v := range lls {
		s += v
	}
	return s, nil
}

// trialLogLik returns the log-likelihood of each trial.
func (md *Model) trialLogLik(data, inputs []*mat.Dense) ([]float64, error) {
	eng, err := newEngine(md)
	if err != nil {
		return nil, err
	}
	if _, err := md.checkData(data, inputs); err != nil {
		return nil, err
	}
	lls := make([]float64, len(data))
	err = eng.forEach(data, inputs, false, func(_, k int, post *trialPost) error {
		lls[k] = post.ll
		return nil
	})
	return lls, err
}

// toSym converts a symmetric Dense to a SymDense, once per distinct matrix.
func toSym(cache map[*mat.Dense]*mat.SymDense, d *mat.Dense) *mat.SymDense {
	if s, ok := cache[d]; ok {
		return s
	}
	n, _ := d.Dims()
	s := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			s.SetSym(i, j, d.At(i, j))
		}
	}
	cache[d] = s
	return s
}

// fillPred sets the predictions at missing entries (NaN after y − innovation) to C x̂ + D u + Dout.
func fillPred(pred, xp *mat.Dense, md *Model, u *mat.Dense) {
	T, _ := pred.Dims()
	d := md.offset()
	for t := range T {
		row := pred.RawRowView(t)
		for i, v := range row {
			if !math.IsNaN(v) {
				continue
			}
			w := dot(md.C.RawRowView(i), xp.RawRowView(t)) + d[i]
			if md.D != nil && u != nil {
				w += dot(md.D.RawRowView(i), u.RawRowView(t))
			}
			row[i] = w
		}
	}
}
