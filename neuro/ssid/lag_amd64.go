package ssid

//go:noescape
func lag2x8AVX(x0, x1, y *float64, n int, out *[16]float64)

//go:noescape
func lag2x4AVX(x0, x1, y *float64, n int, out *[16]float64)

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

func lag2x8(x0, x1, y []float64, n int, out *[16]float64) {
	if hasAVX2FMA && n > 0 {
		_ = x0[n-1]
		_ = x1[n-1]
		_ = y[n+6]
		lag2x8AVX(&x0[0], &x1[0], &y[0], n, out)
		return
	}
	lag2x8Go(x0, x1, y, n, out)
}

func lag2x4(x0, x1, y []float64, n int, out *[16]float64) {
	if hasAVX2FMA && n > 0 {
		_ = x0[n-1]
		_ = x1[n-1]
		_ = y[n+2]
		lag2x4AVX(&x0[0], &x1[0], &y[0], n, out)
		return
	}
	lag2x4Go(x0, x1, y, n, out)
}
