package smc

import (
	"runtime"
	"sync"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
	"github.com/neurodyn/neurodyn/neuro/internal/microkernel"
)

// conv1D records the 1-D convolution of x ((B·T)×Cin, B sequences stacked by rows) with the
// kernel w ((k·Cin)×Cout) plus the bias row b (1×Cout) exactly as autodiff's Conv1D followed by
// Add defines it, but without the im2col matrix: every product runs the AVX2 6×8 micro-kernel
// over the taps directly on padded copies of the sequences (see convGeom), and the bias is
// added as the tiles are written. A constant input (no gradient, e.g. spike counts) with at
// most convSparseMax nonzeros is convolved from its nonzeros only. Without AVX2 or for shapes
// Conv1D and Add would reject it defers to them (which report the error). Its buffers come
// from ws (nil: fresh ones).
func conv1D(tp *autodiff.Tape, x, w, b *autodiff.Var, spec autodiff.ConvSpec, ws *scratch) *autodiff.Var {
	return conv1DSparse(tp, x, w, b, spec, ws, convSparseMax)
}

// conv1DSparse is conv1D with the density threshold of the sparse path (−1: never).
func conv1DSparse(tp *autodiff.Tape, x, w, b *autodiff.Var, spec autodiff.ConvSpec, ws *scratch, sparseMax float64) *autodiff.Var {
	T, k, left := spec.SeqLen, spec.Kernel, spec.Left
	cin, cout, n := x.Cols(), w.Cols(), x.Rows()
	valid := T > 0 && n%T == 0 && k > 0 && left >= 0 && left < k && w.Rows() == k*cin &&
		(spec.Pad == autodiff.PadZero || (spec.Pad == autodiff.PadCircular || spec.Pad == autodiff.PadReflect) && left < T && k-1-left < T) &&
		b.Rows() == 1 && b.Cols() == cout
	if !haveKern || !valid {
		return tp.Add(tp.Conv1D(x, w, spec), b)
	}
	g := convGeom{T: T, k: k, left: left, B: n / T, cin: cin, cout: cout, pad: spec.Pad}
	var sp *convSparse
	var xT []float64 // the forward pass's padded channel-major copy of x
	return tp.FuncOverwrite(n, cout, []*autodiff.Var{x, w, b}, func(out []float64) {
		if !x.RequiresGrad() {
			if s, ok := g.sparseInput(x.Data(), sparseMax, ws); ok {
				sp = s
				g.sparseForward(out, w.Data(), b.Data(), sp, ws)
				return
			}
		}
		xT = g.forward(out, x.Data(), w.Data(), b.Data(), ws)
	}, func(gout []float64, gin [][]float64, fresh []bool) {
		if gb := gin[2]; gb != nil {
			if fresh[2] {
				clear(gb)
			}
			for r := range n {
				for o, v := range gout[r*cout : (r+1)*cout] {
					gb[o] += v
				}
			}
		}
		if gin[1] != nil {
			if sp != nil {
				if fresh[1] {
					clear(gin[1])
				}
				g.sparseWeightGrad(gin[1], gout, sp, ws)
			} else {
				g.weightGrad(gin[1], x.Data(), xT, gout, fresh[1], ws)
			}
		}
		if gin[0] != nil {
			g.inputGrad(gin[0], w.Data(), gout, fresh[0], ws)
		}
	})
}

// convGeom is the shape of a convolution over B stacked sequences of length T. Padded position
// p ∈ [0, T+k−1) of a sequence holds time padIndex(p − left), so output t reads padded
// positions t … t+k−1 (tap j at t+j) and no product needs a case for the sequence ends.
type convGeom struct {
	T, k, left, B, cin, cout int
	pad                      autodiff.PadMode
}

// tpad is the padded sequence length T + k − 1.
func (g convGeom) tpad() int { return g.T + g.k - 1 }

// forward sets out = conv(x, w) + bias and returns xT. x is copied channel-major and padded (xT[b][c][p]) and w into
// 8-column panels per tap, so the 6×8 tile of outputs (t0…t0+5, o0…o0+7) of sequence b is
// Σ_j Σ_c xT[b][c][t0+j+r]·w[j][c][o0+cc]: one Gemm6x8Sum over the k taps (ja = 1).
func (g convGeom) forward(out, x, w, bias []float64, ws *scratch) (xT []float64) {
	tp, cin, cout, k := g.tpad(), g.cin, g.cout, g.k
	xT = ws.get(g.B*cin*tp + 8)
	clear(xT[g.B*cin*tp:])
	for b := range g.B {
		for p := range tp {
			s := padIndex(p-g.left, g.T, g.pad)
			if s < 0 {
				for c := range cin {
					xT[(b*cin+c)*tp+p] = 0
				}
				continue
			}
			for c, v := range x[(b*g.T+s)*cin : (b*g.T+s+1)*cin] {
				xT[(b*cin+c)*tp+p] = v
			}
		}
	}
	np := (cout + 7) / 8
	wp := ws.get(np * k * cin * 8) // wp[((q·k + j)·cin + c)·8 + cc] = w[j·cin+c][8q+cc]
	for q := range np {
		for j := range k {
			for c := range cin {
				dst := wp[((q*k+j)*cin+c)*8 : ((q*k+j)*cin+c+1)*8]
				src := w[(j*cin+c)*cout:]
				for cc := range dst {
					if o := 8*q + cc; o < cout {
						dst[cc] = src[o]
					} else {
						dst[cc] = 0
					}
				}
			}
		}
	}
	tiles := (g.T + 5) / 6
	split(g.B*tiles, func(lo, hi int) {
		var acc [48]float64
		for it := lo; it < hi; it++ {
			b, t0 := it/tiles, 6*(it%tiles)
			for q := range np {
				microkernel.Gemm6x8Sum(xT[b*cin*tp+t0:], tp, 1, wp[q*k*cin*8:], 8, cin*8, cin, k, &acc)
				for r := range min(6, g.T-t0) {
					row := out[(b*g.T+t0+r)*cout+8*q : (b*g.T+t0+r+1)*cout]
					for cc := range min(8, len(row)) {
						row[cc] = acc[8*r+cc] + bias[8*q+cc]
					}
				}
			}
		}
	})
	return xT
}

// weightGrad adds w̄[j·cin+c][o] = Σ_b Σ_t xT[b][c][t+j]·ȳ[b][t][o], xT the forward pass's
// padded channel-major copy of x. A 6×8 tile holds six taps j0…j0+5 of one channel c and eight
// outputs: its a-panel is a window sliding along the row xT[b][c] (stride 1), its b-panel ȳ
// copied into contiguous 8-column panels per sequence, and one Gemm6x8Sum sums over the
// sequences. The goroutines share out the channels. When six taps per tile would leave most
// rows unused (few taps, e.g. k = 1) a tile holds six channels of one tap instead
// (weightGradChannels).
func (g convGeom) weightGrad(gw, x, xT, gout []float64, set bool, ws *scratch) {
	tp, cin, cout, T, k := g.tpad(), g.cin, g.cout, g.T, g.k
	np := (cout + 7) / 8
	gy := ws.get(g.B * np * T * 8) // gy[((b·np + q)·T + t)·8 + cc] = ȳ[b·T+t][8q+cc]
	for r := range g.B * T {
		b, t := r/T, r%T
		src := gout[r*cout : (r+1)*cout]
		for q := range np {
			dst := gy[((b*np+q)*T+t)*8 : ((b*np+q)*T+t+1)*8]
			for cc := range dst {
				if o := 8*q + cc; o < cout {
					dst[cc] = src[o]
				} else {
					dst[cc] = 0
				}
			}
		}
	}
	if 2*k*roundUp(cin, 6) < roundUp(k, 6)*cin {
		g.weightGradChannels(gw, x, gy, set, ws)
		return
	}
	split(cin, func(lo, hi int) {
		var acc [48]float64
		for q := range np {
			for c := lo; c < hi; c++ {
				for j0 := 0; j0 < k; j0 += 6 {
					microkernel.Gemm6x8Sum(xT[c*tp+j0:], 1, cin*tp, gy[q*T*8:], 8, np*T*8, T, g.B, &acc)
					for r := range min(6, k-j0) {
						dst := gw[((j0+r)*cin+c)*cout+8*q : ((j0+r)*cin+c+1)*cout]
						addTile(dst[:min(8, len(dst))], acc[8*r:], set)
					}
				}
			}
		}
	})
}

// weightGradChannels is weightGrad with tiles of six channels of one tap: the a-panel holds six
// channels of x copied time-major into padded positions (xp[b][p][c]), the b-panel the packed ȳ
// panels gy. Its strided a-panel runs slower than weightGrad's sliding window, so it pays only
// where it saves most of the tiles' rows.
func (g convGeom) weightGradChannels(gw, x, gy []float64, set bool, ws *scratch) {
	tp, cin, cout, T, k := g.tpad(), g.cin, g.cout, g.T, g.k
	np, nc := (cout+7)/8, (cin+5)/6
	xp := ws.get(g.B*tp*cin + 8) // a tile's last channels may read past the last row: zeros
	clear(xp[g.B*tp*cin:])
	for b := range g.B {
		for p := range tp {
			dst := xp[(b*tp+p)*cin : (b*tp+p+1)*cin]
			if s := padIndex(p-g.left, T, g.pad); s >= 0 {
				copy(dst, x[(b*T+s)*cin:(b*T+s+1)*cin])
			} else {
				clear(dst)
			}
		}
	}
	split(k*nc, func(lo, hi int) {
		var acc [48]float64
		for q := range np {
			for u := lo; u < hi; u++ {
				j, c0 := u/nc, 6*(u%nc)
				microkernel.Gemm6x8Sum(xp[j*cin+c0:], cin, tp*cin, gy[q*T*8:], 8, np*T*8, T, g.B, &acc)
				for r := range min(6, cin-c0) {
					dst := gw[(j*cin+c0+r)*cout+8*q : (j*cin+c0+r+1)*cout]
					addTile(dst[:min(8, len(dst))], acc[8*r:], set)
				}
			}
		}
	})
}

// inputGrad adds x̄: the gradient at padded position p is Σ_j Σ_o ȳ[b][p−j][o]·w[j·cin+c][o]
// (ȳ zero outside [0, T)), and padded position p passes it on to time padIndex(p − left). ȳ is
// copied channel-major with k−1 zeros at both ends (gT[b][o][·]) and w transposed into
// contiguous 8-column panels per tap in reverse tap order, so a tile is again one Gemm6x8Sum
// over the taps with ja = 1.
func (g convGeom) inputGrad(gx, w, gout []float64, set bool, ws *scratch) {
	tp, cin, cout, k, T := g.tpad(), g.cin, g.cout, g.k, g.T
	Q := T + 2*(k-1)
	gT := ws.get(g.B*cout*Q + 8)
	clear(gT[g.B*cout*Q:])
	for b := range g.B {
		for o := range cout {
			row := gT[(b*cout+o)*Q : (b*cout+o+1)*Q]
			clear(row[:k-1])
			clear(row[k-1+T:])
			for t := range T {
				row[k-1+t] = gout[(b*T+t)*cout+o]
			}
		}
	}
	np := (cin + 7) / 8
	wt := ws.get(np * k * cout * 8) // wt[((q·k + i)·cout + o)·8 + cc] = w[(k−1−i)·cin + 8q+cc][o]
	for q := range np {
		for i := range k {
			j := k - 1 - i
			for o := range cout {
				dst := wt[((q*k+i)*cout+o)*8 : ((q*k+i)*cout+o+1)*8]
				for cc := range dst {
					if c := 8*q + cc; c < cin {
						dst[cc] = w[(j*cin+c)*cout+o]
					} else {
						dst[cc] = 0
					}
				}
			}
		}
	}
	// With set, x̄ starts with arbitrary contents: a time that only its own padded position
	// p = s + left reaches is assigned; the times that padded positions beyond the sequence wrap
	// onto (wrap[s] = 1) are cleared first and summed into.
	var wrap []int32
	if set {
		wrap = ws.getInt(T)
		clear(wrap)
		for p := range tp {
			if s := padIndex(p-g.left, T, g.pad); s >= 0 && s != p-g.left {
				wrap[s] = 1
			}
		}
	}
	split(g.B, func(lo, hi int) {
		var acc [48]float64
		for b := lo; b < hi; b++ {
			for s, m := range wrap {
				if m != 0 {
					clear(gx[(b*T+s)*cin : (b*T+s+1)*cin])
				}
			}
			for p0 := 0; p0 < tp; p0 += 6 {
				for q := range np {
					microkernel.Gemm6x8Sum(gT[b*cout*Q+p0:], Q, 1, wt[q*k*cout*8:], 8, cout*8, cout, k, &acc)
					for r := range min(6, tp-p0) {
						s := padIndex(p0+r-g.left, T, g.pad)
						if s < 0 {
							continue
						}
						row := gx[(b*T+s)*cin+8*q : (b*T+s+1)*cin]
						addTile(row[:min(8, len(row))], acc[8*r:], set && s == p0+r-g.left && wrap[s] == 0)
					}
				}
			}
		}
	})
}

// addTile adds the first len(dst) entries of acc to dst, or assigns them if set.
func addTile(dst, acc []float64, set bool) {
	if set {
		copy(dst, acc)
		return
	}
	for i := range dst {
		dst[i] += acc[i]
	}
}

// roundUp returns n rounded up to a multiple of m.
func roundUp(n, m int) int { return (n + m - 1) / m * m }

// split runs f over contiguous ranges of [0, n) on at most GOMAXPROCS goroutines (each index
// in exactly one range, so results do not depend on the number of goroutines).
func split(n int, f func(lo, hi int)) {
	w := min(runtime.GOMAXPROCS(0), n)
	if w <= 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	for i := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(i*n/w, (i+1)*n/w)
		}()
	}
	wg.Wait()
}

// padIndex maps a time index i to [0, T) for the padding mode, or −1 for a zero pad.
func padIndex(i, T int, pad autodiff.PadMode) int {
	if i >= 0 && i < T {
		return i
	}
	switch pad {
	case autodiff.PadCircular:
		return ((i % T) + T) % T
	case autodiff.PadReflect:
		if i < 0 {
			return -i
		}
		return 2*(T-1) - i
	}
	return -1
}

// scratch hands out float64 and int32 buffers in a fixed order and recycles them after reset:
// one recording (forward and backward of a batch) takes the same sequence of sizes every time.
type scratch struct {
	bufs          [][]float64
	ints          [][]int32
	next, nextInt int
}

// reset makes every buffer available again (the previous recording must be finished).
func (s *scratch) reset() { s.next, s.nextInt = 0, 0 }

// get returns the next float64 buffer, of length n, with arbitrary contents.
func (s *scratch) get(n int) []float64 {
	if s == nil {
		return make([]float64, n)
	}
	return take(&s.bufs, &s.next, n)
}

// getInt returns the next int32 buffer, of length n, with arbitrary contents.
func (s *scratch) getInt(n int) []int32 {
	if s == nil {
		return make([]int32, n)
	}
	return take(&s.ints, &s.nextInt, n)
}

// take hands out (*pool)[*next], grown to length n, and advances *next.
func take[T any](pool *[][]T, next *int, n int) []T {
	if *next == len(*pool) {
		*pool = append(*pool, nil)
	}
	b := (*pool)[*next]
	if cap(b) < n {
		b = make([]T, n)
		(*pool)[*next] = b
	}
	*next++
	return b[:n]
}
