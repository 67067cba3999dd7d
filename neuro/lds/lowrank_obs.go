package lds

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// lrPattern is the Woodbury form of R_oo⁻¹ for one set o of observed channels of a low-rank
// plus diagonal R (see LowRankR): R_oo⁻¹ = Ψ_o⁻¹ − Ψ_o⁻¹ W_o M⁻¹ W_oᵀ Ψ_o⁻¹.
type lrPattern struct {
	k      int
	psiInv []float64 // 1/Ψ_ii for the observed channels
	mchol  []float64 // k×k lower Cholesky factor of M = I_k + W_oᵀ Ψ_o⁻¹ W_o
	f      []float64 // n×k, F = C_oᵀ Ψ_o⁻¹ W_o
}

// lowRankPattern fills pt.lr, pt.logdetR and j = C_oᵀ R_oo⁻¹ C_o = C_oᵀ Ψ_o⁻¹ C_o − F M⁻¹ Fᵀ
// in O(|o| (n + k)²) without forming R_oo.
func (em *emission) lowRankPattern(pt *obsPattern, j []float64) error {
	n := em.n
	obs := pt.obs
	po := len(obs)
	_, k := em.lr.W.Dims()
	lp := &lrPattern{k: k, psiInv: make([]float64, po)}
	// S = Ψ_o^{-½} [C_o W_o] (|o|×(n+k)); SᵀS holds C_oᵀΨ⁻¹C_o, F and W_oᵀΨ⁻¹W_o.
	s := mat.NewDense(po, n+k, nil)
	for a, i := range obs {
		lp.psiInv[a] = 1 / em.lr.Psi[i]
		pt.logdetR += math.Log(em.lr.Psi[i])
		sc := math.Sqrt(lp.psiInv[a])
		row := s.RawRowView(a)
		for b, v := range em.c.RawRowView(i) {
			row[b] = sc * v
		}
		for b, v := range em.lr.W.RawRowView(i) {
			row[n+b] = sc * v
		}
	}
	var g mat.SymDense
	g.SymOuterK(1, s.T())
	lp.mchol = make([]float64, k*k)
	for a := range k {
		for b := range k {
			lp.mchol[a*k+b] = g.At(n+a, n+b)
		}
		lp.mchol[a*k+a]++
	}
	if !cholFlat(lp.mchol, k) {
		return fmt.Errorf("lds: low-rank R: I + Wᵀ Ψ⁻¹ W is not numerically positive definite")
	}
	for a := range k {
		pt.logdetR += 2 * math.Log(lp.mchol[a*k+a])
	}
	lp.f = make([]float64, n*k)
	for a := range n {
		for b := range k {
			lp.f[a*k+b] = g.At(a, n+b)
		}
	}
	// H = L_M⁻¹ Fᵀ (k×n), so F M⁻¹ Fᵀ = Hᵀ H.
	h := make([]float64, k*n)
	for a := range n {
		for b := range k {
			h[b*n+a] = lp.f[a*k+b]
		}
	}
	for b := range k {
		hb := h[b*n : (b+1)*n]
		for c := range b {
			if v := lp.mchol[b*k+c]; v != 0 {
				for a, x := range h[c*n : (c+1)*n] {
					hb[a] -= v * x
				}
			}
		}
		inv := 1 / lp.mchol[b*k+b]
		for a := range hb {
			hb[a] *= inv
		}
	}
	for a := range n {
		for b := range n {
			v := g.At(a, b)
			for c := range k {
				v -= h[c*n+a] * h[c*n+b]
			}
			j[a*n+b] = v
		}
	}
	pt.lr = lp
	return nil
}

// lrProject returns b = W_oᵀ Ψ_o⁻¹ yc and adds Ψ_o⁻¹ yc to h over C_o when h is not nil; it
// also returns ycᵀ Ψ_o⁻¹ yc.
func (em *emission) lrProject(pt *obsPattern, yc, h []float64) (b []float64, q float64) {
	lp := pt.lr
	b = make([]float64, lp.k)
	for a, i := range pt.obs {
		s := yc[a] * lp.psiInv[a]
		q += yc[a] * s
		for c, w := range em.lr.W.RawRowView(i) {
			b[c] += w * s
		}
		if h != nil {
			for c, v := range em.c.RawRowView(i) {
				h[c] += v * s
			}
		}
	}
	return b, q
}

// lrHOf sets h = C_oᵀ R_oo⁻¹ yc = C_oᵀ Ψ⁻¹ yc − F M⁻¹ W_oᵀ Ψ⁻¹ yc in O(|o| (n + k)).
func (em *emission) lrHOf(pt *obsPattern, yc, h []float64) {
	clear(h)
	lp := pt.lr
	b, _ := em.lrProject(pt, yc, h)
	cholSolveFlat(lp.mchol, lp.k, b, 1)
	for a := range h {
		h[a] -= dot(lp.f[a*lp.k:(a+1)*lp.k], b)
	}
}

// lrQuad returns ycᵀ R_oo⁻¹ yc = ycᵀ Ψ⁻¹ yc − bᵀ M⁻¹ b with b = W_oᵀ Ψ⁻¹ yc.
func (em *emission) lrQuad(pt *obsPattern, yc []float64) float64 {
	lp := pt.lr
	b, q := em.lrProject(pt, yc, nil)
	forwardSubst(lp.mchol, lp.k, b)
	return q - dot(b, b)
}

// lrWeights returns Cᵀ R⁻¹ (n×p) for the full pattern: column i is
// (c_i − F M⁻¹ w_i) / Ψ_ii, O(p (n k + k²)).
func (em *emission) lrWeights(pt *obsPattern) *mat.Dense {
	n, p := em.n, em.p
	lp := pt.lr
	wt := mat.NewDense(n, p, nil)
	v := make([]float64, lp.k)
	for i := range p {
		copy(v, em.lr.W.RawRowView(i))
		cholSolveFlat(lp.mchol, lp.k, v, 1)
		ci := em.c.RawRowView(i)
		for a := range n {
			wt.Set(a, i, (ci[a]-dot(lp.f[a*lp.k:(a+1)*lp.k], v))*lp.psiInv[i])
		}
	}
	return wt
}

// lrQuadRows returns yc_tᵀ R⁻¹ yc_t for every row of a fully observed yc: B = yc Ψ⁻¹ W (T×k),
// then ycᵀΨ⁻¹yc − |L_M⁻¹ b_t|² per row.
func (em *emission) lrQuadRows(yc *mat.Dense) []float64 {
	T, p := yc.Dims()
	lp := em.full.lr
	ys := mat.NewDense(T, p, nil)
	q := make([]float64, T)
	for t := range T {
		row, dst := yc.RawRowView(t), ys.RawRowView(t)
		var s float64
		for i, v := range row {
			dst[i] = v * lp.psiInv[i]
			s += v * dst[i]
		}
		q[t] = s
	}
	var b mat.Dense
	b.Mul(ys, em.lr.W)
	for t := range T {
		bt := b.RawRowView(t)
		forwardSubst(lp.mchol, lp.k, bt)
		q[t] -= dot(bt, bt)
	}
	return q
}
