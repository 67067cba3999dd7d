package lds

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// LowRankR is the factor-analysis structure of the observation noise,
//
//	R = diag(Psi) + W Wᵀ,   Psi > 0 (length p),  W p×k,
//
// common for neural recordings (shared noise of k ≪ p sources plus private noise per channel).
// Set it with Model.SetLowRankR, which also stores the equivalent dense R in Model.R. With it the
// filter never forms a p×p matrix: by the Woodbury identity
//
//	R⁻¹ = Ψ⁻¹ − Ψ⁻¹ W M⁻¹ Wᵀ Ψ⁻¹,   M = I_k + Wᵀ Ψ⁻¹ W,
//
// and by the matrix determinant lemma log det R = Σ log Ψ_ii + log det M, so Cᵀ R⁻¹ C and
// log det R cost O(p (n + k)²) per set of observed channels and Cᵀ R⁻¹ r costs O(p (n + k))
// per step. The observed subset of such an R is again diagonal plus low rank (the rows of Ψ and
// W of the observed channels), which is how missing entries are handled.
type LowRankR struct {
	Psi []float64  // length p private variances Ψ_ii > 0
	W   *mat.Dense // p×k loading of the shared noise, k ≥ 1
}

// SetLowRankR sets R = diag(psi) + w wᵀ: md.RLowRank holds copies of psi and w and md.R the
// dense matrix (formed once, O(p² k)). md.C must be set, to give p.
func (md *Model) SetLowRankR(psi []float64, w *mat.Dense) error {
	if md == nil || md.C == nil {
		return fmt.Errorf("lds: SetLowRankR needs a model with C set")
	}
	p, _ := md.C.Dims()
	lr := &LowRankR{Psi: slices.Clone(psi)}
	if w != nil {
		lr.W = mat.DenseCopyOf(w)
	}
	if err := lr.validate(p); err != nil {
		return err
	}
	md.RLowRank = lr
	md.R = lr.dense()
	return nil
}

// validate checks the shapes and values of Ψ and W against p channels.
func (lr *LowRankR) validate(p int) error {
	if len(lr.Psi) != p {
		return fmt.Errorf("lds: low-rank R: Psi has length %d, need p = %d", len(lr.Psi), p)
	}
	for i, v := range lr.Psi {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("lds: low-rank R: Psi[%d] = %v, need finite and > 0", i, v)
		}
	}
	if lr.W == nil {
		return fmt.Errorf("lds: low-rank R: W is nil (use a diagonal R for k = 0)")
	}
	if r, k := lr.W.Dims(); r != p || k < 1 {
		return fmt.Errorf("lds: low-rank R: W is %d×%d, need p = %d rows and k ≥ 1 columns", r, k, p)
	}
	if !allFinite(lr.W) {
		return fmt.Errorf("lds: low-rank R: W has NaN or Inf entries")
	}
	return nil
}

// dense returns diag(Ψ) + W Wᵀ.
func (lr *LowRankR) dense() *mat.SymDense {
	p := len(lr.Psi)
	r := mat.NewSymDense(p, nil)
	r.SymOuterK(1, lr.W)
	for i, v := range lr.Psi {
		r.SetSym(i, i, r.At(i, i)+v)
	}
	return r
}

// matches reports whether the dense r equals diag(Ψ) + W Wᵀ to round-off (relative 1e-10 of
// the largest variance).
func (lr *LowRankR) matches(r *mat.SymDense) bool {
	raw := r.RawSymmetric()
	scale := 0.0
	for i := range raw.N {
		scale = math.Max(scale, math.Abs(raw.Data[i*raw.Stride+i]))
	}
	tol := 1e-10 * math.Max(scale, math.SmallestNonzeroFloat64)
	for i := range raw.N {
		wi := lr.W.RawRowView(i)
		for j := i; j < raw.N; j++ {
			want := dot(wi, lr.W.RawRowView(j))
			if i == j {
				want += lr.Psi[i]
			}
			if !(math.Abs(raw.Data[i*raw.Stride+j]-want) <= tol) {
				return false
			}
		}
	}
	return true
}

// subset returns the structure restricted to the channels keep (in that order).
func (lr *LowRankR) subset(keep []int) *LowRankR {
	_, k := lr.W.Dims()
	out := &LowRankR{Psi: make([]float64, len(keep)), W: mat.NewDense(len(keep), k, nil)}
	for a, i := range keep {
		out.Psi[a] = lr.Psi[i]
		out.W.SetRow(a, lr.W.RawRowView(i))
	}
	return out
}

func (lr *LowRankR) clone() *LowRankR {
	if lr == nil {
		return nil
	}
	return &LowRankR{Psi: slices.Clone(lr.Psi), W: mat.DenseCopyOf(lr.W)}
}
