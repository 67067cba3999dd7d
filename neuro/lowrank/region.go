package lowrank

import (
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// singTol is the relative pivot size below which a region's system (J_D − I) z = −c_D is
// treated as singular and handed to the continuum analysis.
const singTol = 1e-11

// luSolve solves A x = b for the r×r row-major A by Gaussian elimination with partial pivoting,
// overwriting A and leaving x in b. It returns false when a pivot is below singTol·max|A|.
func luSolve(a, b []float64, r int) bool {
	scale := 1e-300
	for _, x := range a {
		if x < 0 {
			x = -x
		}
		if x > scale {
			scale = x
		}
	}
	lim := singTol * scale
	for col := range r {
		piv, best := col, math.Abs(a[col*r+col])
		for i := col + 1; i < r; i++ {
			if v := math.Abs(a[i*r+col]); v > best {
				piv, best = i, v
			}
		}
		if best <= lim {
			return false
		}
		if piv != col {
			for l := range r {
				a[col*r+l], a[piv*r+l] = a[piv*r+l], a[col*r+l]
			}
			b[col], b[piv] = b[piv], b[col]
		}
		d := a[col*r+col]
		for i := col + 1; i < r; i++ {
			f := a[i*r+col] / d
			if f == 0 {
				continue
			}
			for l := col; l < r; l++ {
				a[i*r+l] -= f * a[col*r+l]
			}
			b[i] -= f * b[col]
		}
	}
	for i := r - 1; i >= 0; i-- {
		s := b[i]
		for l := i + 1; l < r; l++ {
			s -= a[i*r+l] * b[l]
		}
		b[i] = s / a[i*r+i]
	}
	return true
}

// singularRegion analyses a region whose map has (numerically) an eigenvalue 1. It returns a
// single point when the system is in fact regular, or the solution set {z0 + Nᵀα} intersected
// with the closure of the region when that intersection is non-empty (a continuum, e.g. a line
// attractor). ok is false when the region holds no fixed point.
func (s *system) singularRegion(J, c []float64, state []bool) (z []float64, dirs *mat.Dense, ok bool) {
	r := s.r
	a := mat.NewDense(r, r, nil)
	for k := range r {
		for l := range r {
			a.Set(k, l, J[k*r+l])
		}
		a.Set(k, k, a.At(k, k)-1)
	}
	var svd mat.SVD
	if !svd.Factorize(a, mat.SVDFull) {
		return nil, nil, false
	}
	sv := svd.Values(nil)
	var uu, vv mat.Dense
	svd.UTo(&uu)
	svd.VTo(&vv)
	lim := 1e-9 * math.Max(sv[0], 1)
	// Least-squares solution z0 = A⁺(−c) and the null-space basis.
	z0 := make([]float64, r)
	var null []int
	for i, v := range sv {
		if v <= lim {
			null = append(null, i)
			continue
		}
		coef := 0.0
		for k := range r {
			coef -= uu.At(k, i) * c[k]
		}
		coef /= v
		for k := range r {
			z0[k] += coef * vv.At(k, i)
		}
	}
	// The equation must be consistent: A z0 = −c.
	res, cn := 0.0, 0.0
	for k := range r {
		row := 0.0
		for l := range r {
			row += a.At(k, l) * z0[l]
		}
		res = math.Max(res, math.Abs(row+c[k]))
		cn = math.Max(cn, math.Abs(c[k]))
	}
	if res > 1e-9*(1+cn) {
		return nil, nil, false
	}
	if len(null) == 0 {
		return z0, nil, s.consistent(z0, state, nil)
	}
	dirs = mat.NewDense(len(null), r, nil)
	for i, col := range null {
		for k := range r {
			dirs.Set(i, k, vv.At(k, col))
		}
	}
	z, ok = s.feasiblePoint(z0, dirs, state)
	return z, dirs, ok
}

// feasiblePoint finds α with z0 + dirsᵀα in the closure of the region (within the boundary
// tolerance) by a linear program.
func (s *system) feasiblePoint(z0 []float64, dirs *mat.Dense, state []bool) (z []float64, ok bool) {
	k, r := dirs.Dims()
	zn := math.Sqrt(dot(z0, z0))
	var rows [][]float64
	var rhs []float64
	used := make([]bool, k)
	for j := range s.p {
		sign := -1.0
		if state[j] {
			sign = 1
		}
		v, tol := s.value(j, z0, zn)
		g := make([]float64, k)
		nz := false
		for i := range k {
			g[i] = sign * dot(s.u[j*r:(j+1)*r], dirs.RawRowView(i))
			if math.Abs(g[i]) > 1e-12*(1+s.unorm[j]) {
				nz, used[i] = true, true
			} else {
				g[i] = 0
			}
		}
		h := sign*v + tol // constraint g·α + h ≥ 0
		if !nz {
			if h < 0 {
				return nil, false
			}
			continue
		}
		rows, rhs = append(rows, g), append(rhs, -h)
	}
	if len(rows) == 0 {
		return z0, true
	}
	var cols []int
	for i, u := range used {
		if u {
			cols = append(cols, i)
		}
	}
	m, nc := len(rows), len(cols)
	// Standard form: [G −G −I] [α⁺; α⁻; slack] = −h, all ≥ 0.
	A := mat.NewDense(m, 2*nc+m, nil)
	for i, g := range rows {
		for q, col := range cols {
			A.Set(i, q, g[col])
			A.Set(i, nc+q, -g[col])
		}
		A.Set(i, 2*nc+i, -1)
	}
	x, ok := runLP(make([]float64, 2*nc+m), A, rhs)
	if !ok {
		return nil, false
	}
	z = append([]float64(nil), z0...)
	for q, col := range cols {
		alpha := x[q] - x[nc+q]
		for l := range r {
			z[l] += alpha * dirs.At(col, l)
		}
	}
	return z, true
}

// runLP wraps lp.Simplex, treating any failure (including a panic on a degenerate tableau) as
// infeasible.
func runLP(cost []float64, A *mat.Dense, b []float64) (x []float64, ok bool) {
	defer func() {
		if recover() != nil {
			x, ok = nil, false
		}
	}()
	_, x, err := lp.Simplex(cost, A, b, 1e-10, nil)
	return x, err == nil
}

// solveSmall is luSolve with closed forms (Cramer's rule) for r ≤ 3, the hot path of region
// solves; the singularity test compares |det| with singTol·max|A|^r.
func solveSmall(a, b []float64, r int) bool {
	if r > 3 {
		return luSolve(a, b, r)
	}
	scale := 1e-300
	for _, x := range a[:r*r] {
		if x < 0 {
			x = -x
		}
		if x > scale {
			scale = x
		}
	}
	switch r {
	case 1:
		if math.Abs(a[0]) <= singTol*scale {
			return false
		}
		b[0] /= a[0]
	case 2:
		det := a[0]*a[3] - a[1]*a[2]
		if math.Abs(det) <= singTol*scale*scale {
			return false
		}
		x0 := (b[0]*a[3] - a[1]*b[1]) / det
		b[1] = (a[0]*b[1] - b[0]*a[2]) / det
		b[0] = x0
	case 3:
		c00 := a[4]*a[8] - a[5]*a[7]
		c01 := a[5]*a[6] - a[3]*a[8]
		c02 := a[3]*a[7] - a[4]*a[6]
		det := a[0]*c00 + a[1]*c01 + a[2]*c02
		if math.Abs(det) <= singTol*scale*scale*scale {
			return false
		}
		inv := 1 / det
		x0 := (b[0]*c00 + b[1]*(a[2]*a[7]-a[1]*a[8]) + b[2]*(a[1]*a[5]-a[2]*a[4])) * inv
		x1 := (b[0]*c01 + b[1]*(a[0]*a[8]-a[2]*a[6]) + b[2]*(a[2]*a[3]-a[0]*a[5])) * inv
		x2 := (b[0]*c02 + b[1]*(a[1]*a[6]-a[0]*a[7]) + b[2]*(a[0]*a[4]-a[1]*a[3])) * inv
		b[0], b[1], b[2] = x0, x1, x2
	}
	return true
}
