package autodiff

import (
	"gonum.org/v1/gonum/blas/blas64"
)

// skinny is the largest inner or output width for which gemm uses its own loops: gonum's
// kernels run their innermost loop over the output width (A·B, Aᵀ·B) or the inner dimension
// (A·Bᵀ), and lose most of their speed when that loop has only a few iterations, as in the
// rank-R products of a low-rank RNN.
const skinny = 4

// gemm computes C = op(A)·op(B) + beta·C (beta 0 or 1) for stored matrices a, b, c, where
// op(X) = Xᵀ when the flag is set. Scratch space for small transposes comes from the arena.
func (t *Tape) gemm(tA bool, a blas64.General, tB bool, b blas64.General, beta float64, c blas64.General) {
	m, n := c.Rows, c.Cols
	k := a.Cols
	if tA {
		k = a.Rows
	}
	if k > skinny && n > skinny {
		blas64.Gemm(trans(tA), trans(tB), 1, a, b, beta, c)
		return
	}
	if k <= skinny {
		t.gemmSmallK(tA, a, tB, b, beta == 0, c, m, n, k)
		return
	}
	if beta == 0 {
		clear(c.Data[:m*n])
	}
	t.gemmSmallN(tA, a, tB, b, c, m, n, k)
}

// opRows returns op(B) stored row-major as a k×n matrix (transposing B into scratch if tB).
func (t *Tape) opRows(tB bool, b blas64.General, k, n int) []float64 {
	if !tB {
		return b.Data
	}
	bt := t.arena.alloc(k * n)
	for j := range n {
		for l := range k {
			bt[l*n+j] = b.Data[j*k+l]
		}
	}
	return bt
}

// gemmSmallK: C = Σ_l op(A)[:, l] ⊗ op(B)[l, :] (assign) or C += … for an inner dimension
// k ≤ skinny.
func (t *Tape) gemmSmallK(tA bool, a blas64.General, tB bool, b blas64.General, assign bool, c blas64.General, m, n, k int) {
	bd := t.opRows(tB, b, k, n)
	var s [skinny]float64
	for i := range m {
		for l := range k {
			if tA {
				s[l] = a.Data[l*m+i]
			} else {
				s[l] = a.Data[i*k+l]
			}
		}
		ci := c.Data[i*n : (i+1)*n]
		if assign && k == 2 {
			b0, b1 := bd[:n], bd[n:2*n]
			for j := range ci {
				ci[j] = s[0]*b0[j] + s[1]*b1[j]
			}
			continue
		}
		if assign {
			clear(ci)
		}
		switch k {
		case 1:
			b0 := bd[:n]
			for j := range ci {
				ci[j] += s[0] * b0[j]
			}
		case 2:
			b0, b1 := bd[:n], bd[n:2*n]
			for j := range ci {
				ci[j] += s[0]*b0[j] + s[1]*b1[j]
			}
		default:
			for l := range k {
				bl := bd[l*n : (l+1)*n]
				for j := range ci {
					ci[j] += s[l] * bl[j]
				}
			}
		}
	}
}

// gemmSmallN: C += op(A)·op(B) for an output width n ≤ skinny (and k > skinny).
func (t *Tape) gemmSmallN(tA bool, a blas64.General, tB bool, b blas64.General, c blas64.General, m, n, k int) {
	if !tA {
		// Columns of op(B) as contiguous rows: B itself if tB, else Bᵀ in scratch.
		bc := b.Data
		if !tB {
			bc = t.arena.alloc(n * k)
			for l := range k {
				for j := range n {
					bc[j*k+l] = b.Data[l*n+j]
				}
			}
		}
		for i := range m {
			ai := a.Data[i*k : (i+1)*k]
			for j := range n {
				c.Data[i*n+j] += dot(ai, bc[j*k:(j+1)*k])
			}
		}
		return
	}
	// A is stored k×m: stream its rows, accumulating into the narrow C.
	var bl [skinny]float64
	for l := range k {
		for j := range n {
			if tB {
				bl[j] = b.Data[j*k+l]
			} else {
				bl[j] = b.Data[l*n+j]
			}
		}
		al := a.Data[l*m : (l+1)*m]
		switch n {
		case 1:
			for i, v := range al {
				c.Data[i] += v * bl[0]
			}
		case 2:
			cd := c.Data[:2*m]
			for i, v := range al {
				cd[2*i] += v * bl[0]
				cd[2*i+1] += v * bl[1]
			}
		default:
			for i, v := range al {
				ci := c.Data[i*n : (i+1)*n]
				for j := range ci {
					ci[j] += v * bl[j]
				}
			}
		}
	}
}

func dot(x, y []float64) float64 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < len(x); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}
