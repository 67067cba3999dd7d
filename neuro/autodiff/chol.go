package autodiff

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// Small dense linear algebra for R×R systems (R = latent rank, a few to a few dozen) with many
// right-hand sides (batch × particles). Every op also accepts a stack of B such systems: a
// (B·R)×R matrix whose rows bR … bR+R−1 hold block b (one covariance per trial, say); a
// square matrix is a stack of one. Lower-triangular operands L use only the lower triangle of
// each block; the entries above the diagonal are ignored and receive zero gradient.

// blocks records an error unless a is a stack of square blocks, and returns their number and size.
func (t *Tape) blocks(op string, a *Var) (nb, r int, ok bool) {
	if a.rows%a.cols != 0 {
		t.failf(op, "matrix is %d×%d, want a stack of square blocks (rows a multiple of columns)", a.rows, a.cols)
		return 0, 0, false
	}
	return a.rows / a.cols, a.cols, true
}

func lower(r int, data []float64) blas64.Triangular {
	return blas64.Triangular{Uplo: blas.Lower, Diag: blas.NonUnit, N: r, Stride: r, Data: data}
}

// Cholesky returns the lower-triangular L with L·Lᵀ = ½(S + Sᵀ) for a symmetric
// positive-definite S, block by block for a stack (the symmetric part is used, so the gradient
// is symmetric). A block that is not positive definite is an error.
//
// Gradient (Murray 2016): with Φ(X) the lower triangle of X with its diagonal halved,
// G = L⁻ᵀ Φ(Lᵀ L̄) L⁻¹ and S̄ = ½(G + Gᵀ).
func (t *Tape) Cholesky(s *Var) *Var {
	if !t.ok("Cholesky", s) {
		return t.dead()
	}
	nb, n, ok := t.blocks("Cholesky", s)
	if !ok {
		return t.dead()
	}
	l := t.newVar(s.rows, n, s)
	clear(l.val)
	for b := range nb {
		L, S := l.val[b*n*n:(b+1)*n*n], s.val[b*n*n:(b+1)*n*n]
		for j := range n {
			d := S[j*n+j]
			for k := range j {
				d -= L[j*n+k] * L[j*n+k]
			}
			if !(d > 0) || math.IsInf(d, 0) {
				return t.failf("Cholesky", "block %d is not positive definite (pivot %d is %g)", b, j, d)
			}
			d = math.Sqrt(d)
			L[j*n+j] = d
			for i := j + 1; i < n; i++ {
				x := 0.5 * (S[i*n+j] + S[j*n+i])
				for k := range j {
					x -= L[i*n+k] * L[j*n+k]
				}
				L[i*n+j] = x / d
			}
		}
	}
	if !l.needsGrad {
		return l
	}
	l.back = func() {
		gs := s.g()
		p := t.arena.alloc(n * n)
		for b := range nb {
			L, gl := l.val[b*n*n:(b+1)*n*n], l.grad[b*n*n:(b+1)*n*n]
			// P = Φ(Lᵀ L̄), then G = L⁻ᵀ P L⁻¹ by a left solve with Lᵀ and a right solve with L.
			blas64.Gemm(blas.Trans, blas.NoTrans, 1, general(n, n, L), general(n, n, gl), 0, general(n, n, p))
			for i := range n {
				p[i*n+i] *= 0.5
				clear(p[i*n+i+1 : i*n+n])
			}
			g := general(n, n, p)
			blas64.Trsm(blas.Left, blas.Trans, 1, lower(n, L), g)
			blas64.Trsm(blas.Right, blas.NoTrans, 1, lower(n, L), g)
			gsb := gs[b*n*n : (b+1)*n*n]
			for i := range n {
				for j := range n {
					gsb[i*n+j] += 0.5 * (p[i*n+j] + p[j*n+i])
				}
			}
		}
	}
	return l
}

// lowerOK records an error unless l is a stack of square blocks with non-zero diagonals.
func (t *Tape) lowerOK(op string, l *Var) (nb, r int, ok bool) {
	nb, r, ok = t.blocks(op, l)
	if !ok {
		return 0, 0, false
	}
	for i := range l.rows {
		if d := l.val[i*r+i%r]; d == 0 || math.IsNaN(d) {
			t.failf(op, "triangular factor has diagonal entry %d (block %d) equal to %g", i%r, i/r, d)
			return 0, 0, false
		}
	}
	return nb, r, true
}

// TriSolve returns X = L⁻¹B (transL false) or X = L⁻ᵀB (transL true) for a lower-triangular
// R×R L and an R×m B; for a stack of L blocks, B stacks as many R×m blocks and each is
// solved with its own L.
//
// Gradients: for X = L⁻¹B, B̄ = L⁻ᵀX̄ and L̄ = −tril(B̄Xᵀ); for X = L⁻ᵀB, B̄ = L⁻¹X̄ and
// L̄ = −tril(XB̄ᵀ).
func (t *Tape) TriSolve(l, b *Var, transL bool) *Var {
	if !t.ok("TriSolve", l, b) {
		return t.dead()
	}
	nb, n, ok := t.lowerOK("TriSolve", l)
	if !ok {
		return t.dead()
	}
	m := b.cols
	if b.rows != l.rows {
		return t.failf("TriSolve", "right-hand side has %d rows, want %d", b.rows, l.rows)
	}
	x := t.newVar(b.rows, m, l, b)
	copy(x.val, b.val)
	for k := range nb {
		blas64.Trsm(blas.Left, trans(transL), 1, lower(n, l.val[k*n*n:]), general(n, m, x.val[k*n*m:]))
	}
	if !x.needsGrad {
		return x
	}
	x.back = func() {
		bbar := t.arena.alloc(len(x.val))
		copy(bbar, x.grad)
		for k := range nb {
			blas64.Trsm(blas.Left, trans(!transL), 1, lower(n, l.val[k*n*n:]), general(n, m, bbar[k*n*m:]))
		}
		if b.needsGrad {
			addTo(b.g(), bbar)
		}
		if !l.needsGrad {
			return
		}
		gl := l.g()
		for k := range nb {
			xb, bb, glb := x.val[k*n*m:], bbar[k*n*m:], gl[k*n*n:]
			for i := range n {
				for j := 0; j <= i; j++ {
					s := 0.0
					if transL {
						s = dot(xb[i*m:(i+1)*m], bb[j*m:(j+1)*m])
					} else {
						s = dot(bb[i*m:(i+1)*m], xb[j*m:(j+1)*m])
					}
					glb[i*n+j] -= s
				}
			}
		}
	}
	return x
}

// TriSolveRows returns X = D·L⁻ᵀ for a lower-triangular R×R L and an n×R D: row i of X is
// L⁻¹dᵢ. With L the Cholesky factor of a covariance Σ this whitens row-wise samples, so
// ‖xᵢ‖² = dᵢᵀΣ⁻¹dᵢ. For a stack of B factors, n must be a multiple of B and the rows come in B
// consecutive groups, group b whitened by block b (e.g. the K particles of trial b).
//
// Gradients: D̄ = X̄·L⁻¹ and L̄ = −tril(D̄ᵀX), per group.
func (t *Tape) TriSolveRows(d, l *Var) *Var {
	if !t.ok("TriSolveRows", d, l) {
		return t.dead()
	}
	nb, r, ok := t.lowerOK("TriSolveRows", l)
	if !ok {
		return t.dead()
	}
	if d.cols != r {
		return t.failf("TriSolveRows", "rows have %d columns, want %d (the size of L)", d.cols, r)
	}
	if d.rows%nb != 0 {
		return t.failf("TriSolveRows", "%d rows do not split into %d groups (one per block of L)", d.rows, nb)
	}
	g := d.rows / nb
	x := t.newVar(d.rows, r, d, l)
	copy(x.val, d.val)
	for k := range nb {
		blas64.Trsm(blas.Right, blas.Trans, 1, lower(r, l.val[k*r*r:]), general(g, r, x.val[k*g*r:]))
	}
	if !x.needsGrad {
		return x
	}
	x.back = func() {
		dbar := t.arena.alloc(len(x.val))
		copy(dbar, x.grad)
		for k := range nb {
			blas64.Trsm(blas.Right, blas.NoTrans, 1, lower(r, l.val[k*r*r:]), general(g, r, dbar[k*g*r:]))
		}
		if d.needsGrad {
			addTo(d.g(), dbar)
		}
		if !l.needsGrad {
			return
		}
		gl := l.g()
		for k := range nb {
			glb := gl[k*r*r:]
			for row := k * g; row < (k+1)*g; row++ {
				db, xr := dbar[row*r:(row+1)*r], x.val[row*r:(row+1)*r]
				for i := range r {
					for j := 0; j <= i; j++ {
						glb[i*r+j] -= db[i] * xr[j]
					}
				}
			}
		}
	}
	return x
}

// CholSolve returns X = (L·Lᵀ)⁻¹B given the Cholesky factor L (or a stack, as in TriSolve).
func (t *Tape) CholSolve(l, b *Var) *Var {
	return t.TriSolve(l, t.TriSolve(l, b, false), true)
}

// LogDetTri returns log|det L| = Σᵢ log|Lᵢᵢ| of a triangular L as a 1×1 Var, or a B×1 column for
// a stack of B blocks. For a Cholesky factor, log det(L·Lᵀ) = 2·LogDetTri(L).
// Gradient: L̄ᵢᵢ = ḡ / Lᵢᵢ.
func (t *Tape) LogDetTri(l *Var) *Var {
	if !t.ok("LogDetTri", l) {
		return t.dead()
	}
	nb, n, ok := t.blocks("LogDetTri", l)
	if !ok {
		return t.dead()
	}
	y := t.newVar(nb, 1, l)
	for k := range nb {
		s := 0.0
		for i := range n {
			s += math.Log(math.Abs(l.val[(k*n+i)*n+i]))
		}
		y.val[k] = s
	}
	y.back = func() {
		if l.needsGrad {
			gl := l.g()
			for k := range nb {
				for i := range n {
					j := (k*n+i)*n + i
					gl[j] += y.grad[k] / l.val[j]
				}
			}
		}
	}
	return y
}

// LogDetSPD returns log det S of a symmetric positive-definite S (through Cholesky): 1×1, or B×1
// for a stack.
func (t *Tape) LogDetSPD(s *Var) *Var { return t.Scale(t.LogDetTri(t.Cholesky(s)), 2) }

// LowerExpDiag maps an unconstrained square P (or a stack) to a Cholesky factor with positive
// diagonal: Lᵢⱼ = Pᵢⱼ below the diagonal, Lᵢᵢ = exp(Pᵢᵢ/2), 0 above (the "full" noise
// parameterisation of Pals et al. 2024: P = 2 log(s)·I gives L = s·I).
func (t *Tape) LowerExpDiag(p *Var) *Var {
	if !t.ok("LowerExpDiag", p) {
		return t.dead()
	}
	if _, _, ok := t.blocks("LowerExpDiag", p); !ok {
		return t.dead()
	}
	n := p.cols
	l := t.newVar(p.rows, n, p)
	clear(l.val)
	for row := range p.rows {
		i := row % n
		copy(l.val[row*n:row*n+i], p.val[row*n:row*n+i])
		l.val[row*n+i] = math.Exp(p.val[row*n+i] / 2)
	}
	l.back = func() {
		if p.needsGrad {
			gp := p.g()
			for row := range p.rows {
				i := row % n
				addTo(gp[row*n:row*n+i], l.grad[row*n:row*n+i])
				gp[row*n+i] += l.grad[row*n+i] * l.val[row*n+i] / 2
			}
		}
	}
	return l
}
