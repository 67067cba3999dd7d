package lds

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// The filter never works with the p×p innovation covariance. For the set o of channels observed
// at a step, the centred observation yc = y_o − Dout_o − D_o u carries the same information
// about x as its projection h = C_oᵀ R_oo⁻¹ yc ~ N(J x, J) with J = C_oᵀ R_oo⁻¹ C_o. Writing
// J = V Λ Vᵀ (keeping the r eigenvalues that are not negligible), U = Λ^½ Vᵀ and
// z = Λ^−½ Vᵀ h gives the reduced observation
//
//	z = U x + e,  e ~ N(0, I_r),  r ≤ n,
//
// and the exact factorisation
//
//	log N(yc; C_o x, R_oo) = log N(z; U x, I_r) − ½ (|o| − r) log 2π − ½ log det R_oo − ½ ρ,
//
// where ρ = ycᵀ R_oo⁻¹ yc − zᵀz does not depend on x. Filtering and smoothing therefore cost
// O(n³) per step whatever p is (information form; Shumway & Stoffer 2017, §6.2).

// obsPattern is the reduced observation for one set of observed channels.
type obsPattern struct {
	obs     []int      // observed channels (all channels for the full pattern)
	r       int        // reduced dimension
	u       []float64  // r×n row-major: z = U x + e
	g       *mat.Dense // r×|obs|: z = G yc (nil when r = 0)
	logdetR float64    // log det R_oo
	rinv    []float64  // diagonal R: 1/R_ii for the observed channels
	rchol   *mat.Cholesky
}

// emission holds the observation-model quantities that do not depend on the data.
type emission struct {
	n, p, m int
	c       *mat.Dense
	d       *mat.Dense // may be nil
	offset  []float64
	diagR   bool
	rdiag   []float64
	logr    []float64 // log R_ii
	r       *mat.SymDense
	full    *obsPattern
}

func newEmission(md *Model) (*emission, error) {
	n, p, m := md.Dims()
	em := &emission{n: n, p: p, m: m, c: md.C, d: md.D, offset: md.offset(), r: md.R}
	em.diagR = isDiagonal(md.R)
	if em.diagR {
		em.rdiag = make([]float64, p)
		em.logr = make([]float64, p)
		for i := range p {
			em.rdiag[i] = md.R.At(i, i)
			em.logr[i] = math.Log(em.rdiag[i])
		}
	}
	all := make([]int, p)
	for i := range all {
		all[i] = i
	}
	var err error
	em.full, err = em.pattern(all)
	return em, err
}

func isDiagonal(s *mat.SymDense) bool {
	raw := s.RawSymmetric()
	for i := range raw.N {
		for _, v := range raw.Data[i*raw.Stride+i+1 : i*raw.Stride+raw.N] {
			if v != 0 {
				return false
			}
		}
	}
	return true
}

// pattern builds the reduced observation for the observed channels obs (sorted).
func (em *emission) pattern(obs []int) (*obsPattern, error) {
	n := em.n
	po := len(obs)
	pt := &obsPattern{obs: obs}
	if po == 0 {
		return pt, nil
	}
	// co = C_o, w = R_oo⁻¹ C_o, jd = C_oᵀ R_oo⁻¹ C_o.
	cf := make([]float64, 2*po*n)
	co := mat.NewDense(po, n, cf[:po*n])
	w := mat.NewDense(po, n, cf[po*n:])
	for k, i := range obs {
		copy(cf[k*n:(k+1)*n], em.c.RawRowView(i))
	}
	jd := mat.NewDense(n, n, nil)
	if em.diagR {
		pt.rinv = make([]float64, po)
		wf := w.RawMatrix().Data
		jf := jd.RawMatrix().Data
		for k, i := range obs {
			ri := 1 / em.rdiag[i]
			pt.rinv[k] = ri
			pt.logdetR += em.logr[i]
			ck, wk := cf[k*n:(k+1)*n], wf[k*n:(k+1)*n]
			for j, v := range ck {
				wk[j] = v * ri
			}
			for a, ca := range wk {
				row := jf[a*n : (a+1)*n]
				for b, cb := range ck {
					row[b] += ca * cb
				}
			}
		}
	} else {
		roo := mat.NewSymDense(po, nil)
		for a, i := range obs {
			for b := a; b < po; b++ {
				roo.SetSym(a, b, em.r.At(i, obs[b]))
			}
		}
		pt.rchol = new(mat.Cholesky)
		if !pt.rchol.Factorize(roo) {
			return nil, fmt.Errorf("lds: R restricted to the observed channels is not positive definite")
		}
		pt.logdetR = pt.rchol.LogDet()
		if err := pt.rchol.SolveTo(w, co); err != nil {
			return nil, fmt.Errorf("lds: R is numerically singular: %v", err)
		}
		jd.Mul(co.T(), w)
	}
	jf := jd.RawMatrix().Data
	symmetrizeFlat(jf, n)
	// Well-conditioned J: Cholesky J = L Lᵀ, U = Lᵀ, z = L⁻¹ h, G = L⁻¹ Wᵀ.
	l := append([]float64(nil), jf...)
	if cholFlat(l, n) && minMaxDiagRatio(l, n) > 1e-6 {
		pt.r = n
		pt.u = make([]float64, n*n)
		for a := range n {
			for b := a; b < n; b++ {
				pt.u[a*n+b] = l[b*n+a]
			}
		}
		g := make([]float64, n*po)
		wf := w.RawMatrix().Data
		for a := range n {
			for b := range po {
				g[a*po+b] = wf[b*n+a]
			}
		}
		for col := range po {
			for a := range n {
				v := g[a*po+col]
				for k := range a {
					v -= l[a*n+k] * g[k*po+col]
				}
				g[a*po+col] = v / l[a*n+a]
			}
		}
		pt.g = mat.NewDense(n, po, g)
		return pt, nil
	}
	// Otherwise keep the non-negligible eigen-directions of J.
	js := mat.NewSymDense(n, jf)
	var es mat.EigenSym
	if !es.Factorize(js, true) {
		return nil, fmt.Errorf("lds: eigendecomposition of Cᵀ R⁻¹ C failed")
	}
	vals := es.Values(nil)
	var vecs mat.Dense
	es.VectorsTo(&vecs)
	lmax := 0.0
	for _, v := range vals {
		lmax = math.Max(lmax, v)
	}
	keep := make([]int, 0, n)
	for i, v := range vals {
		if v > 1e-13*lmax && v > 0 {
			keep = append(keep, i)
		}
	}
	r := len(keep)
	pt.r = r
	if r == 0 {
		return pt, nil
	}
	pt.u = make([]float64, r*n)
	zmap := mat.NewDense(r, n, nil) // Λ^−½ Vᵀ
	for a, k := range keep {
		s := math.Sqrt(vals[k])
		for b := range n {
			v := vecs.At(b, k)
			pt.u[a*n+b] = s * v
			zmap.Set(a, b, v/s)
		}
	}
	pt.g = mat.NewDense(r, po, nil)
	pt.g.Mul(zmap, w.T())
	return pt, nil
}

// quadR returns ycᵀ R_oo⁻¹ yc for the centred observed values yc.
func (pt *obsPattern) quadR(yc []float64) float64 {
	var q float64
	if pt.rinv != nil {
		for k, v := range yc {
			q += v * v * pt.rinv[k]
		}
		return q
	}
	x := mat.NewVecDense(len(yc), nil)
	_ = pt.rchol.SolveVecTo(x, mat.NewVecDense(len(yc), yc))
	for k, v := range yc {
		q += v * x.AtVec(k)
	}
	return q
}

// minMaxDiagRatio returns min/max of the diagonal of the n×n factor l.
func minMaxDiagRatio(l []float64, n int) float64 {
	lo, hi := math.Inf(1), 0.0
	for i := range n {
		lo = math.Min(lo, l[i*n+i])
		hi = math.Max(hi, l[i*n+i])
	}
	return lo / hi
}
