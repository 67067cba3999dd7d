package autodiff

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// PadMode selects what a 1-D convolution reads beyond either end of a sequence.
type PadMode int

const (
	PadZero     PadMode = iota // zeros
	PadCircular                // wrap around within the same sequence (x₋₁ = x_{T−1})
	PadReflect                 // mirror without repeating the edge (x₋₁ = x₁)
)

// ConvSpec describes a 1-D convolution over time.
type ConvSpec struct {
	SeqLen int     // T, rows per sequence; the input stacks B sequences into B·T rows
	Kernel int     // k, taps
	Left   int     // taps before t: output t reads inputs t−Left … t−Left+k−1
	Pad    PadMode // what lies outside [0, T)
}

// Causal returns the spec of a causal convolution (output t sees inputs ≤ t, Left = k−1).
func Causal(seqLen, kernel int, pad PadMode) ConvSpec {
	return ConvSpec{SeqLen: seqLen, Kernel: kernel, Left: kernel - 1, Pad: pad}
}

// Conv1D returns the 1-D convolution (cross-correlation, as in deep-learning libraries) of x,
// (B·T)×Cin with B sequences of length T stacked by rows, with the kernel w, (k·Cin)×Cout:
//
//	y[b·T+t, o] = Σ_{j<k} Σ_{c<Cin} w[j·Cin+c, o] · x[b·T + src(t−Left+j), c],
//
// where src maps an index outside [0, T) according to spec.Pad (a zero-padded tap contributes
// nothing). Row j·Cin+c of w is PyTorch's weight[o, c, j]. Add a bias row with Add.
// It is computed as im2col followed by one matrix product, so the gradients are
// w̄ = colᵀ·ȳ and col̄ = ȳ·wᵀ scattered back onto x̄.
func (t *Tape) Conv1D(x, w *Var, spec ConvSpec) *Var {
	if !t.ok("Conv1D", x, w) {
		return t.dead()
	}
	T, k, left := spec.SeqLen, spec.Kernel, spec.Left
	cin, cout := x.cols, w.cols
	switch {
	case T <= 0 || x.rows%T != 0:
		return t.failf("Conv1D", "SeqLen %d does not divide the %d input rows", T, x.rows)
	case k <= 0 || left < 0 || left >= k:
		return t.failf("Conv1D", "Kernel %d and Left %d: want k ≥ 1 and 0 ≤ Left < k", k, left)
	case w.rows != k*cin:
		return t.failf("Conv1D", "kernel has %d rows, want Kernel·Cin = %d", w.rows, k*cin)
	case spec.Pad != PadZero && spec.Pad != PadCircular && spec.Pad != PadReflect:
		return t.failf("Conv1D", "unknown Pad %d", spec.Pad)
	case spec.Pad != PadZero && (left >= T || k-1-left >= T):
		return t.failf("Conv1D", "circular or reflect padding of %d+%d taps needs SeqLen > both, got %d", left, k-1-left, T)
	}
	n, kc := x.rows, k*cin
	// src[t·k+j] is the row within the sequence read by tap j at time t, or −1 for a zero pad.
	src := make([]int, T*k)
	for tt := range T {
		for j := range k {
			src[tt*k+j] = padIndex(tt-left+j, T, spec.Pad)
		}
	}
	col := x.val // one tap (then Left = 0) reads x itself: no im2col copy
	if k > 1 {
		col = t.arena.alloc(n * kc)
		for r := range n {
			base, tt := r-r%T, r%T
			for j := range k {
				dst := col[r*kc+j*cin : r*kc+(j+1)*cin]
				if s := src[tt*k+j]; s >= 0 {
					copy(dst, x.val[(base+s)*cin:(base+s+1)*cin])
				} else {
					clear(dst)
				}
			}
		}
	}
	y := t.newVar(n, cout, x, w)
	blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, general(n, kc, col), general(kc, cout, w.val), 0, general(n, cout, y.val))
	if !y.needsGrad {
		return y
	}
	y.back = func() {
		gy := general(n, cout, y.grad)
		if w.needsGrad {
			blas64.Gemm(blas.Trans, blas.NoTrans, 1, general(n, kc, col), gy, 1, general(kc, cout, w.g()))
		}
		if x.needsGrad {
			dcol := t.arena.alloc(n * kc)
			blas64.Gemm(blas.NoTrans, blas.Trans, 1, gy, general(kc, cout, w.val), 0, general(n, kc, dcol))
			gx := x.g()
			for r := range n {
				base, tt := r-r%T, r%T
				for j := range k {
					if s := src[tt*k+j]; s >= 0 {
						addTo(gx[(base+s)*cin:(base+s+1)*cin], dcol[r*kc+j*cin:r*kc+(j+1)*cin])
					}
				}
			}
		}
	}
	return y
}

// padIndex maps a time index i to [0, T) for the padding mode, or −1 for a zero pad.
func padIndex(i, T int, pad PadMode) int {
	if i >= 0 && i < T {
		return i
	}
	switch pad {
	case PadCircular:
		return ((i % T) + T) % T
	case PadReflect:
		if i < 0 {
			return -i
		}
		return 2*(T-1) - i
	}
	return -1
}
