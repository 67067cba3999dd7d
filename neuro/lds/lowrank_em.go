package lds

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// faSteps is the number of factor-analysis EM steps per M-step for a low-rank-plus-diagonal R.
const faSteps = 5

// denseR reports whether the E-step keeps the full p×p residual statistics (full or low-rank R).
func (cfg *Config) denseR() bool { return cfg.FullR || cfg.RFactors > 0 }

// initLowRankR gives the starting model the structure R = diag(Ψ) + W Wᵀ with cfg.RFactors
// factors, unless it already has one with that many: W = the top-k eigenvectors of R scaled by
// √(λ/2), Ψ = diag(R − W Wᵀ) (≥ R_ii/2), so the starting R keeps its variances.
func (cfg *Config) initLowRankR(md *Model) error {
	_, p, _ := md.Dims()
	k := cfg.RFactors
	if k >= p {
		return fmt.Errorf("lds: Config.RFactors = %d, need fewer than p = %d channels", k, p)
	}
	if lr := md.RLowRank; lr != nil && lr.W != nil {
		if _, kk := lr.W.Dims(); kk == k {
			return nil
		}
	}
	if cfg.Fixed.R {
		return fmt.Errorf("lds: Config.RFactors = %d with Fixed.R needs an Init whose RLowRank has %d factors", k, k)
	}
	var es mat.EigenSym
	if !es.Factorize(md.R, true) {
		return fmt.Errorf("lds: eigendecomposition of the starting R failed")
	}
	vals := es.Values(nil) // ascending
	var vecs mat.Dense
	es.VectorsTo(&vecs)
	w := mat.NewDense(p, k, nil)
	for j := range k {
		col := p - 1 - j
		s := math.Sqrt(math.Max(vals[col], 0) / 2)
		for i := range p {
			w.Set(i, j, s*vecs.At(i, col))
		}
	}
	psi := make([]float64, p)
	for i := range p {
		wi := w.RawRowView(i)
		psi[i] = md.R.At(i, i) - dot(wi, wi)
	}
	return md.SetLowRankR(psi, w)
}

// faUpdate returns (Ψ, W) after faSteps factor-analysis EM steps on the expected residual
// covariance S, started from cur. Each step raises −½ (log det R + tr(R⁻¹ S)), the part of the
// expected complete-data log-likelihood that depends on R, so EM stays monotone:
//
//	β = M⁻¹ Wᵀ Ψ⁻¹ (= Wᵀ R⁻¹),  M = I + Wᵀ Ψ⁻¹ W,
//	E = M⁻¹ + β S βᵀ,  W' = S βᵀ E⁻¹,  Ψ' = diag(S − W' β S) (floored at floor).
//
// Cost O(p² k) per step (S is p×p in the full-R statistics).
func faUpdate(s *mat.Dense, cur *LowRankR, floor []float64) *LowRankR {
	lr := cur.clone()
	p, k := lr.W.Dims()
	wp := mat.NewDense(p, k, nil)
	for range faSteps {
		for i := range p {
			for j, v := range lr.W.RawRowView(i) {
				wp.Set(i, j, v/lr.Psi[i])
			}
		}
		m := mat.NewSymDense(k, nil)
		var wtw mat.Dense
		wtw.Mul(lr.W.T(), wp)
		for a := range k {
			for b := a; b < k; b++ {
				v := 0.5 * (wtw.At(a, b) + wtw.At(b, a))
				if a == b {
					v++
				}
				m.SetSym(a, b, v)
			}
		}
		var ch mat.Cholesky
		if !ch.Factorize(m) {
			return lr // M is I + PSD; unreachable for finite input
		}
		var beta, sb, e mat.Dense
		var minv mat.SymDense
		_ = ch.SolveTo(&beta, wp.T()) // k×p
		_ = ch.InverseTo(&minv)
		sb.Mul(s, beta.T()) // p×k
		e.Mul(&beta, &sb)
		e.Add(&e, &minv)
		es := symOf(&e)
		var ce mat.Cholesky
		if !ce.Factorize(es) {
			return lr
		}
		var wt mat.Dense
		_ = ce.SolveTo(&wt, sb.T()) // k×p = E⁻¹ (S βᵀ)ᵀ
		lr.W = mat.DenseCopyOf(wt.T())
		for i := range p {
			v := s.At(i, i) - dot(lr.W.RawRowView(i), sb.RawRowView(i))
			lr.Psi[i] = math.Max(v, math.Max(floor[i], 1e-12*math.Abs(s.At(i, i))))
		}
	}
	return lr
}
