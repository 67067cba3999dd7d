package lds

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/linalg"
)

// SteadyState is the time-invariant Kalman filter of a model: the gain comes from the
// stabilising solution of the discrete algebraic Riccati equation (DARE), which the time-varying
// filter reaches after its transient. It costs O(n² + n p) per step, needs fully observed data
// and is the filter of choice for long recordings and online (closed-loop) decoding.
//
//	x̂(t|t)   = x̂(t|t−1) + K (y(t) − C x̂(t|t−1) − D u(t) − Dout)
//	x̂(t+1|t) = A x̂(t|t) + B u(t)
type SteadyState struct {
	P  *mat.SymDense // steady one-step prediction covariance cov(x(t) | y(0..t−1))
	Pf *mat.SymDense // steady filtered covariance cov(x(t) | y(0..t))
	K  *mat.Dense    // n×p filter gain

	md      *Model
	n, p, m int
	fa, fb  []float64 // x̂(t|t) = FA x̂(t−1|t−1) + FB u(t−1) + K y(t) − KD u(t) − Kd
	k, kd   []float64
	kdout   []float64
}

// SteadyState solves the DARE (in the n-dimensional reduced observation space, so the cost does
// not grow with p) and returns the steady-state filter. It fails when no stabilising solution
// exists, for example when an unstable mode is not observed.
func (md *Model) SteadyState() (*SteadyState, error) {
	if err := md.Validate(); err != nil {
		return nil, err
	}
	em, err := newEmission(md)
	if err != nil {
		return nil, err
	}
	n, p, m := md.Dims()
	pt := em.full
	r := pt.r
	if r == 0 {
		return nil, fmt.Errorf("lds: C is zero; the observations carry no information about x")
	}
	u := mat.NewDense(r, n, pt.u)
	ident := mat.NewSymDense(r, nil)
	for i := range r {
		ident.SetSym(i, i, 1)
	}
	pp, err := linalg.SolveDARE(md.A, u, md.Q, ident, nil)
	if err != nil {
		return nil, fmt.Errorf("lds: steady-state gain: %w", err)
	}
	ss := &SteadyState{P: pp, md: md, n: n, p: p, m: m}
	// In z-space: S = I + U P Uᵀ, Kz = P Uᵀ S⁻¹, Pf = P − Kz S Kzᵀ; in y-space K = Kz G.
	var up, s mat.Dense
	up.Mul(u, pp)
	s.Mul(&up, u.T())
	ssym := symOf(&s)
	for i := range r {
		ssym.SetSym(i, i, ssym.At(i, i)+1)
	}
	var ch mat.Cholesky
	if !ch.Factorize(ssym) {
		return nil, fmt.Errorf("lds: steady-state innovation matrix is not positive definite")
	}
	var kzT mat.Dense
	if err := ch.SolveTo(&kzT, &up); err != nil {
		return nil, err
	}
	var kup, pf mat.Dense
	kup.Mul(kzT.T(), &up)
	pf.Sub(pp, &kup)
	ss.Pf = symOf(&pf)
	ss.K = mat.NewDense(n, p, nil)
	ss.K.Mul(kzT.T(), pt.g)
	// FA = (I − K C) A, FB = (I − K C) B, KD = K D, Kd = K Dout.
	ikc := mat.NewDense(n, n, nil)
	ikc.Mul(ss.K, md.C)
	ikc.Scale(-1, ikc)
	for i := range n {
		ikc.Set(i, i, ikc.At(i, i)+1)
	}
	var fa mat.Dense
	fa.Mul(ikc, md.A)
	ss.fa = fa.RawMatrix().Data
	ss.k = ss.K.RawMatrix().Data
	if m > 0 {
		b := md.B
		if b == nil {
			b = mat.NewDense(n, m, nil)
		}
		var fb, kd mat.Dense
		fb.Mul(ikc, b)
		ss.fb = fb.RawMatrix().Data
		if md.D != nil {
			kd.Mul(ss.K, md.D)
			ss.kd = kd.RawMatrix().Data
		}
	}
	ss.kdout = make([]float64, n)
	mat.NewVecDense(n, ss.kdout).MulVec(ss.K, mat.NewVecDense(p, md.offset()))
	return ss, nil
}

// Filter runs the steady-state filter over one trial y (T×p, no missing entries) with inputs u
// (T×m or nil) and returns the filtered means x̂(t|t) (T×n). The first step uses Mu0 as the
// predicted mean.
func (ss *SteadyState) Filter(y, u *mat.Dense) (*mat.Dense, error) {
	miss, err := checkTrials([]*mat.Dense{y}, inputsOf(u), ss.p, ss.m)
	if err != nil {
		return nil, err
	}
	if miss {
		return nil, fmt.Errorf("lds: the steady-state filter needs fully observed data; use Model.Filter for missing entries")
	}
	T, _ := y.Dims()
	out := mat.NewDense(T, ss.n, nil)
	raw := out.RawMatrix().Data
	n := ss.n
	x := raw[:n]
	// First step: x̂(0|0) = Mu0 + K (y(0) − C Mu0 − D u(0) − Dout).
	mu0 := ss.md.mean0()
	cmu := make([]float64, ss.p)
	mat.NewVecDense(ss.p, cmu).MulVec(ss.md.C, mat.NewVecDense(n, mu0))
	y0 := y.RawRowView(0)
	resid := make([]float64, ss.p)
	for i := range resid {
		resid[i] = y0[i] - cmu[i]
	}
	for i := range n {
		x[i] = mu0[i] + dot(ss.k[i*ss.p:(i+1)*ss.p], resid) - ss.kdout[i]
		if ss.kd != nil {
			x[i] -= dot(ss.kd[i*ss.m:(i+1)*ss.m], u.RawRowView(0))
		}
	}
	for t := 1; t < T; t++ {
		var ut, uprev []float64
		if u != nil {
			ut, uprev = u.RawRowView(t), u.RawRowView(t-1)
		}
		ss.step(raw[t*n:(t+1)*n], raw[(t-1)*n:t*n], y.RawRowView(t), ut, uprev)
	}
	return out, nil
}

// Step advances the filter by one bin online: given the previous filtered mean prev, the new
// observation y (length p, fully observed), the new input u and the previous input uPrev (nil
// without inputs), it writes x̂(t|t) into dst.
func (ss *SteadyState) Step(dst, prev, y, u, uPrev []float64) error {
	if len(dst) != ss.n || len(prev) != ss.n || len(y) != ss.p {
		return fmt.Errorf("lds: Step needs dst, prev of length n = %d and y of length p = %d", ss.n, ss.p)
	}
	if ss.m > 0 && (len(u) != ss.m || len(uPrev) != ss.m) {
		return fmt.Errorf("lds: Step needs u and uPrev of length m = %d", ss.m)
	}
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("lds: y[%d] = %v; the steady-state filter needs finite observations", i, v)
		}
	}
	ss.step(dst, prev, y, u, uPrev)
	return nil
}

func (ss *SteadyState) step(dst, prev, y, u, uPrev []float64) {
	n, p, m := ss.n, ss.p, ss.m
	for i := range n {
		v := dot(ss.fa[i*n:(i+1)*n], prev) + dot(ss.k[i*p:(i+1)*p], y) - ss.kdout[i]
		if ss.fb != nil && uPrev != nil {
			v += dot(ss.fb[i*m:(i+1)*m], uPrev)
		}
		if ss.kd != nil && u != nil {
			v -= dot(ss.kd[i*m:(i+1)*m], u)
		}
		dst[i] = v
	}
}

func inputsOf(u *mat.Dense) []*mat.Dense {
	if u == nil {
		return nil
	}
	return []*mat.Dense{u}
}
