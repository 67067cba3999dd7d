package lds

import (
	"fmt"
	"math"
	"math/cmplx"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// ManifoldBases returns orthonormal bases of the neural manifold — the column space of C, p×r
// with r = rank C — and of its orthogonal complement, p×(p−r).
func (md *Model) ManifoldBases() (within, outside *mat.Dense, err error) {
	if err := md.Validate(); err != nil {
		return nil, nil, err
	}
	_, p, _ := md.Dims()
	var svd mat.SVD
	if !svd.Factorize(md.C, mat.SVDFullU) {
		return nil, nil, fmt.Errorf("lds: SVD of C failed")
	}
	s := svd.Values(nil)
	r := 0
	for _, v := range s {
		if v > 1e-12*s[0] {
			r++
		}
	}
	var u mat.Dense
	svd.UTo(&u)
	within = mat.DenseCopyOf(u.Slice(0, p, 0, r))
	if r < p {
		outside = mat.DenseCopyOf(u.Slice(0, p, r, p))
	}
	return within, outside, nil
}

// Response is the model's response to an instantaneous perturbation Δy of the neural state.
type Response struct {
	Latent         *mat.Dense // (steps+1)×n: Δx(k) = A^k C⁺ Δy
	Neural         *mat.Dense // (steps+1)×p: row 0 is Δy itself, row k ≥ 1 is C Δx(k)
	Norm           []float64  // ‖Δy(k)‖ per row of Neural
	WithinFraction float64    // ‖P Δy‖² / ‖Δy‖², P the projection onto the manifold
}

// PerturbationResponse maps a perturbation Δy (length p) of the neural state through the model.
// The latent state takes up the part of Δy that lies in the manifold, Δx(0) = C⁺ Δy (least
// squares), and the dynamics carry it on: Δy(k) = C A^k Δx(0). A perturbation along the columns
// of C (within-manifold) is therefore propagated by the dynamics, while one orthogonal to them
// (outside-manifold) has no latent footprint and vanishes after the first bin.
func (md *Model) PerturbationResponse(dy []float64, steps int) (*Response, error) {
	if err := md.Validate(); err != nil {
		return nil, err
	}
	n, p, _ := md.Dims()
	if len(dy) != p {
		return nil, fmt.Errorf("lds: perturbation has length %d, need p = %d", len(dy), p)
	}
	if steps < 0 {
		return nil, fmt.Errorf("lds: steps = %d, need ≥ 0", steps)
	}
	if !finite(dy) {
		return nil, fmt.Errorf("lds: perturbation has NaN or Inf entries")
	}
	x := mat.NewVecDense(n, nil)
	if err := x.SolveVec(md.C, mat.NewVecDense(p, dy)); err != nil {
		// Rank-deficient C: minimum-norm least squares through the SVD.
		var svd mat.SVD
		if !svd.Factorize(md.C, mat.SVDThin) {
			return nil, fmt.Errorf("lds: SVD of C failed")
		}
		rank := svd.Rank(1e-12)
		var xs mat.Dense
		svd.SolveTo(&xs, mat.NewDense(p, 1, slices.Clone(dy)), rank)
		x = mat.NewVecDense(n, mat.Col(nil, 0, &xs))
	}
	res := &Response{Latent: mat.NewDense(steps+1, n, nil), Neural: mat.NewDense(steps+1, p, nil), Norm: make([]float64, steps+1)}
	var proj mat.VecDense
	proj.MulVec(md.C, x)
	if tot := dot(dy, dy); tot > 0 {
		res.WithinFraction = dot(proj.RawVector().Data, proj.RawVector().Data) / tot
	}
	for k := 0; k <= steps; k++ {
		res.Latent.SetRow(k, x.RawVector().Data)
		if k == 0 {
			res.Neural.SetRow(0, dy)
		} else {
			var y mat.VecDense
			y.MulVec(md.C, x)
			res.Neural.SetRow(k, y.RawVector().Data)
		}
		row := res.Neural.RawRowView(k)
		res.Norm[k] = math.Sqrt(dot(row, row))
		var next mat.VecDense
		next.MulVec(md.A, x)
		x = &next
	}
	return res, nil
}

// ScaleRotation returns a copy of the model whose eigenvalues r·e^{iθ} become r·e^{i s θ}:
// every rotation runs s times as fast (s < 1 slows it, as cooling a circuit does) while decay
// rates stay. Eigenvectors and all other parameters are kept. A must be diagonalisable, and a
// negative real eigenvalue (θ = π) cannot be scaled unless s = 1.
func ScaleRotation(md *Model, s float64) (*Model, error) {
	return scaleEigen(md, s, 1)
}

// Cool returns a copy of the model whose dynamics run s times as fast in continuous time:
// every eigenvalue λ becomes λ^s, so rotation angles and log-decay rates both scale by s
// (s < 1 is the slowing seen when a circuit is cooled). Requirements as for ScaleRotation.
func Cool(md *Model, s float64) (*Model, error) {
	return scaleEigen(md, s, s)
}

// scaleEigen maps r e^{iθ} to r^decay e^{i rot θ}.
func scaleEigen(md *Model, rot, decay float64) (*Model, error) {
	if err := md.Validate(); err != nil {
		return nil, err
	}
	if math.IsNaN(rot) || math.IsInf(rot, 0) || !(decay > 0) || math.IsInf(decay, 0) {
		return nil, fmt.Errorf("lds: scale factors must be finite (and the decay factor positive), got %v, %v", rot, decay)
	}
	v, blocks, err := realModal(md.A)
	if err != nil {
		return nil, err
	}
	n, _, _ := md.Dims()
	for i := range blocks {
		l := blocks[i].eig
		r, th := cmplx.Abs(l), cmplx.Phase(l)
		if blocks[i].size == 1 && real(l) < 0 && rot != 1 {
			return nil, fmt.Errorf("lds: A has the negative real eigenvalue %.4g (angle π); its rotation cannot be scaled", real(l))
		}
		if blocks[i].size == 1 {
			th = 0
			if real(l) < 0 {
				r = -r // a negative real eigenvalue keeps its sign (rot = 1)
			}
		}
		nr := math.Copysign(math.Pow(math.Abs(r), decay), r)
		blocks[i].eig = cmplx.Rect(1, rot*th) * complex(nr, 0)
	}
	lam := blockMatrix(n, blocks)
	var vinv mat.Dense
	if err := vinv.Inverse(v); err != nil {
		return nil, fmt.Errorf("lds: modal basis is singular: %v", err)
	}
	out := md.Clone()
	out.A.Product(v, lam, &vinv)
	return out, nil
}

// Lesion returns a copy of the model without the given observed channels (rows of C, D, Dout
// and rows/columns of R). The dynamics are untouched: in an LDS, removing neurons changes what
// is observed about the latent state, which shows up as larger filtered uncertainty.
func Lesion(md *Model, channels []int) (*Model, error) {
	if err := md.Validate(); err != nil {
		return nil, err
	}
	_, p, _ := md.Dims()
	drop := make([]bool, p)
	for _, c := range channels {
		if c < 0 || c >= p {
			return nil, fmt.Errorf("lds: lesioned channel %d out of range [0, %d)", c, p)
		}
		if drop[c] {
			return nil, fmt.Errorf("lds: channel %d listed twice", c)
		}
		drop[c] = true
	}
	var keep []int
	for i := range p {
		if !drop[i] {
			keep = append(keep, i)
		}
	}
	if len(keep) == 0 {
		return nil, fmt.Errorf("lds: lesion removes every channel")
	}
	out := md.Clone()
	rows := func(a *mat.Dense) *mat.Dense {
		_, c := a.Dims()
		d := mat.NewDense(len(keep), c, nil)
		for k, i := range keep {
			d.SetRow(k, a.RawRowView(i))
		}
		return d
	}
	out.C = rows(md.C)
	if md.D != nil {
		out.D = rows(md.D)
	}
	if md.Dout != nil {
		out.Dout = make([]float64, len(keep))
		for k, i := range keep {
			out.Dout[k] = md.Dout[i]
		}
	}
	if md.RLowRank != nil {
		out.RLowRank = md.RLowRank.subset(keep)
	}
	out.R = mat.NewSymDense(len(keep), nil)
	for a, i := range keep {
		for b := a; b < len(keep); b++ {
			out.R.SetSym(a, b, md.R.At(i, keep[b]))
		}
	}
	return out, nil
}
