package linalg

import (
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// StackRows concatenates matrices with equal column counts vertically (e.g. the trials of a
// recording into one samples × channels matrix). It panics if the column counts differ; callers
// validate user data first.
func StackRows(ms []*mat.Dense) *mat.Dense {
	rows, cols := 0, 0
	for _, m := range ms {
		r, c := m.Dims()
		rows, cols = rows+r, c
	}
	if rows == 0 || cols == 0 {
		return &mat.Dense{}
	}
	out := mat.NewDense(rows, cols, nil)
	at := 0
	for _, m := range ms {
		r, _ := m.Dims()
		out.Slice(at, at+r, 0, cols).(*mat.Dense).Copy(m)
		at += r
	}
	return out
}

// RandomOrthogonal returns a Haar-random n×n orthogonal matrix: the Q of the QR factorisation of
// a Gaussian matrix, with the signs of R's diagonal moved into Q.
func RandomOrthogonal(n int, rng *rand.Rand) *mat.Dense {
	g := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			g.Set(i, j, rng.NormFloat64())
		}
	}
	var qr mat.QR
	qr.Factorize(g)
	var q, r mat.Dense
	qr.QTo(&q)
	qr.RTo(&r)
	for j := range n {
		if r.At(j, j) < 0 {
			for i := range n {
				q.Set(i, j, -q.At(i, j))
			}
		}
	}
	return &q
}
