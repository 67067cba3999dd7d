package smc

import "github.com/neurodyn/neurodyn/neuro/autodiff"

// conv1D records the 1-D convolution of x ((B·T)×Cin, B sequences stacked by rows) with the
// kernel w ((k·Cin)×Cout) exactly as autodiff's Conv1D defines it, but computes the three
// products (y = col·w, w̄ += colᵀ·ȳ, col̄ = ȳ·wᵀ) with the packed AVX2 gemmAdd. Without AVX2 or
// for a spec Conv1D would reject it defers to Conv1D (which reports the error).
// Its buffers come from ws (nil: fresh ones).
func conv1D(tp *autodiff.Tape, x, w *autodiff.Var, spec autodiff.ConvSpec, ws *scratch) *autodiff.Var {
	T, k, left := spec.SeqLen, spec.Kernel, spec.Left
	cin, cout, n := x.Cols(), w.Cols(), x.Rows()
	kc := k * cin
	valid := T > 0 && n%T == 0 && k > 0 && left >= 0 && left < k && w.Rows() == kc &&
		(spec.Pad == autodiff.PadZero || (spec.Pad == autodiff.PadCircular || spec.Pad == autodiff.PadReflect) && left < T && k-1-left < T)
	if !haveKern || !valid {
		return tp.Conv1D(x, w, spec)
	}
	// src[t·k+j] is the row within the sequence read by tap j at time t, or −1 for a zero pad.
	src := make([]int, T*k)
	for t := range T {
		for j := range k {
			src[t*k+j] = padIndex(t-left+j, T, spec.Pad)
		}
	}
	var col []float64
	return tp.Func(n, cout, []*autodiff.Var{x, w}, func(out []float64) {
		xv := x.Data()
		col = xv
		if k > 1 {
			col = ws.get(n * kc)
			for r := range n {
				base, t := r-r%T, r%T
				for j := range k {
					dst := col[r*kc+j*cin : r*kc+(j+1)*cin]
					if s := src[t*k+j]; s >= 0 {
						copy(dst, xv[(base+s)*cin:(base+s+1)*cin])
					} else {
						clear(dst)
					}
				}
			}
		}
		clear(out)
		gemmAdd(n, cout, kc, strided{col, kc, 1}, strided{w.Data(), cout, 1}, strided{out, cout, 1}, ws)
	}, func(gout []float64, gin [][]float64) {
		if gw := gin[1]; gw != nil {
			// w̄ᵀ += ȳᵀ·col: col is then packed along its rows, read in order.
			gemmAdd(cout, kc, n, strided{gout, 1, cout}, strided{col, kc, 1}, strided{gw, 1, cout}, ws)
		}
		gx := gin[0]
		if gx == nil {
			return
		}
		dcol := ws.get(n * kc)
		clear(dcol)
		gemmAdd(n, kc, cout, strided{gout, cout, 1}, strided{w.Data(), 1, cout}, strided{dcol, kc, 1}, ws)
		for r := range n {
			base, t := r-r%T, r%T
			for j := range k {
				if s := src[t*k+j]; s >= 0 {
					d := gx[(base+s)*cin : (base+s+1)*cin]
					for c, v := range dcol[r*kc+j*cin : r*kc+(j+1)*cin] {
						d[c] += v
					}
				}
			}
		}
	})
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

// scratch hands out float64 buffers in a fixed order and recycles them after reset: one
// recording (forward and backward of a batch) takes the same sequence of sizes every time.
type scratch struct {
	bufs [][]float64
	next int
}

// reset makes every buffer available again (the previous recording must be finished).
func (s *scratch) reset() { s.next = 0 }

// get returns the next buffer, of length n, with arbitrary contents.
func (s *scratch) get(n int) []float64 {
	if s == nil {
		return make([]float64, n)
	}
	if s.next == len(s.bufs) {
		s.bufs = append(s.bufs, nil)
	}
	b := s.bufs[s.next]
	if cap(b) < n {
		b = make([]float64, n)
		s.bufs[s.next] = b
	}
	s.next++
	return b[:n]
}
