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
	lchol   []float64  // n×n lower Cholesky factor L of J (r = n): z = L⁻¹ h; nil when zmap is used
	zmap    []float64  // r×n: z = zmap h (J rank-deficient or ill-conditioned)
	w       *mat.Dense // full R: R_oo⁻¹ C_o (|o|×n), so h = wᵀ yc
	g       *mat.Dense // full pattern only: r×p, z = G yc (for batched products)
	logdetR float64    // log det R_oo
	rinv    []float64  // diagonal R: 1/R_ii for the observed channels
	rchol   *mat.Cholesky
	lr      *lrPattern // low-rank plus diagonal R (Woodbury form)
	j       []float64  // J = C_oᵀ R_oo⁻¹ C_o (n×n)
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
	lr      *LowRankR // R = diag(Ψ) + W Wᵀ (nil: dense or diagonal R)
	jfull   []float64 // diagonal R: Cᵀ R⁻¹ C over all channels
	full    *obsPattern
}

func newEmission(md *Model) (*emission, error) {
	n, p, m := md.Dims()
	em := &emission{n: n, p: p, m: m, c: md.C, d: md.D, offset: md.offset(), r: md.R}
	em.lr = md.RLowRank
	em.diagR = em.lr == nil && isDiagonal(md.R)
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
	if em.full, err = em.pattern(all, &arena{}); err != nil {
		return nil, err
	}
	if em.diagR {
		em.jfull = em.full.j
	}
	// G = Zmap Cᵀ R⁻¹ for the batched reduction of fully observed trials.
	pt := em.full
	if pt.r > 0 {
		wt := mat.NewDense(n, p, nil) // Cᵀ R⁻¹
		switch {
		case pt.lr != nil:
			wt = em.lrWeights(pt)
		case pt.w != nil:
			wt.Copy(pt.w.T())
		default:
			for i := range p {
				for j := range n {
					wt.Set(j, i, em.c.At(i, j)/em.rdiag[i])
				}
			}
		}
		raw := wt.RawMatrix().Data
		pt.g = mat.NewDense(pt.r, p, nil)
		col := make([]float64, n)
		z := make([]float64, pt.r)
		for i := range p {
			for j := range n {
				col[j] = raw[j*p+i]
			}
			pt.zOf(col, z)
			pt.g.SetCol(i, z)
		}
	}
	return em, nil
}

// zOf maps h = C_oᵀ R_oo⁻¹ yc to z.
func (pt *obsPattern) zOf(h, z []float64) {
	if pt.lchol != nil {
		n := len(h)
		for a := range n {
			v := h[a]
			for k := range a {
				v -= pt.lchol[a*n+k] * z[k]
			}
			z[a] = v / pt.lchol[a*n+a]
		}
		return
	}
	n := len(h)
	for a := range pt.r {
		z[a] = dot(pt.zmap[a*n:(a+1)*n], h)
	}
}

// hOf returns h = C_oᵀ R_oo⁻¹ yc for the centred observed values yc (in the order of obs).
func (em *emission) hOf(pt *obsPattern, yc, h []float64) {
	if pt.lr != nil {
		em.lrHOf(pt, yc, h)
		return
	}
	clear(h)
	if pt.w != nil {
		for k, v := range yc {
			for j, wv := range pt.w.RawRowView(k) {
				h[j] += wv * v
			}
		}
		return
	}
	for k, i := range pt.obs {
		s := yc[k] * pt.rinv[k]
		for j, cv := range em.c.RawRowView(i) {
			h[j] += cv * s
		}
	}
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
func (em *emission) pattern(obs []int, ar *arena) (*obsPattern, error) {
	n, p := em.n, em.p
	po := len(obs)
	pt := &obsPattern{obs: obs}
	if po == 0 {
		return pt, nil
	}
	j := ar.get(n * n) // J = C_oᵀ R_oo⁻¹ C_o
	if em.diagR {
		pt.rinv = ar.get(po)
		for k, i := range obs {
			pt.rinv[k] = 1 / em.rdiag[i]
			pt.logdetR += em.logr[i]
		}
		// With few channels missing, J = J_full − Σ_missing c cᵀ/R is cheaper; it is used only
		// when the missing part is at most half of J_full's trace, so no accuracy is lost.
		if mis := complement(obs, p); em.jfull != nil && 2*po > p && em.traceOf(mis) <= 0.5*trace(em.jfull, n) {
			copy(j, em.jfull)
			em.addOuter(j, mis, -1)
		} else {
			em.addOuter(j, obs, 1)
		}
	} else if em.lr != nil {
		if err := em.lowRankPattern(pt, j); err != nil {
			return nil, err
		}
	} else {
		co := mat.NewDense(po, n, nil)
		for k, i := range obs {
			co.SetRow(k, em.c.RawRowView(i))
		}
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
		pt.w = mat.NewDense(po, n, nil)
		if err := pt.rchol.SolveTo(pt.w, co); err != nil {
			return nil, fmt.Errorf("lds: R is numerically singular: %v", err)
		}
		mulNN(j, mat.DenseCopyOf(co.T()).RawMatrix().Data, pt.w.RawMatrix().Data, n, po, n)
	}
	symmetrizeFlat(j, n)
	pt.j = j
	// Well-conditioned J: Cholesky J = L Lᵀ, U = Lᵀ, z = L⁻¹ h.
	l := ar.get(n * n)
	copy(l, j)
	if cholFlat(l, n) && minMaxDiagRatio(l, n) > 1e-6 {
		pt.r = n
		pt.lchol = l
		pt.u = ar.get(n * n)
		for a := range n {
			for b := a; b < n; b++ {
				pt.u[a*n+b] = l[b*n+a]
			}
		}
		return pt, nil
	}
	// Otherwise keep the non-negligible eigen-directions of J: U = Λ^½ Vᵀ, zmap = Λ^−½ Vᵀ.
	var es mat.EigenSym
	if !es.Factorize(mat.NewSymDense(n, append([]float64(nil), j...)), true) {
		return nil, fmt.Errorf("lds: eigendecomposition of Cᵀ R⁻¹ C failed")
	}
	vals := es.Values(nil)
	var vecs mat.Dense
	es.VectorsTo(&vecs)
	lmax := 0.0
	for _, v := range vals {
		lmax = math.Max(lmax, v)
	}
	var keep []int
	for i, v := range vals {
		if v > 1e-13*lmax && v > 0 {
			keep = append(keep, i)
		}
	}
	pt.r = len(keep)
	pt.u = make([]float64, pt.r*n)
	pt.zmap = make([]float64, pt.r*n)
	for a, k := range keep {
		s := math.Sqrt(vals[k])
		for b := range n {
			v := vecs.At(b, k)
			pt.u[a*n+b] = s * v
			pt.zmap[a*n+b] = v / s
		}
	}
	return pt, nil
}

// addOuter adds sign·Σ_{i∈idx} c_i c_iᵀ / R_ii to the n×n matrix j (diagonal R).
func (em *emission) addOuter(j []float64, idx []int, sign float64) {
	n := em.n
	for _, i := range idx {
		ci := em.c.RawRowView(i)
		s := sign / em.rdiag[i]
		for a, ca := range ci {
			row := j[a*n : (a+1)*n]
			f := s * ca
			for b, cb := range ci {
				row[b] += f * cb
			}
		}
	}
}

// traceOf returns Σ_{i∈idx} |c_i|²/R_ii.
func (em *emission) traceOf(idx []int) float64 {
	var t float64
	for _, i := range idx {
		ci := em.c.RawRowView(i)
		t += dot(ci, ci) / em.rdiag[i]
	}
	return t
}

// complement returns the channels in [0, p) that are not in the sorted list obs.
func complement(obs []int, p int) []int {
	out := make([]int, 0, p-len(obs))
	k := 0
	for i := range p {
		if k < len(obs) && obs[k] == i {
			k++
			continue
		}
		out = append(out, i)
	}
	return out
}

func trace(a []float64, n int) float64 {
	var t float64
	for i := range n {
		t += a[i*n+i]
	}
	return t
}

// quadR returns ycᵀ R_oo⁻¹ yc for the centred observed values yc.
func (em *emission) quadR(pt *obsPattern, yc []float64) float64 {
	if pt.lr != nil {
		return em.lrQuad(pt, yc)
	}
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
