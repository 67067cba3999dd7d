package covspec

import (
	"math"
	"math/cmplx"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// cubicImag returns |Im| of the complex-conjugate root pair of the monic cubic
// s³ + a s² + b s + c, and 0 when all three roots are real (Cardano).
func cubicImag(a, b, c float64) float64 {
	p := b - a*a/3
	q := 2*a*a*a/27 - a*b/3 + c
	d := q*q/4 + p*p*p/27
	if d <= 0 {
		return 0
	}
	sd := math.Sqrt(d)
	s := math.Cbrt(-q/2 + sd)
	t := math.Cbrt(-q/2 - sd)
	return math.Sqrt(3) / 2 * math.Abs(s-t)
}

// cubicRealRoots returns the real roots, ascending, of the monic cubic s³ + a s² + b s + c.
func cubicRealRoots(a, b, c float64) []float64 {
	p := b - a*a/3
	q := 2*a*a*a/27 - a*b/3 + c
	d := q*q/4 + p*p*p/27
	shift := -a / 3
	if d > 0 {
		sd := math.Sqrt(d)
		return []float64{math.Cbrt(-q/2+sd) + math.Cbrt(-q/2-sd) + shift}
	}
	if p == 0 {
		return []float64{shift, shift, shift}
	}
	m := 2 * math.Sqrt(-p/3)
	arg := 3 * q / (p * m)
	arg = math.Max(-1, math.Min(1, arg))
	th := math.Acos(arg) / 3
	r := []float64{
		m*math.Cos(th) + shift,
		m*math.Cos(th-2*math.Pi/3) + shift,
		m*math.Cos(th-4*math.Pi/3) + shift,
	}
	sort.Float64s(r)
	return r
}

// polyRoots returns the roots of c[0] x^n + c[1] x^(n-1) + ... + c[n] (c[0] ≠ 0) as the
// eigenvalues of the companion matrix.
func polyRoots(c []float64) []complex128 {
	n := len(c) - 1
	comp := mat.NewDense(n, n, nil)
	for j := range n {
		comp.Set(0, j, -c[j+1]/c[0])
	}
	for i := 1; i < n; i++ {
		comp.Set(i, i-1, 1)
	}
	var eig mat.Eigen
	if !eig.Factorize(comp, mat.EigenNone) {
		return nil
	}
	return eig.Values(nil)
}

// maxImag returns the largest |Im| among roots.
func maxImag(roots []complex128) float64 {
	m := 0.0
	for _, r := range roots {
		m = math.Max(m, math.Abs(imag(r)))
	}
	return m
}

// imagOfMaxReal returns |Im| of the root with the largest real part among the non-real roots,
// or 0 when the root with the largest real part overall is real.
func imagOfMaxReal(roots []complex128) float64 {
	best := math.Inf(-1)
	im := 0.0
	for _, r := range roots {
		if real(r) > best {
			best, im = real(r), math.Abs(imag(r))
		}
	}
	if im < 1e-12*(1+cmplx.Abs(complex(best, 0))) {
		return 0
	}
	return im
}
