package smc

import "math"

// Coefficients of the minimax polynomial R(s²) ≈ (log((1+s)/(1−s)) − 2s)/s on
// s ∈ [0, 0.1716] (|s| ≤ (√2−1)/(√2+1)), the classic reduction of the logarithm.
const (
	lg1 = 6.666666666666735130e-01
	lg2 = 3.999999999940941908e-01
	lg3 = 2.857142874366239149e-01
	lg4 = 2.222219843214978396e-01
	lg5 = 1.818357216161805012e-01
	lg6 = 1.531383769920937332e-01
	lg7 = 1.479819860511658591e-01

	ln2Hi = 6.93147180369123816490e-01 // high bits of ln 2 (k·ln2Hi is exact)
	ln2Lo = 1.90821492927058770002e-10 // ln 2 − ln2Hi

	sqrt2Mant = 0x6a09e667f3bcd // mantissa bits of √2
)

// logInto sets dst[i] = ln src[i] for finite normal src[i] > 0 (within about one ulp of
// math.Log; tested); dst may be src. With AVX2/FMA, blocks of four run in logAVX; the
// scalar loop body makes no calls, so independent elements overlap. Branch-free: x = 2^k·m with m ∈ [√2/2, √2), f = m − 1, s = f/(2+f), and
// ln m = f − (f²/2 − s·(f²/2 + R(s²))).
func logInto(dst, src []float64) {
	dst = dst[:len(src)]
	i0 := 0
	if haveKern {
		i0 = len(src) &^ 3
		if i0 > 0 {
			logAVX(&dst[0], &src[0], i0)
		}
	}
	for i := i0; i < len(src); i++ {
		x := src[i]
		b := math.Float64bits(x)
		mb := b & (1<<52 - 1)
		var up uint64 // 1 when the mantissa exceeds √2: use m/2 and k+1
		if mb > sqrt2Mant {
			up = 1
		}
		k := float64(int64(b>>52) - 1023 + int64(up))
		m := math.Float64frombits(mb | (1023-up)<<52)
		f := m - 1
		s := f / (2 + f)
		s2 := s * s
		s4 := s2 * s2
		t1 := s2 * (lg1 + s4*(lg3+s4*(lg5+s4*lg7)))
		t2 := s4 * (lg2 + s4*(lg4+s4*lg6))
		hfsq := 0.5 * f * f
		dst[i] = k*ln2Hi - ((hfsq - (s*(hfsq+t1+t2) + k*ln2Lo)) - f)
	}
}

// expInto sets dst[i] = e^src[i] (dst may be src): blocks of four in expAVX where AVX2/FMA is
// available and every lane lies in (−700, 700) (within a few ulp of math.Exp; tested),
// math.Exp otherwise.
func expInto(dst, src []float64) {
	dst = dst[:len(src)]
	i := 0
	for haveKern && i+4 <= len(src) {
		i += expAVX(&dst[i], &src[i], (len(src)-i)&^3)
		if i+4 <= len(src) { // a lane of this block is out of range or NaN
			for j := i; j < i+4; j++ {
				dst[j] = math.Exp(src[j])
			}
			i += 4
		}
	}
	for ; i < len(src); i++ {
		dst[i] = math.Exp(src[i])
	}
}
