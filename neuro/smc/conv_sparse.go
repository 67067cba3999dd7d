package smc

import (
	"math"

	"github.com/neurodyn/neurodyn/neuro/internal/microkernel"
)

// convSparseMax is the largest fraction of nonzero inputs for which a convolution of a constant
// input (spike counts: no input gradient) runs on the nonzeros only. Its cost is about
// density·k·Cin·⌈Cout⌉₃₂ multiply-adds per output row at a lower rate than the dense kernel's;
// for the benchmark's first layer (21 taps, 40→64, B = 10, T = 200) forward plus kernel
// gradient took 0.37, 0.55, 0.7 and 0.9 of the dense time at 20, 30, 40 and 50 % nonzeros and
// broke even near 60 %.
const convSparseMax = 0.4

// convSparse is a constant convolution input in compressed rows: the entries of row r are
// ptr[r] … ptr[r+1]−1, entry e holding channel idx[e]/ld and value val[e].
type convSparse struct {
	ptr, idx []int32
	val      []float64
	ld       int // output channels rounded up to whole 32-wide kernel chunks
}

// sparseInput returns x in compressed rows if at most a fraction max of it is nonzero. Both
// passes over x are branch-free (spike counts are nonzero at random).
func (g convGeom) sparseInput(x []float64, max float64, ws *scratch) (*convSparse, bool) {
	nnz := 0
	for _, v := range x {
		nnz += nonzero(v)
	}
	if float64(nnz) > max*float64(len(x)) || (g.tpad()+1)*g.cin*roundUp(g.cout, 32) > math.MaxInt32 {
		return nil, false // too dense, or entry offsets beyond int32
	}
	n := g.B * g.T
	s := &convSparse{ptr: ws.getInt(n + 1), idx: ws.getInt(nnz + 1), val: ws.get(nnz + 1), ld: roundUp(g.cout, 32)}
	e := 0
	for r := range n {
		s.ptr[r] = int32(e)
		for c, v := range x[r*g.cin : (r+1)*g.cin] {
			s.idx[e], s.val[e] = int32(c*s.ld), v // kept only if v ≠ 0
			e += nonzero(v)
		}
	}
	s.ptr[n] = int32(e)
	s.idx, s.val = s.idx[:e], s.val[:e]
	return s, true
}

// nonzero returns 1 if v ≠ 0, else 0.
func nonzero(v float64) int {
	if v != 0 {
		return 1
	}
	return 0
}

// sparseTapBytes bounds the slice of the kernel one pass of sparseForward reads: the 32-wide
// chunks of w for a block of taps stay in L1 while every row of a sequence gathers from them.
const sparseTapBytes = 24 << 10

// sparseForward sets out = conv(x, w) + bias from the nonzeros of x: the rows of each sequence
// are copied into its padded positions p (entry offsets p·cin·ld + c·ld), so output t reads the
// entries of positions t+j0 … t+j1−1 for a block of taps j0 … j1−1 as one list (Band32), a
// block of taps and a 32-wide chunk of columns at a time.
func (g convGeom) sparseForward(out, w, bias []float64, s *convSparse, ws *scratch) {
	cin, cout, ld, k, T, tp := g.cin, g.cout, s.ld, g.k, g.T, g.tpad()
	step := cin * ld
	pptr := ws.getInt(g.B * (tp + 1)) // sequence b's position p starts at pptr[b·(tp+1) + p]
	e := int32(0)
	for b := range g.B {
		for p := range tp {
			pptr[b*(tp+1)+p] = e
			if i := padIndex(p-g.left, T, g.pad); i >= 0 {
				e += s.ptr[b*T+i+1] - s.ptr[b*T+i]
			}
		}
		pptr[b*(tp+1)+tp] = e
	}
	pidx, pval := ws.getInt(int(e)), ws.get(int(e))
	for b := range g.B {
		for p := range tp {
			if i := padIndex(p-g.left, T, g.pad); i >= 0 {
				lo, hi := s.ptr[b*T+i], s.ptr[b*T+i+1]
				d := pptr[b*(tp+1)+p]
				for q := range hi - lo {
					pidx[d+q], pval[d+q] = int32(p*step)+s.idx[lo+q], s.val[lo+q]
				}
			}
		}
	}
	wp, yp := w, out
	if ld != cout { // whole 32-wide chunks: pad the columns with zeros
		wp = ws.get(k * cin * ld)
		for i := range k * cin {
			copy(wp[i*ld:i*ld+cout], w[i*cout:(i+1)*cout])
			clear(wp[i*ld+cout : (i+1)*ld])
		}
		yp = ws.get(g.B * T * ld)
	}
	tb := max(1, sparseTapBytes/(cin*32*8))
	split(g.B, func(lo, hi int) {
		for r := lo * T; r < hi*T; r++ {
			y := yp[r*ld : (r+1)*ld]
			copy(y, bias)
			clear(y[cout:])
		}
		for h := 0; h < cout; h += 32 {
			for j0 := 0; j0 < k; j0 += tb {
				for b := lo; b < hi; b++ {
					microkernel.Band32(yp[b*T*ld+h:], ld, T, wp[j0*step+h:], step, j0, min(tb, k-j0),
						pptr[b*(tp+1)+j0:], pidx, pval)
				}
			}
		}
	})
	if ld != cout {
		for r := range g.B * T {
			copy(out[r*cout:(r+1)*cout], yp[r*ld:r*ld+cout])
		}
	}
}

// sparseBlock is the number of padded positions per block of sparseWeightGrad: their 32-wide
// chunks of ȳ stay in L1 while every row of w̄ gathers from them.
const sparseBlock = 64

// sparseWeightGrad adds w̄[j·cin+c][·] = Σ_b Σ_p xpad[b][p][c]·ȳ[b][p−j][·] over the nonzeros of
// the padded input (xpad[b][p] = x[b][padIndex(p − left)], zero for a zero pad; ȳ zero outside
// [0, T)). ȳ is copied in reverse time order with k−1 zero rows at both ends of each sequence
// (gz[b][r] = ȳ[b][Q−k−r], Q = T + 2(k−1)), so tap j reads gz[b][Q−k−p+j]: consecutive taps,
// consecutive rows. The nonzeros are listed by (sequence, block of padded positions, channel)
// with offsets (Q−k−p)·ld; for one block, one GatherTaps32 call accumulates a 32-wide chunk of
// the rows (j, c) … (j+3, c) of w̄ for all c. The goroutines share out the groups of four taps.
func (g convGeom) sparseWeightGrad(gw, gout []float64, s *convSparse, ws *scratch) {
	cin, cout, ld, k, T, tp := g.cin, g.cout, s.ld, g.k, g.T, g.tpad()
	Q := T + 2*(k-1)
	gz := ws.get(g.B * Q * ld)
	for b := range g.B {
		seq := gz[b*Q*ld : (b+1)*Q*ld]
		clear(seq[:(k-1)*ld])
		clear(seq[(k-1+T)*ld:])
		for t := range T {
			row := seq[(Q-k-t)*ld : (Q-k-t+1)*ld]
			copy(row, gout[(b*T+t)*cout:(b*T+t+1)*cout])
			clear(row[cout:])
		}
	}
	// List (b·nb + block)·cin + c holds the padded positions p (as (Q−k−p)·ld) of that block
	// whose time padIndex(p − left) has a nonzero in channel c, from the rows of x (a counting
	// sort).
	nb := (tp + sparseBlock - 1) / sparseBlock
	nl := g.B * nb * cin
	ptr := ws.getInt(nl + 1)
	clear(ptr)
	list := func(b, p int, e int32) int { return (b*nb+p/sparseBlock)*cin + int(s.idx[e])/ld }
	for b := range g.B {
		for p := range tp {
			if i := padIndex(p-g.left, T, g.pad); i >= 0 {
				for e := s.ptr[b*T+i]; e < s.ptr[b*T+i+1]; e++ {
					ptr[list(b, p, e)+1]++
				}
			}
		}
	}
	for l := range nl {
		ptr[l+1] += ptr[l]
	}
	nnz := int(ptr[nl])
	idx, val, fill := ws.getInt(nnz), ws.get(nnz), ws.getInt(nl)
	copy(fill, ptr[:nl])
	for b := range g.B {
		for p := range tp {
			if i := padIndex(p-g.left, T, g.pad); i >= 0 {
				for e := s.ptr[b*T+i]; e < s.ptr[b*T+i+1]; e++ {
					l := list(b, p, e)
					idx[fill[l]], val[fill[l]] = int32((Q-k-p)*ld), s.val[e]
					fill[l]++
				}
			}
		}
	}
	gwp := gw
	if ld != cout {
		gwp = ws.get(k * cin * ld)
		clear(gwp)
	}
	split((k+3)/4, func(lo, hi int) {
		for b := range g.B {
			for blk := range nb {
				l := ptr[(b*nb+blk)*cin:]
				for j := 4 * lo; j < min(4*hi, k); j += 4 {
					for h := 0; h < cout; h += 32 {
						microkernel.GatherTaps32(gwp[j*cin*ld+h:], ld, cin*ld, cin, min(4, k-j), gz[b*Q*ld+j*ld+h:], ld, l, idx, val)
					}
				}
			}
		}
	})
	if ld != cout {
		for i := range k * cin {
			for o, v := range gwp[i*ld : i*ld+cout] {
				gw[i*cout+o] += v
			}
		}
	}
}
