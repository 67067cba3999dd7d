package microkernel

import "github.com/neurodyn/neurodyn/neuro/internal/cpufeat"

// SparseRows describes, for a sparse matrix in compressed rows (entries ptr[s] … ptr[s+1]−1 of
// row s, entry e with column offset Idx[e] and value Val[e]), a list of rows read one per tap:
// tap j reads row Rows[j] (none if −1), and its dense partner rows start j·Step elements apart.
// Together they are one row of a convolution's im2col matrix, never built.
type SparseRows struct {
	Rows []int32
	Ptr  []int32
	Idx  []int32
	Val  []float64
	Step int
}

// Gather32 adds to y[0:32] the sum over the taps j and the entries e of their rows of
// Val[e]·w[j·Step + Idx[e] : … + 32]. The caller guarantees every such window lies in w.
func Gather32(y []float64, w []float64, s SparseRows) {
	y = y[:32]
	if cpufeat.AVX2FMA && len(s.Rows) > 0 {
		gather32AVX(&y[0], &w[0], s.Step, &s.Rows[0], len(s.Rows), &s.Ptr[0], idxBase(s.Idx), valBase(s.Val))
		return
	}
	for j, r := range s.Rows {
		if r < 0 {
			continue
		}
		for e := s.Ptr[r]; e < s.Ptr[r+1]; e++ {
			v, src := s.Val[e], w[j*s.Step+int(s.Idx[e]):][:32]
			for i := range y {
				y[i] += v * src[i]
			}
		}
	}
}

// idxBase and valBase return the first element's address, or nil for a matrix without entries
// (the kernels then read neither).
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
