package lds

import (
	"fmt"
	"math"
	"math/cmplx"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// modalBlock is one real invariant subspace of A: a real eigenvalue (size 1) or a conjugate
// pair a ± ib, b > 0 (size 2), occupying columns start..start+size−1 of the modal basis.
type modalBlock struct {
	start, size int
	eig         complex128 // the eigenvalue with Im ≥ 0
}

// realModal returns a real basis V with A = V Λ V⁻¹, Λ block diagonal with a block λ per real
// eigenvalue and [a −b; b a] per pair a ± ib, ordered by decreasing |λ| (then by angle). It
// fails when A is not (numerically) diagonalisable.
func realModal(a *mat.Dense) (*mat.Dense, []modalBlock, error) {
	n, _ := a.Dims()
	var eig mat.Eigen
	if !eig.Factorize(a, mat.EigenRight) {
		return nil, nil, fmt.Errorf("lds: eigendecomposition of A did not converge")
	}
	vals := eig.Values(nil)
	var vecs mat.CDense
	eig.VectorsTo(&vecs)
	var idx []int
	for i, v := range vals {
		if imag(v) >= 0 {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(x, y int) bool {
		ax, ay := cmplx.Abs(vals[idx[x]]), cmplx.Abs(vals[idx[y]])
		if math.Abs(ax-ay) > 1e-12*math.Max(ax, ay) {
			return ax > ay
		}
		return cmplx.Phase(vals[idx[x]]) < cmplx.Phase(vals[idx[y]])
	})
	v := mat.NewDense(n, n, nil)
	var blocks []modalBlock
	col := 0
	for _, i := range idx {
		l := vals[i]
		if imag(l) == 0 {
			var nrm float64
			for r := range n {
				nrm = math.Hypot(nrm, real(vecs.At(r, i)))
			}
			for r := range n {
				v.Set(r, col, real(vecs.At(r, i))/nrm)
			}
			blocks = append(blocks, modalBlock{start: col, size: 1, eig: l})
			col++
			continue
		}
		if col+2 > n {
			return nil, nil, fmt.Errorf("lds: eigenvalues of A are not in conjugate pairs")
		}
		for r := range n {
			v.Set(r, col, real(vecs.At(r, i)))
			v.Set(r, col+1, -imag(vecs.At(r, i)))
		}
		blocks = append(blocks, modalBlock{start: col, size: 2, eig: l})
		col += 2
	}
	if col != n {
		return nil, nil, fmt.Errorf("lds: eigenvalues of A are not in conjugate pairs")
	}
	var svd mat.SVD
	if !svd.Factorize(v, mat.SVDNone) {
		return nil, nil, fmt.Errorf("lds: SVD of the eigenvectors failed")
	}
	s := svd.Values(nil)
	if s[n-1] <= 1e-10*s[0] {
		return nil, nil, fmt.Errorf("lds: A is not diagonalisable (repeated eigenvalue with a defective eigenspace); its modal form is undefined")
	}
	return v, blocks, nil
}

// blockMatrix returns the real block-diagonal matrix with the given blocks' eigenvalues.
func blockMatrix(n int, blocks []modalBlock) *mat.Dense {
	l := mat.NewDense(n, n, nil)
	for _, b := range blocks {
		re, im := real(b.eig), imag(b.eig)
		l.Set(b.start, b.start, re)
		if b.size == 2 {
			l.Set(b.start, b.start+1, -im)
			l.Set(b.start+1, b.start, im)
			l.Set(b.start+1, b.start+1, re)
		}
	}
	return l
}

// Transform returns the equivalent model in the coordinates x' = T x:
// A' = T A T⁻¹, B' = T B, C' = C T⁻¹, Q' = T Q Tᵀ, Mu0' = T Mu0, P0' = T P0 Tᵀ. The
// distribution of the observations is unchanged.
func (md *Model) Transform(t *mat.Dense) (*Model, error) {
	if err := md.Validate(); err != nil {
		return nil, err
	}
	n, _, _ := md.Dims()
	if r, c := t.Dims(); r != n || c != n {
		return nil, fmt.Errorf("lds: transform is %d×%d, need %d×%d", r, c, n, n)
	}
	var ti mat.Dense
	if err := ti.Inverse(t); err != nil {
		return nil, fmt.Errorf("lds: transform is singular: %v", err)
	}
	out := md.Clone()
	out.A.Product(t, md.A, &ti)
	out.C.Mul(md.C, &ti)
	if md.B != nil {
		out.B.Mul(t, md.B)
	}
	congruence := func(s *mat.SymDense) *mat.SymDense {
		var d mat.Dense
		d.Product(t, s, t.T())
		return symOf(&d)
	}
	out.Q, out.P0 = congruence(md.Q), congruence(md.P0)
	if md.Mu0 != nil {
		out.Mu0 = make([]float64, n)
		mat.NewVecDense(n, out.Mu0).MulVec(t, mat.NewVecDense(n, md.Mu0))
	}
	return out, nil
}

// ModalForm returns the model in its real modal (canonical) coordinates and the transform T
// (x' = T x) that takes it there. A' is block diagonal — one entry per real eigenvalue, a block
// [a −b; b a] per pair a ± ib — ordered by decreasing |λ|. The freedom left by the modal form
// (scaling of each real mode, rotation and scaling of each pair) is fixed through C: each
// block's columns of C' have unit total norm, a pair's two columns are orthogonal with the first
// the longer, and the largest-magnitude entry of each block's first column is positive. Two
// fits of the same system thus give directly comparable A', C', Q'.
func (md *Model) ModalForm() (*Model, *mat.Dense, error) {
	if err := md.Validate(); err != nil {
		return nil, nil, err
	}
	n, p, _ := md.Dims()
	v, blocks, err := realModal(md.A)
	if err != nil {
		return nil, nil, err
	}
	var cv mat.Dense
	cv.Mul(md.C, v)
	for _, b := range blocks {
		c1 := mat.Col(nil, b.start, &cv)
		if b.size == 2 {
			c2 := mat.Col(nil, b.start+1, &cv)
			phi := 0.5 * math.Atan2(2*dot(c1, c2), dot(c1, c1)-dot(c2, c2))
			co, si := math.Cos(phi), math.Sin(phi)
			for r := range n {
				v1, v2 := v.At(r, b.start), v.At(r, b.start+1)
				v.Set(r, b.start, co*v1+si*v2)
				v.Set(r, b.start+1, -si*v1+co*v2)
			}
			for r := range p {
				x1, x2 := c1[r], c2[r]
				c1[r], c2[r] = co*x1+si*x2, -si*x1+co*x2
			}
			nrm := math.Sqrt(dot(c1, c1) + dot(c2, c2))
			scaleCols(v, b, signOfLargest(c1), nrm)
			continue
		}
		scaleCols(v, b, signOfLargest(c1), math.Sqrt(dot(c1, c1)))
	}
	var t mat.Dense
	if err := t.Inverse(v); err != nil {
		return nil, nil, fmt.Errorf("lds: modal basis is singular: %v", err)
	}
	out, err := md.Transform(&t)
	if err != nil {
		return nil, nil, err
	}
	return out, &t, nil
}

// scaleCols multiplies the block's columns of v by sign/nrm (nrm 0 leaves the scale).
func scaleCols(v *mat.Dense, b modalBlock, sign, nrm float64) {
	if nrm == 0 {
		nrm = 1
	}
	n, _ := v.Dims()
	for c := b.start; c < b.start+b.size; c++ {
		for r := range n {
			v.Set(r, c, v.At(r, c)*sign/nrm)
		}
	}
}

func signOfLargest(x []float64) float64 {
	best := 0.0
	for _, v := range x {
		if math.Abs(v) > math.Abs(best) {
			best = v
		}
	}
	if best < 0 {
		return -1
	}
	return 1
}
