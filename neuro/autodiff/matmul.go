package autodiff

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

func general(rows, cols int, data []float64) blas64.General {
	return blas64.General{Rows: rows, Cols: cols, Stride: cols, Data: data}
}

func trans(t bool) blas.Transpose {
	if t {
		return blas.Trans
	}
	return blas.NoTrans
}

// MatMul returns the matrix product a·b.
func (t *Tape) MatMul(a, b *Var) *Var { return t.MatMulT(a, false, b, false) }

// MatMulT returns op(a)·op(b), where op(x) is xᵀ if the matching flag is true and x otherwise.
// Transposes are not materialised (except tiny ones for rank-R shapes); products go through
// gonum BLAS, or through dedicated loops when the inner dimension or the output width is ≤ 4.
//
// Gradients (Ḡ = d loss / d C): for C = A·B, Ā = Ḡ·Bᵀ and B̄ = Aᵀ·Ḡ; the transposed cases follow
// by transposing the corresponding factor.
func (t *Tape) MatMulT(a *Var, transA bool, b *Var, transB bool) *Var {
	if !t.ok("MatMul", a, b) {
		return t.dead()
	}
	m, k := a.rows, a.cols
	if transA {
		m, k = k, m
	}
	kb, n := b.rows, b.cols
	if transB {
		kb, n = n, kb
	}
	if k != kb {
		return t.failf("MatMul", "inner dimensions differ: op(a) is %d×%d, op(b) is %d×%d", m, k, kb, n)
	}
	c := t.newVar(m, n, a, b)
	ga, gb := general(a.rows, a.cols, a.val), general(b.rows, b.cols, b.val)
	t.gemm(transA, ga, transB, gb, 0, general(m, n, c.val))
	if !c.needsGrad {
		return c
	}
	c.back = func() {
		gc := general(m, n, c.grad)
		if a.needsGrad {
			buf, fresh := a.gOut()
			gA, beta := general(a.rows, a.cols, buf), betaFor(fresh)
			if !transA { // Ā = Ḡ·op(b)ᵀ
				t.gemm(false, gc, !transB, gb, beta, gA)
			} else { // Ā = op(b)·Ḡᵀ
				t.gemm(transB, gb, true, gc, beta, gA)
			}
		}
		if b.needsGrad {
			buf, fresh := b.gOut()
			gB, beta := general(b.rows, b.cols, buf), betaFor(fresh)
			if !transB { // B̄ = op(a)ᵀ·Ḡ
				t.gemm(!transA, ga, false, gc, beta, gB)
			} else { // B̄ = Ḡᵀ·op(a)
				t.gemm(true, gc, transA, ga, beta, gB)
			}
		}
	}
	return c
}

// betaFor returns the GEMM β that overwrites a fresh (uninitialised) gradient or adds to one.
func betaFor(fresh bool) float64 {
	if fresh {
		return 0
	}
	return 1
}
