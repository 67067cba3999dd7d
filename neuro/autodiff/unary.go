package autodiff

import "math"

// unary records y = f(a) elementwise; df returns dy/dx at (x, y).
func (t *Tape) unary(op string, a *Var, f func(x float64) float64, df func(x, y float64) float64) *Var {
	if !t.ok(op, a) {
		return t.dead()
	}
	y := t.newVar(a.rows, a.cols, a)
	for i, x := range a.val {
		y.val[i] = f(x)
	}
	if !y.needsGrad {
		return y
	}
	y.back = func() {
		ga, fresh := a.gOut()
		if fresh {
			clear(ga)
		}
		for i, g := range y.grad {
			ga[i] += g * df(a.val[i], y.val[i])
		}
	}
	return y
}

// ReLU returns max(a, 0) (derivative 0 at 0).
func (t *Tape) ReLU(a *Var) *Var {
	if !t.ok("ReLU", a) {
		return t.dead()
	}
	y := t.newVar(a.rows, a.cols, a)
	for i, x := range a.val {
		y.val[i] = max(x, 0)
	}
	y.back = func() {
		if !a.needsGrad {
			return
		}
		ga, fresh := a.gOut()
		if fresh {
			for i, x := range a.val {
				ga[i] = 0
				if x > 0 {
					ga[i] = y.grad[i]
				}
			}
			return
		}
		for i, x := range a.val {
			if x > 0 {
				ga[i] += y.grad[i]
			}
		}
	}
	return y
}

// LeakyReLU returns a where a > 0 and slope·a elsewhere.
func (t *Tape) LeakyReLU(a *Var, slope float64) *Var {
	return t.unary("LeakyReLU", a,
		func(x float64) float64 {
			if x > 0 {
				return x
			}
			return slope * x
		},
		func(x, _ float64) float64 {
			if x > 0 {
				return 1
			}
			return slope
		})
}

// ClippedReLU returns max(a + h, 0) − max(a, 0), the ramp of Pals et al. (2024) that rises from
// 0 to h over [−h, 0] for h > 0; h broadcasts like the operands of Add (typically a 1×N bias row).
func (t *Tape) ClippedReLU(a, h *Var) *Var {
	return t.binary("ClippedReLU", a, h,
		func(x, z float64) float64 { return max(x+z, 0) - max(x, 0) },
		func(x, z, _ float64) (float64, float64) { return step(x+z) - step(x), step(x + z) })
}

// Tanh returns tanh(a).
func (t *Tape) Tanh(a *Var) *Var {
	return t.unary("Tanh", a, math.Tanh, func(_, y float64) float64 { return 1 - y*y })
}

// Sigmoid returns 1 / (1 + exp(−a)).
func (t *Tape) Sigmoid(a *Var) *Var {
	return t.unary("Sigmoid", a, sigmoid, func(_, y float64) float64 { return y * (1 - y) })
}

// Softplus returns log(1 + exp(a)), computed without overflow; its derivative is the sigmoid.
func (t *Tape) Softplus(a *Var) *Var {
	return t.unary("Softplus", a,
		func(x float64) float64 { return max(x, 0) + math.Log1p(math.Exp(-math.Abs(x))) },
		func(x, _ float64) float64 { return sigmoid(x) })
}

// Exp returns exp(a).
func (t *Tape) Exp(a *Var) *Var {
	return t.unary("Exp", a, math.Exp, func(_, y float64) float64 { return y })
}

// Log returns the natural logarithm of a. Non-positive entries give NaN or −Inf, which Backward
// reports.
func (t *Tape) Log(a *Var) *Var {
	return t.unary("Log", a, math.Log, func(x, _ float64) float64 { return 1 / x })
}

// Sqrt returns √a.
func (t *Tape) Sqrt(a *Var) *Var {
	return t.unary("Sqrt", a, math.Sqrt, func(_, y float64) float64 { return 0.5 / y })
}

// Square returns a².
func (t *Tape) Square(a *Var) *Var {
	if !t.ok("Square", a) {
		return t.dead()
	}
	y := t.newVar(a.rows, a.cols, a)
	for i, x := range a.val {
		y.val[i] = x * x
	}
	y.back = func() {
		if !a.needsGrad {
			return
		}
		ga, fresh := a.gOut()
		if fresh {
			for i, x := range a.val {
				ga[i] = 2 * x * y.grad[i]
			}
			return
		}
		for i, x := range a.val {
			ga[i] += 2 * x * y.grad[i]
		}
	}
	return y
}

func step(x float64) float64 {
	if x > 0 {
		return 1
	}
	return 0
}

func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// normCDF returns Φ(x) = erfc(−x/√2)/2. The rounding error δ of z = −x/√2 (from 1/√2 in two
// parts) is corrected to first order, erfc(z+δ) ≈ erfc(z) − δ·(2/√π)·exp(−z²); uncorrected it
// costs about 2z² ulp in the tails.
func normCDF(x float64) float64 {
	const invSqrt2Hi, invSqrt2Lo = 0.7071067811865476, -4.833646656726457e-17
	z := -x * invSqrt2Hi
	if !(math.Abs(z) < 30) { // also ±Inf and NaN
		return 0.5 * math.Erfc(z)
	}
	d := math.FMA(-x, invSqrt2Hi, -z) - x*invSqrt2Lo
	return 0.5 * (math.Erfc(z) - d*(2/math.SqrtPi)*math.Exp(-z*z))
}

// normPDF returns φ(x) = exp(−x²/2)/√(2π) with x² = h + l split exactly:
// exp(−h/2 − l/2) ≈ exp(−h/2)·(1 − l/2).
func normPDF(x float64) float64 {
	h := x * x
	if math.IsInf(h, 0) || math.IsNaN(h) {
		return math.Exp(-h/2) / math.Sqrt(2*math.Pi)
	}
	l := math.FMA(x, x, -h)
	return math.Exp(-h/2) * (1 - l/2) / math.Sqrt(2*math.Pi)
}

// Clamp returns min(max(a, lo), hi), e.g. to keep variances in [1e-8, 100]. The gradient passes
// where lo < a < hi and is 0 where the bound is active (as in PyTorch's clamp, inclusive).
func (t *Tape) Clamp(a *Var, lo, hi float64) *Var {
	if !t.ok("Clamp", a) {
		return t.dead()
	}
	if !(lo <= hi) {
		return t.failf("Clamp", "bounds [%v, %v] are empty or NaN", lo, hi)
	}
	return t.unary("Clamp", a, func(x float64) float64 { return min(max(x, lo), hi) },
		func(x, _ float64) float64 {
			if x >= lo && x <= hi {
				return 1
			}
			return 0
		})
}
