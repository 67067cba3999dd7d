package lds

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/linalg"
)

// Model is a linear-Gaussian state-space model with n latent states, p observed channels and
// m inputs:
//
//	x(t+1) = A x(t) + B u(t) + w(t),          w ~ N(0, Q)
//	y(t)   = C x(t) + D u(t) + Dout + v(t),   v ~ N(0, R)
//	x(0) ~ N(Mu0, P0)
//
// Time t indexes the rows of a trial: x(0) is the state at the first bin, and u(t) (row t of the
// inputs) drives both y(t) and x(t+1). A nil B, D, Dout or Mu0 stands for zeros; a model with
// inputs has m > 0 columns in B or D. When RLowRank is set, R must equal diag(Psi) + W Wᵀ.
type Model struct {
	A    *mat.Dense    // n×n dynamics matrix
	B    *mat.Dense    // n×m input matrix (nil: no input to the dynamics)
	C    *mat.Dense    // p×n loading (emission) matrix
	D    *mat.Dense    // p×m input feedthrough (nil: none)
	Dout []float64     // length p output offset d (nil: zero)
	Q    *mat.SymDense // n×n state noise covariance, positive semi-definite
	R    *mat.SymDense // p×p observation noise covariance, positive definite
	// RLowRank optionally declares R = diag(Psi) + W Wᵀ (set both with SetLowRankR); inference
	// then uses the Woodbury identity and never forms a p×p matrix. nil: R is used as it is.
	RLowRank *LowRankR
	Mu0      []float64     // length n initial state mean (nil: zero)
	P0       *mat.SymDense // n×n initial state covariance, positive semi-definite
}

// Dims returns the number of latent states n, observed channels p and inputs m.
func (md *Model) Dims() (n, p, m int) {
	if md.A != nil {
		n, _ = md.A.Dims()
	}
	if md.C != nil {
		p, _ = md.C.Dims()
	}
	if md.B != nil {
		_, m = md.B.Dims()
	} else if md.D != nil {
		_, m = md.D.Dims()
	}
	return n, p, m
}

// Validate checks shapes, finiteness and that Q and P0 are positive semi-definite and R is
// positive definite; with RLowRank, that Psi > 0, W is p×k and finite and R = diag(Psi) + W Wᵀ.
func (md *Model) Validate() error {
	if md == nil {
		return fmt.Errorf("lds: model is nil")
	}
	if md.A == nil || md.C == nil || md.Q == nil || md.R == nil || md.P0 == nil {
		return fmt.Errorf("lds: model needs A, C, Q, R and P0 (nil found)")
	}
	n, p, m := md.Dims()
	if r, c := md.A.Dims(); r != c {
		return fmt.Errorf("lds: A is %d×%d, need square", r, c)
	}
	if n == 0 || p == 0 {
		return fmt.Errorf("lds: model has n = %d states and p = %d channels, need both > 0", n, p)
	}
	if _, c := md.C.Dims(); c != n {
		return fmt.Errorf("lds: C has %d columns, need n = %d", c, n)
	}
	if md.B != nil {
		if r, c := md.B.Dims(); r != n || c != m {
			return fmt.Errorf("lds: B is %d×%d, need %d×%d", r, c, n, m)
		}
	}
	if md.D != nil {
		if r, c := md.D.Dims(); r != p || c != m {
			return fmt.Errorf("lds: D is %d×%d, need %d×%d", r, c, p, m)
		}
	}
	if md.Dout != nil && len(md.Dout) != p {
		return fmt.Errorf("lds: Dout has length %d, need p = %d", len(md.Dout), p)
	}
	if md.Mu0 != nil && len(md.Mu0) != n {
		return fmt.Errorf("lds: Mu0 has length %d, need n = %d", len(md.Mu0), n)
	}
	for _, s := range []struct {
		name string
		m    *mat.SymDense
		size int
	}{{"Q", md.Q, n}, {"R", md.R, p}, {"P0", md.P0, n}} {
		if s.m.SymmetricDim() != s.size {
			return fmt.Errorf("lds: %s is %d×%d, need %d×%d", s.name, s.m.SymmetricDim(), s.m.SymmetricDim(), s.size, s.size)
		}
	}
	mats := []struct {
		name string
		m    mat.Matrix
	}{{"A", md.A}, {"C", md.C}, {"Q", md.Q}, {"R", md.R}, {"P0", md.P0}}
	if md.B != nil {
		mats = append(mats, struct {
			name string
			m    mat.Matrix
		}{"B", md.B})
	}
	if md.D != nil {
		mats = append(mats, struct {
			name string
			m    mat.Matrix
		}{"D", md.D})
	}
	for _, x := range mats {
		if !allFinite(x.m) {
			return fmt.Errorf("lds: %s has NaN or Inf entries", x.name)
		}
	}
	for _, v := range []struct {
		name string
		v    []float64
	}{{"Dout", md.Dout}, {"Mu0", md.Mu0}} {
		for i, x := range v.v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("lds: %s[%d] = %v is not finite", v.name, i, x)
			}
		}
	}
	if !linalg.IsPSD(md.Q, 1e-10) {
		return fmt.Errorf("lds: Q is not positive semi-definite")
	}
	if !linalg.IsPSD(md.P0, 1e-10) {
		return fmt.Errorf("lds: P0 is not positive semi-definite")
	}
	if lr := md.RLowRank; lr != nil {
		if err := lr.validate(p); err != nil {
			return err
		}
		if !lr.matches(md.R) {
			return fmt.Errorf("lds: R differs from diag(RLowRank.Psi) + W Wᵀ (set both with SetLowRankR)")
		}
		return nil // positive definite since Ψ > 0
	}
	if isDiagonal(md.R) {
		for i := range p {
			if !(md.R.At(i, i) > 0) {
				return fmt.Errorf("lds: R[%d,%d] = %v, need > 0", i, i, md.R.At(i, i))
			}
		}
		return nil
	}
	var ch mat.Cholesky
	if !ch.Factorize(md.R) {
		return fmt.Errorf("lds: R is not positive definite")
	}
	return nil
}

// Clone returns a deep copy of the model.
func (md *Model) Clone() *Model {
	c := &Model{
		A:    mat.DenseCopyOf(md.A),
		C:    mat.DenseCopyOf(md.C),
		Dout: slices.Clone(md.Dout),
		Q:    mat.NewSymDense(md.Q.SymmetricDim(), nil),
		R:    mat.NewSymDense(md.R.SymmetricDim(), nil),
		Mu0:  slices.Clone(md.Mu0),
		P0:   mat.NewSymDense(md.P0.SymmetricDim(), nil),

		RLowRank: md.RLowRank.clone(),
	}
	c.Q.CopySym(md.Q)
	c.R.CopySym(md.R)
	c.P0.CopySym(md.P0)
	if md.B != nil {
		c.B = mat.DenseCopyOf(md.B)
	}
	if md.D != nil {
		c.D = mat.DenseCopyOf(md.D)
	}
	return c
}

// offset returns Dout, or zeros when it is nil.
func (md *Model) offset() []float64 {
	if md.Dout != nil {
		return md.Dout
	}
	_, p, _ := md.Dims()
	return make([]float64, p)
}

// mean0 returns Mu0, or zeros when it is nil.
func (md *Model) mean0() []float64 {
	if md.Mu0 != nil {
		return md.Mu0
	}
	n, _, _ := md.Dims()
	return make([]float64, n)
}

// checkData validates trials against the model: p columns each, at least one row, no ±Inf in
// y (NaN marks a missing entry), inputs finite with matching rows and m columns. It reports
// whether any entry is missing.
func (md *Model) checkData(data, inputs []*mat.Dense) (missing bool, err error) {
	_, p, m := md.Dims()
	return checkTrials(data, inputs, p, m)
}

func checkTrials(data, inputs []*mat.Dense, p, m int) (missing bool, err error) {
	if len(data) == 0 {
		return false, fmt.Errorf("lds: data has no trials")
	}
	if inputs != nil && len(inputs) != len(data) {
		return false, fmt.Errorf("lds: inputs has %d trials, data has %d", len(inputs), len(data))
	}
	if m > 0 && inputs == nil {
		return false, fmt.Errorf("lds: the model has %d inputs but inputs is nil", m)
	}
	for k, y := range data {
		if y == nil {
			return false, fmt.Errorf("lds: data[%d] is nil", k)
		}
		T, c := y.Dims()
		if c != p {
			return false, fmt.Errorf("lds: data[%d] has %d columns, need p = %d channels", k, c, p)
		}
		raw := y.RawMatrix()
		for t := range T {
			for _, v := range raw.Data[t*raw.Stride : t*raw.Stride+c] {
				if math.IsInf(v, 0) {
					return false, fmt.Errorf("lds: data[%d] row %d has an infinite entry", k, t)
				}
				if math.IsNaN(v) {
					missing = true
				}
			}
		}
		if inputs == nil || m == 0 {
			continue
		}
		u := inputs[k]
		if u == nil {
			return false, fmt.Errorf("lds: inputs[%d] is nil", k)
		}
		if r, c := u.Dims(); r != T || c != m {
			return false, fmt.Errorf("lds: inputs[%d] is %d×%d, need %d×%d", k, r, c, T, m)
		}
		if !allFinite(u) {
			return false, fmt.Errorf("lds: inputs[%d] has NaN or Inf entries", k)
		}
	}
	return missing, nil
}

// allFinite reports whether every entry of a Dense or SymDense is finite, reading raw storage.
func allFinite(m mat.Matrix) bool {
	switch v := m.(type) {
	case *mat.Dense:
		raw := v.RawMatrix()
		for i := range raw.Rows {
			if !finite(raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]) {
				return false
			}
		}
		return true
	case *mat.SymDense:
		raw := v.RawSymmetric()
		for i := range raw.N {
			if !finite(raw.Data[i*raw.Stride+i : i*raw.Stride+raw.N]) {
				return false
			}
		}
		return true
	}
	return linalg.AllFinite(m)
}
