package autodiff

import (
	"math"
	"testing"
)

// geluRef and geluGradRef are GELU and its derivative from math.Erfc and math.Exp (through
// normCDF and normPDF).
func geluRef(x float64) float64 { return x * normCDF(x) }

func geluGradRef(x float64) float64 { return normCDF(x) + x*normPDF(x) }

// The tabulated GELU agrees with the math.Erfc reference to a few units in the last place on a
// dense grid over [−40, 40] (beyond ±9 it is the reference itself), its derivative to 1e-15
// absolute (relative beyond 1); ±Inf and NaN give what the reference formulas give; geluBack
// adds to a gradient that is not fresh. Both the AVX2 kernels (where the CPU has them) and the
// portable loops are checked.
func TestGELUMatchesErfc(t *testing.T) {
	defer func(v bool) { geluSIMD = v }(geluSIMD)
	for _, simd := range []bool{false, geluSIMD} {
		geluSIMD = simd
		t.Run(map[bool]string{false: "portable", true: "avx2"}[simd], testGELU)
	}
}

func testGELU(t *testing.T) {
	var x []float64
	for i := -400000; i <= 400000; i++ {
		x = append(x, float64(i)*1e-4*(1+1e-7*float64(i%7))) // off the nodes as well as on them
	}
	x = append(x, math.Inf(1), math.Inf(-1), math.NaN(), 0, math.Copysign(0, -1), 9, -9, math.Nextafter(9, 10), math.Nextafter(-9, -10), 1e-300, -5e-324, 3)
	y, cdf, g, ones := make([]float64, len(x)), make([]float64, len(x)), make([]float64, len(x)), make([]float64, len(x))
	for i := range ones {
		ones[i] = 1
	}
	geluInto(y, cdf, x)
	geluBack(g, ones, x, cdf, true)
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	var worst float64
	for i, v := range x {
		ry, rg := geluRef(v), geluGradRef(v)
		if math.IsInf(v, 0) || math.IsNaN(v) {
			if !same(y[i], ry) || !same(g[i], rg) {
				t.Errorf("GELU(%v) = %v, derivative %v; reference %v, %v", v, y[i], g[i], ry, rg)
			}
			continue
		}
		if ry != 0 {
			worst = max(worst, math.Abs(y[i]-ry)/math.Abs(ry)/0x1p-52)
		} else if y[i] != 0 {
			t.Errorf("GELU(%v) = %v, reference 0", v, y[i])
		}
		if d := math.Abs(g[i] - rg); d > 1e-15*max(1, math.Abs(v)) {
			t.Errorf("GELU′(%v) = %v, reference %v", v, g[i], rg)
		}
	}
	t.Logf("largest relative error of GELU: %.2f ulp", worst)
	if worst > 5 {
		t.Errorf("largest relative error of GELU %.2f ulp, want ≤ 5", worst)
	}
	g2 := append([]float64(nil), ones...)
	geluBack(g2, ones, x, cdf, false)
	for i := range x[:1000] {
		if g2[i] != 1+g[i] {
			t.Fatalf("accumulated gradient %v, want 1 + %v", g2[i], g[i])
		}
	}
}
