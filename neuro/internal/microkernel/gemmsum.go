package microkernel

import "github.com/neurodyn/neurodyn/neuro/internal/cpufeat"

// Gemm6x8Sum sets acc to the sum of n blocks like Gemm6x8's, each from its own pair of panels:
//
//	acc[8r+c] = Σ_{i<n} Σ_{u<k} a[i·ja + u·sa + r] · b[i·jb + u·sb + c]   (r < 6, c < 8).
//
// The panels of block i start ja and jb elements after those of block i−1: the taps of a
// convolution (ja = 1 steps a window along a time-major row) or a batch of sequences. All
// strides are ≥ 0. Unlike Gemm6x8 it overwrites acc (the sum starts from zero in registers,
// with no accumulator to clear and reload). It panics if a or b is too short.
func Gemm6x8Sum(a []float64, sa, ja int, b []float64, sb, jb int, k, n int, acc *[48]float64) {
	if k <= 0 || n <= 0 {
		*acc = [48]float64{}
		return
	}
	_ = a[(n-1)*ja+(k-1)*sa+5]
	_ = b[(n-1)*jb+(k-1)*sb+7]
	if cpufeat.AVX2FMA {
		gemm6x8SumAVX(&a[0], &b[0], sa, ja, sb, jb, k, n, acc)
		return
	}
	*acc = [48]float64{}
	for i := range n {
		gemm6x8Go(a[i*ja:], sa, b[i*jb:], sb, k, acc)
	}
}
