package microkernel

import "github.com/neurodyn/neurodyn/neuro/internal/cpufeat"

// SparseRows describes rows of a convolution's im2col matrix, never built, over a sparse matrix
// in compressed rows: entries Ptr[s] … Ptr[s+1]−1 of row s, entry e with column offset Idx[e]
// and value Val[e]. Output row i reads, at tap j < Taps, the sparse row Rows[i·RowStride + j]
// (none if −1), whose dense partner rows start j·Step elements further on.
type SparseRows struct {
	Rows      []int32
	Taps      int
	RowStride int
	Ptr, Idx  []int32
	Val       []float64
	Step      int
}

// Gather32 adds, for each output row i < n, to y[i·ldy : … + 32] the sum over its taps j and
// the entries e of their rows of Val[e]·w[j·Step + Idx[e] : … + 32]. The caller guarantees
// that every such window lies in w and that Rows holds the rows read.
func Gather32(y []float64, ldy, n int, w []float64, s SparseRows) {
	if n <= 0 || s.Taps <= 0 {
		return
	}
	_ = y[(n-1)*ldy+31]
	_ = s.Rows[(n-1)*s.RowStride+s.Taps-1]
	if cpufeat.AVX512 {
		gather32AVX512(&y[0], ldy, &w[0], s.Step, &s.Rows[0], s.RowStride, s.Taps, n, &s.Ptr[0], idxBase(s.Idx), valBase(s.Val))
		return
	}
	if cpufeat.AVX2FMA {
		gather32AVX(&y[0], ldy, &w[0], s.Step, &s.Rows[0], s.RowStride, s.Taps, n, &s.Ptr[0], idxBase(s.Idx), valBase(s.Val))
		return
	}
	for i := range n {
		yi := y[i*ldy : i*ldy+32]
		for j, r := range s.Rows[i*s.RowStride : i*s.RowStride+s.Taps] {
			if r < 0 {
				continue
			}
			for e := s.Ptr[r]; e < s.Ptr[r+1]; e++ {
				v, src := s.Val[e], w[j*s.Step+int(s.Idx[e]):][:32]
				for c := range yi {
					yi[c] += v * src[c]
				}
			}
		}
	}
}

// idxBase and valBase return the first element's address, or nil for a matrix without entries
// (the kernel then reads neither).
func idxBase(x []int32) *int32 {
	if len(x) == 0 {
		return nil
	}
	return &x[0]
}

func valBase(x []float64) *float64 {
	if len(x) == 0 {
		return nil
	}
	return &x[0]
}
