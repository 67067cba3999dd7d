package multiarea

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/neurodyn/neurodyn/neuro/linalg"
	"gonum.org/v1/gonum/mat"
)

// Alignment says which source dimensions the communication matrix reads.
type Alignment int

const (
	AlignHigh   Alignment = iota // the source's highest-variance dimensions (its top principal components)
	AlignLow                     // its lowest-variance dimensions
	AlignRandom                  // a random subspace
)

// TwoAreaConfig configures NewTwoArea. The zero value is valid.
type TwoAreaConfig struct {
	Source, Target int       // state dimensions; default 30 and 20
	Rank           int       // dimension of the communication subspace; default 2
	Align          Alignment // which source dimensions are communicated
	Gain           float64   // variance each communicated dimension delivers to the target; default 1
	Seed           uint64
}

// TwoArea is a two-area LDS (area 0 = source, area 1 = target) whose source drives the target
// through a known communication subspace.
type TwoArea struct {
	CoupledLDS
	Comm  *mat.Dense // Source×Rank orthonormal basis of the row space of A[1][0]
	PCs   *mat.Dense // Source×Source eigenvectors of the source's stationary covariance, by decreasing variance
	PCVar []float64  // the stationary variance along each column of PCs
}

// NewTwoArea builds the source as x1(t+1) = A11 x1 + ε with A11 = Q diag(λ) Qᵀ, λ spread over
// [0.3, 0.95] and unit isotropic noise, so its stationary covariance is Q diag(1/(1−λ²)) Qᵀ with
// known principal components Q. The target is x2(t+1) = A22 x2 + A21 x1 + 0.5 ε with A22 a
// random contraction and A21 = W diag(√(Gain/var_k)) Q_Sᵀ reading the Rank columns Q_S chosen by
// Align.
func NewTwoArea(cfg TwoAreaConfig) (*TwoArea, error) {
	if cfg.Source == 0 {
		cfg.Source = 30
	}
	if cfg.Target == 0 {
		cfg.Target = 20
	}
	if cfg.Rank == 0 {
		cfg.Rank = 2
	}
	if cfg.Gain == 0 {
		cfg.Gain = 1
	}
	p, K, r := cfg.Source, cfg.Target, cfg.Rank
	switch {
	case p < 2 || K < 1:
		return nil, fmt.Errorf("multiarea: Source = %d, Target = %d; need Source ≥ 2 and Target ≥ 1", p, K)
	case r < 1 || r > min(p, K):
		return nil, fmt.Errorf("multiarea: Rank = %d, need 1 ≤ Rank ≤ min(Source, Target) = %d", r, min(p, K))
	case !(cfg.Gain > 0) || math.IsInf(cfg.Gain, 0):
		return nil, fmt.Errorf("multiarea: Gain = %v, need a finite value > 0", cfg.Gain)
	case cfg.Align < AlignHigh || cfg.Align > AlignRandom:
		return nil, fmt.Errorf("multiarea: Align = %d is not a known alignment", cfg.Align)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x2a2))
	Q := linalg.RandomOrthogonal(p, rng)
	lam := make([]float64, p)
	vars := make([]float64, p)
	A11 := mat.NewDense(p, p, nil)
	for k := range p {
		lam[k] = 0.95 - 0.65*float64(k)/float64(p-1)
		vars[k] = 1 / (1 - lam[k]*lam[k])
	}
	for i := range p {
		for j := range p {
			var s float64
			for k := range p {
				s += Q.At(i, k) * lam[k] * Q.At(j, k)
			}
			A11.Set(i, j, s)
		}
	}
	var sel []int
	switch cfg.Align {
	case AlignHigh:
		sel = span(0, r)
	case AlignLow:
		sel = span(p-r, p)
	}
	comm := mat.NewDense(p, r, nil)
	A21 := mat.NewDense(K, p, nil)
	W := mat.NewDense(K, r, nil)
	for i := range K {
		for j := range r {
			W.Set(i, j, rng.NormFloat64()/math.Sqrt(float64(r)))
		}
	}
	if cfg.Align == AlignRandom {
		comm.Copy(linalg.RandomOrthogonal(p, rng).Slice(0, p, 0, r))
	} else {
		for j, k := range sel {
			for i := range p {
				comm.Set(i, j, Q.At(i, k))
			}
		}
	}
	// Scale each communicated direction by its source standard deviation.
	scaled := mat.DenseCopyOf(comm)
	for j := range r {
		var v float64 // variance of the source along comm[:, j]
		for k := range p {
			var c float64
			for i := range p {
				c += Q.At(i, k) * comm.At(i, j)
			}
			v += c * c * vars[k]
		}
		for i := range p {
			scaled.Set(i, j, scaled.At(i, j)*math.Sqrt(cfg.Gain/v))
		}
	}
	A21.Mul(W, scaled.T())
	A22 := mat.NewDense(K, K, nil)
	Q2 := linalg.RandomOrthogonal(K, rng)
	for i := range K {
		for j := range K {
			var s float64
			for k := range K {
				s += Q2.At(i, k) * (0.2 + 0.4*float64(k)/float64(max(K-1, 1))) * Q2.At(j, k)
			}
			A22.Set(i, j, s)
		}
	}
	return &TwoArea{
		CoupledLDS: CoupledLDS{
			A:        [][]*mat.Dense{{A11, nil}, {A21, A22}},
			NoiseStd: []float64{1, 0.5},
		},
		Comm: comm, PCs: Q, PCVar: vars,
	}, nil
}
