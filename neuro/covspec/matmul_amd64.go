package covspec

// dot2x4AVX sets out[2m] = j0·r_m and out[2m+1] = j1·r_m (m = 0..3) over the first n entries
// (n a multiple of 4), with AVX2 fused multiply-adds.
//
//go:noescape
func dot2x4AVX(j0, j1, r0, r1, r2, r3 *float64, n int, out *[8]float64)

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax, edx uint32)

// haveAVX2FMA reports whether the CPU and the OS support AVX2 and FMA.
var haveAVX2FMA = func() bool {
	maxID, _, _, _ := cpuid(0, 0)
	if maxID < 7 {
		return false
	}
	_, _, c1, _ := cpuid(1, 0)
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if c1&fma == 0 || c1&osxsave == 0 || c1&avx == 0 {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&6 != 6 { // XMM and YMM state enabled
		return false
	}
	_, b7, _, _ := cpuid(7, 0)
	return b7&(1<<5) != 0
}()
