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
// Transposes are not materialised; BLAS reads the operands in place.
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
	blas64.Gemm(trans(transA), trans(transB), 1, ga, gb, 0, general(m, n, c.val))
	if !c.needsGrad {
		return c
	}
	c.back = func() {
		gc := general(m, n, c.grad)
		if a.needsGrad {
			gA := general(a.rows, a.cols, a.g())
			if !transA { // Ā = Ḡ·op(b)ᵀ
				blas64.Gemm(blas.NoTrans, trans(!transB), 1, gc, gb, 1, gA)
			} else { // Ā = op(b)·Ḡᵀ
				blas64.Gemm(trans(transB), blas.Trans, 1, gb, gc, 1, gA)
			}
		}
		if b.needsGrad {
			gB := general(b.rows, b.cols, b.g())
			if !transB { // B̄ = op(a)ᵀ·Ḡ
				blas64.Gemm(trans(!transA), blas.NoTrans, 1, ga, gc, 1, gB)
			} else { // B̄ = Ḡᵀ·op(a)
				blas64.Gemm(blas.Trans, trans(transA), 1, gc, ga, 1, gB)
			}
		}
	}
	return c
}
