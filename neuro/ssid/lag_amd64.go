package ssid

//go:noescape
func gemm6x8AVX(a, b *float64, stride, n int, acc *[48]float64)

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax, edx uint32)

// hasAVX2FMA reports whether the CPU and OS support AVX2 and FMA.
var hasAVX2FMA = func() bool {
	maxID, _, _, _ := cpuid(0, 0)
	if maxID < 7 {
		return false
	}
	_, _, c1, _ := cpuid(1, 0)
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if c1&fma == 0 || c1&osxsave == 0 || c1&avx == 0 {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&6 != 6 {
		return false
	}
	_, b7, _, _ := cpuid(7, 0)
	return b7&(1<<5) != 0
}()

func gemm6x8(a, b []float64, stride, n int, acc *[48]float64) {
	if hasAVX2FMA && n > 0 {
		_ = a[(n-1)*stride+5]
		_ = b[(n-1)*stride+7]
		gemm6x8AVX(&a[0], &b[0], stride, n, acc)
		return
	}
	gemm6x8Go(a, b, stride, n, acc)
}
