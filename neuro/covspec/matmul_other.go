//go:build !amd64

package covspec

func dot2x4AVX(j0, j1, r0, r1, r2, r3 *float64, n int, out *[8]float64) {
	panic("covspec: dot2x4AVX without AVX2")
}
