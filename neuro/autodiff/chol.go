package autodiff

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// Small dense linear algebra for R×R systems (R = latent rank, a few to a few dozen) with many
// right-hand sides (batch × particles). Lower-triangular operands L use only their lower
// triangle; the entries above the diagonal are ignored and receive zero gradient.

// Cholesky returns the lower-triangular L with L·Lᵀ = ½(S + Sᵀ) for a square symmetric
// positive-definite S (the symmetric part is used, so the gradient is symmetric). A matrix that
// is not positive definite is an error.
//
// Gradient (Murray 2016): with Φ(X) the lower triangle of X with its diagonal halved,
// G = L⁻ᵀ Φ(Lᵀ L̄) L⁻¹ and S̄ = ½(G + Gᵀ).
func (t *Tape) Cholesky(s *Var) *Var {
	if !t.ok("Cholesky", s) {
		return t.dead()
	}
	n := s.rows
	if s.cols != n {
		return t.failf("Cholesky", "matrix is %d×%d, want square", s.rows, s.cols)
	}
	l := t.newVar(n, n, s)
	L := l.val
	clear(L)
	for j := range n {
		d := s.val[j*n+j]
		for k := range j {
			d -= L[j*n+k] * L[j*n+k]
		}
		if !(d > 0) || math.IsInf(d, 0) {
			return t.failf("Cholesky", "matrix is not positive definite (pivot %d is %g)", j, d)
		}
		d = math.Sqrt(d)
		L[j*n+j] = d
		for i := j + 1; i < n; i++ {
			x := 0.5 * (s.val[i*n+j] + s.val[j*n+i])
			for k := range j {
				x -= L[i*n+k] * L[j*n+k]
			}
			L[i*n+j] = x / d
		}
	}
	if !l.needsGrad {
		return l
	}
	l.back = func() {
		tri := blas64.Triangular{Uplo: blas.Lower, Diag: blas.NonUnit, N: n, Stride: n, Data: L}
		// P = Φ(Lᵀ L̄)
		p := t.arena.alloc(n * n)
		blas64.Gemm(blas.Trans, blas.NoTrans, 1, general(n, n, L), general(n, n, l.grad), 0, general(n, n, p))
		for i := range n {
			p[i*n+i] *= 0.5
			clear(p[i*n+i+1 : i*n+n])
		}
		// G = L⁻ᵀ P L⁻¹: solve from the left with Lᵀ, then from the right with L.
		g := general(n, n, p)
		blas64.Trsm(blas.Left, blas.Trans, 1, tri, g)
		blas64.Trsm(blas.Right, blas.NoTrans, 1, tri, g)
		gs := s.g()
		for i := range n {
			for j := range n {
				gs[i*n+j] += 0.5 * (p[i*n+j] + p[j*n+i])
			}
		}
	}
	return l
}

// lowerOK records an error unless l is square with a non-zero diagonal.
func (t *Tape) lowerOK(op string, l *Var) bool {
	if l.rows != l.cols {
		t.failf(op, "triangular factor is %d×%d, want square", l.rows, l.cols)
		return false
	}
	for i := range l.rows {
		if d := l.val[i*l.cols+i]; d == 0 || math.IsNaN(d) {
			t.failf(op, "triangular factor has diagonal entry %d equal to %g", i, d)
			return false
		}
	}
	return true
}

// TriSolve returns X = L⁻¹B (transL false) or X = L⁻ᵀB (transL true) for a lower-triangular
// n×n L and an n×m B.
//
// Gradients: for X = L⁻¹B, B̄ = L⁻ᵀX̄ and L̄ = −tril(B̄Xᵀ); for X = L⁻ᵀB, B̄ = L⁻¹X̄ and
// L̄ = −tril(XB̄ᵀ).
func (t *Tape) TriSolve(l, b *Var, transL bool) *Var {
	if !t.ok("TriSolve", l, b) || !t.lowerOK("TriSolve", l) {
		return t.dead()
	}
	n, m := l.rows, b.cols
	if b.rows != n {
		return t.failf("TriSolve", "right-hand side has %d rows, want %d", b.rows, n)
	}
	x := t.newVar(n, m, l, b)
	copy(x.val, b.val)
	tri := blas64.Triangular{Uplo: blas.Lower, Diag: blas.NonUnit, N: n, Stride: n, Data: l.val}
	blas64.Trsm(blas.Left, trans(transL), 1, tri, general(n, m, x.val))
	if !x.needsGrad {
		return x
	}
	x.back = func() {
		bbar := t.arena.alloc(n * m)
		copy(bbar, x.grad)
		blas64.Trsm(blas.Left, trans(!transL), 1, tri, general(n, m, bbar))
		if b.needsGrad {
			addTo(b.g(), bbar)
		}
		if l.needsGrad {
			gl := l.g()
			for i := range n {
				for j := 0; j <= i; j++ {
					s := 0.0
					for k := range m {
						if transL {
							s += x.val[i*m+k] * bbar[j*m+k]
						} else {
							s += bbar[i*m+k] * x.val[j*m+k]
						}
					}
					gl[i*n+j] -= s
				}
			}
		}
	}
	return x
}

// TriSolveRows returns X = D·L⁻ᵀ for a lower-triangular R×R L and an n×R D: row i of X is
// L⁻¹dᵢ. With L the Cholesky factor of a covariance Σ this whitens row-wise samples, so
// ‖xᵢ‖² = dᵢᵀΣ⁻¹dᵢ.
//
// Gradients: D̄ = X̄·L⁻¹ and L̄ = −tril(D̄ᵀX).
func (t *Tape) TriSolveRows(d, l *Var) *Var {
	if !t.ok("TriSolveRows", d, l) || !t.lowerOK("TriSolveRows", l) {
		return t.dead()
	}
	r, n := l.rows, d.rows
	if d.cols != r {
		return t.failf("TriSolveRows", "rows have %d columns, want %d (the size of L)", d.cols, r)
	}
	x := t.newVar(n, r, d, l)
	copy(x.val, d.val)
	tri := blas64.Triangular{Uplo: blas.Lower, Diag: blas.NonUnit, N: r, Stride: r, Data: l.val}
	blas64.Trsm(blas.Right, blas.Trans, 1, tri, general(n, r, x.val))
	if !x.needsGrad {
		return x
	}
	x.back = func() {
		dbar := t.arena.alloc(n * r)
		copy(dbar, x.grad)
		blas64.Trsm(blas.Right, blas.NoTrans, 1, tri, general(n, r, dbar))
		if d.needsGrad {
			addTo(d.g(), dbar)
		}
		if l.needsGrad {
			gl := l.g()
			for i := range r {
				for j := 0; j <= i; j++ {
					s := 0.0
					for k := range n {
						s += dbar[k*r+i] * x.val[k*r+j]
					}
					gl[i*r+j] -= s
				}
			}
		}
	}
	return x
}

// CholSolve returns X = (L·Lᵀ)⁻¹B given the Cholesky factor L.
func (t *Tape) CholSolve(l, b *Var) *Var {
	return t.TriSolve(l, t.TriSolve(l, b, false), true)
}

// LogDetTri returns the 1×1 log|det L| = Σᵢ log|Lᵢᵢ| of a triangular L; for a Cholesky factor,
// log det(L·Lᵀ) = 2·LogDetTri(L). Gradient: L̄ᵢᵢ = ḡ / Lᵢᵢ.
func (t *Tape) LogDetTri(l *Var) *Var {
	if !t.ok("LogDetTri", l) {
		return t.dead()
	}
	n := l.rows
	if l.cols != n {
		return t.failf("LogDetTri", "matrix is %d×%d, want square", l.rows, l.cols)
	}
	y := t.newVar(1, 1, l)
	s := 0.0
	for i := range n {
		s += math.Log(math.Abs(l.val[i*n+i]))
	}
	y.val[0] = s
	y.back = func() {
		if l.needsGrad {
			gl := l.g()
			for i := range n {
				gl[i*n+i] += y.grad[0] / l.val[i*n+i]
			}
		}
	}
	return y
}

// LogDetSPD returns the 1×1 log det S of a symmetric positive-definite S (through Cholesky).
func (t *Tape) LogDetSPD(s *Var) *Var { return t.Scale(t.LogDetTri(t.Cholesky(s)), 2) }

// LowerExpDiag maps an unconstrained square P to a Cholesky factor with positive diagonal:
// Lᵢⱼ = Pᵢⱼ below the diagonal, Lᵢᵢ = exp(Pᵢᵢ/2), 0 above (the "full" noise parameterisation
// of Pals et al. 2024: P = 2 log(s)·I gives L = s·I).
func (t *Tape) LowerExpDiag(p *Var) *Var {
	if !t.ok("LowerExpDiag", p) {
		return t.dead()
	}
	n := p.rows
	if p.cols != n {
		return t.failf("LowerExpDiag", "matrix is %d×%d, want square", p.rows, p.cols)
	}
	l := t.newVar(n, n, p)
	clear(l.val)
	for i := range n {
		copy(l.val[i*n:i*n+i], p.val[i*n:i*n+i])
		l.val[i*n+i] = math.Exp(p.val[i*n+i] / 2)
	}
	l.back = func() {
		if p.needsGrad {
			gp := p.g()
			for i := range n {
				addTo(gp[i*n:i*n+i], l.grad[i*n:i*n+i])
				gp[i*n+i] += l.grad[i*n+i] * l.val[i*n+i] / 2
			}
		}
	}
	return l
}
