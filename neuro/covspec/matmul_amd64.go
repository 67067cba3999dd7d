package covspec

// dot2x4AVX sets out[2m] = j0·r_m and out[2m+1] = j1·r_m (m = 0..3) over the first n entries
// (n a multiple of 4), with AVX2 fused multiply-adds.
//
//go:noescape
func dot2x4AVX(j0, j1, r0, r1, r2, r3 *float64, n int, out *[8]float64)
