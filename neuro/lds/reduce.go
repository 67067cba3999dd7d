package lds

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// trialObs is one trial reduced to the z-space of its observation patterns (see observe.go).
type trialObs struct {
	T     int
	full  bool          // no entry missing: every step uses the full pattern
	pats  []*obsPattern // pattern of each step
	z     []float64     // reduced observations, concatenated over steps
	zoff  []int         // z of step t is z[zoff[t]:zoff[t+1]]
	resid []float64     // ρ_t = ycᵀ R⁻¹ yc − zᵀ z
	nobs  []int         // observed channels per step
	yc    *mat.Dense    // centred observations y − Dout − D u (NaN where missing)
}

// centred returns y − Dout − D u as a new T×p matrix.
func (em *emission) centred(y, u *mat.Dense) *mat.Dense {
	T, p := y.Dims()
	yc := mat.NewDense(T, p, nil)
	if em.d != nil && u != nil {
		yc.Mul(u, em.d.T())
		yc.Sub(y, yc)
	} else {
		yc.Copy(y)
	}
	raw := yc.RawMatrix()
	for t := range T {
		row := raw.Data[t*raw.Stride : t*raw.Stride+p]
		for i := range row {
			row[i] -= em.offset[i]
		}
	}
	return yc
}

// reduce maps one trial to z-space; cache holds patterns of partly observed steps, whose
// storage comes from ar.
func (em *emission) reduce(y, u *mat.Dense, cache map[string]*obsPattern, ar *arena) (*trialObs, error) {
	T, p := y.Dims()
	tr := &trialObs{T: T, pats: make([]*obsPattern, T), zoff: make([]int, T+1),
		resid: make([]float64, T), nobs: make([]int, T)}
	raw := y.RawMatrix()
	full := true
	for t := 0; t < T && full; t++ {
		for _, v := range raw.Data[t*raw.Stride : t*raw.Stride+p] {
			if math.IsNaN(v) {
				full = false
				break
			}
		}
	}
	tr.full = full
	if full {
		em.reduceFull(tr, y, u)
		return tr, nil
	}
	yc := em.centred(y, u)
	tr.yc = yc
	raw = yc.RawMatrix()
	key := make([]byte, (p+7)/8)
	obs := make([]int, 0, p)
	buf := make([]float64, 0, p)
	h := make([]float64, em.n)
	tr.z = make([]float64, 0, T*em.n)
	for t := range T {
		row := raw.Data[t*raw.Stride : t*raw.Stride+p]
		obs, buf = obs[:0], buf[:0]
		clear(key)
		for i, v := range row {
			if !math.IsNaN(v) {
				obs = append(obs, i)
				buf = append(buf, v)
				key[i/8] |= 1 << (i % 8)
			}
		}
		pt := em.full
		if len(obs) < p {
			pt = cache[string(key)]
			if pt == nil {
				var err error
				pt, err = em.pattern(append([]int(nil), obs...), ar)
				if err != nil {
					return nil, fmt.Errorf("%w (step %d)", err, t)
				}
				cache[string(key)] = pt
			}
		}
		tr.pats[t] = pt
		tr.nobs[t] = len(obs)
		tr.zoff[t+1] = tr.zoff[t] + pt.r
		if pt.r == 0 {
			if len(obs) > 0 {
				tr.resid[t] = em.quadR(pt, buf)
			}
			continue
		}
		h = h[:em.n]
		em.hOf(pt, buf, h)
		off := len(tr.z)
		tr.z = append(tr.z, make([]float64, pt.r)...)
		zt := tr.z[off:]
		pt.zOf(h, zt)
		tr.resid[t] = em.quadR(pt, buf) - dot(zt, zt)
	}
	return tr, nil
}

// reduceFull fills tr for a fully observed trial without forming y − Dout − D u when R is
// diagonal: z = G y − G (Dout + D u).
func (em *emission) reduceFull(tr *trialObs, y, u *mat.Dense) {
	T, p := y.Dims()
	pt := em.full
	r := pt.r
	for t := range T {
		tr.pats[t] = pt
		tr.zoff[t+1] = (t + 1) * r
		tr.nobs[t] = p
	}
	tr.z = make([]float64, T*r)
	var q []float64
	if em.diagR {
		q = make([]float64, T)
		raw := y.RawMatrix()
		du := make([]float64, p)
		for t := range T {
			row := raw.Data[t*raw.Stride : t*raw.Stride+p]
			if em.d != nil && u != nil {
				mat.NewVecDense(p, du).MulVec(em.d, u.RowView(t))
			}
			var s float64
			for i, v := range row {
				c := v - em.offset[i] - du[i]
				s += c * c * pt.rinv[i]
			}
			q[t] = s
		}
	}
	if r > 0 {
		z := mat.NewDense(T, r, tr.z)
		z.Mul(y, pt.g.T())
		gd := make([]float64, r)
		mat.NewVecDense(r, gd).MulVec(pt.g, mat.NewVecDense(p, em.offset))
		var gD mat.Dense
		if em.d != nil && u != nil {
			gD.Mul(pt.g, em.d)
		}
		for t := range T {
			zt := tr.z[t*r : (t+1)*r]
			for i := range r {
				zt[i] -= gd[i]
			}
			if em.d != nil && u != nil {
				ut := u.RawRowView(t)
				for i := range r {
					zt[i] -= dot(gD.RawRowView(i), ut)
				}
			}
		}
	}
	if q == nil && em.lr != nil {
		q = em.lrQuadRows(em.centred(y, u))
	}
	if q == nil {
		q = em.quadRowsFull(em.centred(y, u))
	}
	for t := range T {
		zt := tr.z[t*r : (t+1)*r]
		tr.resid[t] = q[t] - dot(zt, zt)
	}
}

// quadRowsFull returns yc_tᵀ R⁻¹ yc_t for every row of a fully observed yc (full R).
func (em *emission) quadRowsFull(yc *mat.Dense) []float64 {
	T, p := yc.Dims()
	q := make([]float64, T)
	var w mat.Dense
	_ = em.full.rchol.SolveTo(&w, yc.T()) // p×T
	for t := range T {
		var s float64
		for i := range p {
			s += yc.At(t, i) * w.At(i, t)
		}
		q[t] = s
	}
	return q
}

func dot(a, b []float64) float64 {
	var s float64
	for i, v := range a {
		s += v * b[i]
	}
	return s
}
