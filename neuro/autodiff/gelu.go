package autodiff

import "math"

// GELU returns the exact Gaussian error linear unit x·Φ(x), Φ the standard normal CDF
// (PyTorch's default, not the tanh approximation). Derivative: Φ(x) + x·φ(x), with Φ(x) kept
// from the forward pass.
func (t *Tape) GELU(a *Var) *Var {
	if !t.ok("GELU", a) {
		return t.dead()
	}
	y := t.newVar(a.rows, a.cols, a)
	cdf := t.arena.alloc(len(a.val))
	geluInto(y.val, cdf, a.val)
	if !y.needsGrad {
		return y
	}
	y.back = func() {
		ga, fresh := a.gOut()
		geluBack(ga, y.grad, a.val, cdf, fresh)
	}
	return y
}

// geluInto sets cdf = Φ(x) and y = x·Φ(x) elementwise.
func geluInto(y, cdf, x []float64) {
	y, cdf = y[:len(x)], cdf[:len(x)]
	start := 0 // entries before start are done
	m := 0
	if geluSIMD {
		if m = len(x) &^ 3; m > 0 && geluAVX(&y[0], &cdf[0], &x[0], m, &geluTab[0]) == 0 {
			start = m
		}
	}
	tab := geluTab
	for i := start; i < len(x); i++ {
		v := x[i]
		if !(math.Abs(v) <= geluLim) {
			cdf[i] = normCDF(v)
			y[i] = v * cdf[i]
			continue
		}
		if i < m {
			continue
		}
		j := int((v+geluLim)*geluStep + 0.5)
		d := v - (float64(j)*(1.0/geluStep) - geluLim)
		c := (*[geluRow]float64)(tab[j*geluRow : j*geluRow+geluRow])
		d2 := d * d
		d4 := d2 * d2
		lo := (c[0] + c[1]*d) + d2*(c[2]+c[3]*d) + d4*((c[4]+c[5]*d)+d2*(c[6]+c[7]*d))
		hi := (c[8] + c[9]*d) + d2*(c[10]+c[11]*d) + d4*c[12]
		cdf[i] = lo + (d4*d4)*hi
		y[i] = v * cdf[i]
	}
}

// geluBack sets (fresh) or adds to ga the product of gy with the derivative Φ(x) + x·φ(x), Φ(x)
// given as cdf.
func geluBack(ga, gy, x, cdf []float64, fresh bool) {
	ga, gy, cdf = ga[:len(x)], gy[:len(x)], cdf[:len(x)]
	start := 0 // entries before start are done
	m := 0
	if geluSIMD {
		if m = len(x) &^ 3; m > 0 {
			add := 1
			if fresh {
				add = 0
			}
			if geluBackAVX(&ga[0], &gy[0], &x[0], &cdf[0], m, &geluTab[0], add) == 0 {
				start = m
			}
		}
	}
	tab := geluTab
	for i := start; i < len(x); i++ {
		v := x[i]
		var g float64
		if !(math.Abs(v) <= geluLim) {
			g = gy[i] * (cdf[i] + v*normPDF(v))
		} else if i < m {
			continue
		} else {
			j := int((v+geluLim)*geluStep + 0.5)
			d := v - (float64(j)*(1.0/geluStep) - geluLim)
			c := (*[geluRow]float64)(tab[j*geluRow : j*geluRow+geluRow])
			const o = geluPDF
			d2 := d * d
			d4 := d2 * d2
			q := (c[o] + c[o+1]*d) + d2*(c[o+2]+c[o+3]*d) + d4*((c[o+4]+c[o+5]*d)+d2*(c[o+6]+c[o+7]*d)) +
				(d4*d4)*((c[o+8]+c[o+9]*d)+d2*(c[o+10]+c[o+11]*d))
			g = gy[i] * (cdf[i] + v*q)
		}
		if fresh { // the kernel set or added 0 in the lanes it cannot handle
			ga[i] = g
		} else {
			ga[i] += g
		}
	}
}

// Φ and φ on [−geluLim, geluLim] come from Taylor polynomials about nodes x₀ every 1/geluStep:
//
//	Φ(x₀+d) = Φ(x₀) + φ(x₀) Σ_{n=1..geluDeg} (−1)ⁿ⁻¹ Heₙ₋₁(x₀) dⁿ / n!,
//
// Heₙ the probabilists' Hermite polynomials (φ⁽ⁿ⁾ = (−1)ⁿ Heₙ φ), and φ(x₀+d) is the derivative
// of the same polynomial in d; both are evaluated by Estrin's scheme (short dependency chains),
// spelled out for geluDeg = 12. With |d| ≤ 1/32 the first omitted term is below 1e-16 relative to
// Φ. Beyond the table (|x| > 9, where Φ is 1 or below 1e-19), ±Inf and NaN use normCDF and
// normPDF directly.
const (
	geluLim  = 9
	geluStep = 16
	geluDeg  = 12
	geluPDF  = 16 // φ coefficients b₀…b_{N−1} start here (Φ's a₀…a_N at 0…N)
	geluRow  = 28 // floats per node: whole groups of four for the AVX2 kernels
)

var geluTab = geluTable()

func geluTable() []float64 {
	nodes := 2*geluLim*geluStep + 1
	tab := make([]float64, nodes*geluRow)
	for i := range nodes {
		x0 := float64(i)/geluStep - geluLim
		row := tab[i*geluRow : (i+1)*geluRow]
		pdf := normPDF(x0)
		row[0] = normCDF(x0)
		he, heOld := 1.0, 0.0 // He_{n−1}(x₀), He_{n−2}(x₀)
		fact, sign := 1.0, 1.0
		for n := 1; n <= geluDeg; n++ {
			fact *= float64(n)
			row[n] = sign * he * pdf / fact
			row[geluPDF+n-1] = float64(n) * row[n] // coefficient of dⁿ⁻¹ in φ
			he, heOld = x0*he-float64(n-1)*heOld, he
			sign = -sign
		}
	}
	return tab
}
