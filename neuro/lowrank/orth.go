package lowrank

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Orthonormal returns an equivalent model whose U has orthonormal columns and whose V = S Qᵀ
// has orthogonal rows ordered by decreasing norm (the SVD of the connectivity U V = P S Qᵀ,
// keeping the top R components), together with the invertible R×R map T between the latent
// states, z_new = T z_old. Bias and NoiseChol are mapped by T; W, h and the decay are unchanged.
func (m *Model) Orthonormal() (*Model, *mat.Dense, error) {
	if err := m.Validate(); err != nil {
		return nil, nil, err
	}
	n, r := m.U.Dims()
	if n < r {
		return nil, nil, fmt.Errorf("lowrank: rank R = %d exceeds N = %d", r, n)
	}
	var qr mat.QR
	qr.Factorize(m.U)
	var q, rm mat.Dense
	qr.QTo(&q)
	qr.RTo(&rm)
	qm := q.Slice(0, n, 0, r)
	rr := rm.Slice(0, r, 0, r)
	// U V = Q_m (R_m V); SVD of the small R×N factor K = R_m V = P S Qᵀ.
	var k mat.Dense
	k.Mul(rr, m.V)
	var svd mat.SVD
	if !svd.Factorize(&k, mat.SVDThin) {
		return nil, nil, fmt.Errorf("lowrank: SVD of the connectivity failed")
	}
	var p mat.Dense
	svd.UTo(&p)
	var t mat.Dense
	t.Mul(p.T(), rr)
	if c := mat.Cond(&t, 2); c > 1e12 {
		return nil, nil, fmt.Errorf("lowrank: U or V is rank deficient (condition number %.3g)", c)
	}
	out := *m
	u := mat.NewDense(n, r, nil)
	u.Mul(qm, &p)
	v := mat.NewDense(r, n, nil)
	v.Mul(p.T(), &k)
	out.U, out.V = u, v
	out.H = append([]float64(nil), m.H...)
	if m.Bias != nil {
		b := mat.NewVecDense(r, nil)
		b.MulVec(&t, mat.NewVecDense(r, append([]float64(nil), m.Bias...)))
		out.Bias = b.RawVector().Data
	}
	if m.NoiseChol != nil {
		var l mat.Dense
		l.Mul(&t, m.NoiseChol)
		// Re-triangularise: L_new L_newᵀ = T L Lᵀ Tᵀ.
		var sym mat.SymDense
		sym.SymOuterK(1, &l)
		var ch mat.Cholesky
		if !ch.Factorize(&sym) {
			return nil, nil, fmt.Errorf("lowrank: NoiseChol is singular")
		}
		var tri mat.TriDense
		ch.LTo(&tri)
		out.NoiseChol = mat.DenseCopyOf(&tri)
	}
	if m.W != nil {
		out.W = mat.DenseCopyOf(m.W)
	}
	return &out, &t, nil
}
