package ssid

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// topSVD returns the k largest singular values of g (r×c) with their left and right singular
// vectors (r×k and c×k). Small problems use a full SVD; larger ones block subspace iteration on
// g gᵀ with Rayleigh–Ritz, started from a fixed pseudo-random block so results are reproducible.
func topSVD(g *mat.Dense, k int) (sv []float64, u, v *mat.Dense) {
	r, c := g.Dims()
	if k == 0 {
		return nil, mat.NewDense(r, 0, nil), mat.NewDense(c, 0, nil)
	}
	if min(r, c) <= 3*k+20 {
		return fullTopSVD(g, k)
	}
	b := min(min(r, c), 2*k+10)
	rng := rand.New(rand.NewPCG(0x5eed, uint64(r*c)))
	q := mat.NewDense(r, b, nil)
	for i := range r {
		for j := range b {
			q.Set(i, j, rng.NormFloat64())
		}
	}
	orthonormalize(q)
	var gtq mat.Dense
	y := mat.NewDense(r, b, nil)
	prev := make([]float64, k)
	var ritz []float64
	var w *mat.Dense
	for it := range 100 {
		gtq.Mul(g.T(), q)
		y.Mul(g, &gtq)
		// Rayleigh–Ritz on span(q): B = qᵀ g gᵀ q = (gᵀq)ᵀ(gᵀq).
		var bm mat.SymDense
		bm.SymOuterK(1, gtq.T())
		var es mat.EigenSym
		es.Factorize(&bm, true)
		vals := es.Values(nil)
		var vecs mat.Dense
		es.VectorsTo(&vecs)
		ritz = make([]float64, b)
		w = mat.NewDense(b, b, nil)
		for j := range b { // descending order
			ritz[j] = vals[b-1-j]
			for i := range b {
				w.Set(i, j, vecs.At(i, b-1-j))
			}
		}
		conv := it > 2
		for j := range k {
			if math.Abs(ritz[j]-prev[j]) > 1e-12*math.Max(ritz[0], 1e-300) {
				conv = false
			}
			prev[j] = ritz[j]
		}
		if conv {
			break
		}
		q.Copy(y)
		orthonormalize(q)
	}
	// Left vectors u = q W[:, :k]; σ = √ritz; right vectors v = gᵀ u / σ.
	var qw mat.Dense
	qw.Mul(q, w)
	u = mat.DenseCopyOf(qw.Slice(0, r, 0, k))
	sv = make([]float64, k)
	v = mat.NewDense(c, k, nil)
	v.Mul(g.T(), u)
	for j := range k {
		sv[j] = math.Sqrt(math.Max(ritz[j], 0))
		if sv[j] > 0 {
			for i := range c {
				v.Set(i, j, v.At(i, j)/sv[j])
			}
		}
	}
	return sv, u, v
}

func fullTopSVD(g *mat.Dense, k int) ([]float64, *mat.Dense, *mat.Dense) {
	r, c := g.Dims()
	var svd mat.SVD
	svd.Factorize(g, mat.SVDThin)
	all := svd.Values(nil)
	var uu, vv mat.Dense
	svd.UTo(&uu)
	svd.VTo(&vv)
	sv := make([]float64, k)
	copy(sv, all)
	return sv, mat.DenseCopyOf(uu.Slice(0, r, 0, k)), mat.DenseCopyOf(vv.Slice(0, c, 0, k))
}

// orthonormalize replaces the columns of q by an orthonormal basis of their span (modified
// Gram–Schmidt, applied twice for accuracy). A column that vanishes is left at zero.
func orthonormalize(q *mat.Dense) {
	r, c := q.Dims()
	raw := q.RawMatrix()
	col := func(j int) []float64 {
		out := make([]float64, r)
		for i := range r {
			out[i] = raw.Data[i*raw.Stride+j]
		}
		return out
	}
	cols := make([][]float64, c)
	for j := range c {
		cols[j] = col(j)
	}
	for range 2 {
		for j := range c {
			for k := range j {
				var dot float64
				for i := range r {
					dot += cols[k][i] * cols[j][i]
				}
				for i := range r {
					cols[j][i] -= dot * cols[k][i]
				}
			}
			var nrm float64
			for _, v := range cols[j] {
				nrm += v * v
			}
			nrm = math.Sqrt(nrm)
			for i := range r {
				if nrm > 0 {
					cols[j][i] /= nrm
				}
			}
		}
	}
	for j := range c {
		for i := range r {
			raw.Data[i*raw.Stride+j] = cols[j][i]
		}
	}
}
