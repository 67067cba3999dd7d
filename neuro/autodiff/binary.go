package autodiff

// Binary elementwise ops broadcast like NumPy restricted to matrices: each dimension of each
// operand must equal the result's or be 1. So a·b, a+b, … accept a bias row (1×c), a column of
// per-row values (r×1) or a 1×1 scalar on either side; the gradient of a broadcast operand is
// summed over the broadcast dimension.

// bcast describes how operands map onto the result: element (i, j) of the result reads
// a[i*ars+j*acs] and b[i*brs+j*bcs].
type bcast struct {
	rows, cols         int
	ars, acs, brs, bcs int
	same               bool // both operands have the result's shape
}

func (t *Tape) broadcast(op string, a, b *Var) (bcast, bool) {
	if !t.ok(op, a, b) {
		return bcast{}, false
	}
	rows, cols := max(a.rows, b.rows), max(a.cols, b.cols)
	if (a.rows != rows && a.rows != 1) || (b.rows != rows && b.rows != 1) ||
		(a.cols != cols && a.cols != 1) || (b.cols != cols && b.cols != 1) {
		t.failf(op, "shapes %d×%d and %d×%d do not broadcast", a.rows, a.cols, b.rows, b.cols)
		return bcast{}, false
	}
	s := bcast{rows: rows, cols: cols}
	s.same = a.rows == rows && a.cols == cols && b.rows == rows && b.cols == cols
	if a.rows > 1 {
		s.ars = a.cols
	}
	if a.cols > 1 {
		s.acs = 1
	}
	if b.rows > 1 {
		s.brs = b.cols
	}
	if b.cols > 1 {
		s.bcs = 1
	}
	return s, true
}

// binary records y = f(a, b) elementwise with broadcasting. df returns (∂y/∂a, ∂y/∂b) at (x, z, y).
func (t *Tape) binary(op string, a, b *Var, f func(x, z float64) float64, df func(x, z, y float64) (float64, float64)) *Var {
	s, ok := t.broadcast(op, a, b)
	if !ok {
		return t.dead()
	}
	y := t.newVar(s.rows, s.cols, a, b)
	for i := 0; i < s.rows; i++ {
		for j := 0; j < s.cols; j++ {
			y.val[i*s.cols+j] = f(a.val[i*s.ars+j*s.acs], b.val[i*s.brs+j*s.bcs])
		}
	}
	if !y.needsGrad {
		return y
	}
	y.back = func() {
		var ga, gb []float64
		if a.needsGrad {
			ga = a.g()
		}
		if b.needsGrad {
			gb = b.g()
		}
		for i := 0; i < s.rows; i++ {
			for j := 0; j < s.cols; j++ {
				k := i*s.cols + j
				ia, ib := i*s.ars+j*s.acs, i*s.brs+j*s.bcs
				da, db := df(a.val[ia], b.val[ib], y.val[k])
				if ga != nil {
					ga[ia] += da * y.grad[k]
				}
				if gb != nil {
					gb[ib] += db * y.grad[k]
				}
			}
		}
	}
	return y
}

// Add returns a + b (broadcasting).
func (t *Tape) Add(a, b *Var) *Var {
	if s, ok := t.broadcast("Add", a, b); ok && s.same {
		y := t.newVar(s.rows, s.cols, a, b)
		for i := range y.val {
			y.val[i] = a.val[i] + b.val[i]
		}
		y.back = func() {
			if a.needsGrad {
				addTo(a.g(), y.grad)
			}
			if b.needsGrad {
				addTo(b.g(), y.grad)
			}
		}
		return y
	}
	return t.binary("Add", a, b, func(x, z float64) float64 { return x + z },
		func(_, _, _ float64) (float64, float64) { return 1, 1 })
}

// Sub returns a − b (broadcasting).
func (t *Tape) Sub(a, b *Var) *Var {
	if s, ok := t.broadcast("Sub", a, b); ok && s.same {
		y := t.newVar(s.rows, s.cols, a, b)
		for i := range y.val {
			y.val[i] = a.val[i] - b.val[i]
		}
		y.back = func() {
			if a.needsGrad {
				addTo(a.g(), y.grad)
			}
			if b.needsGrad {
				gb := b.g()
				for i, g := range y.grad {
					gb[i] -= g
				}
			}
		}
		return y
	}
	return t.binary("Sub", a, b, func(x, z float64) float64 { return x - z },
		func(_, _, _ float64) (float64, float64) { return 1, -1 })
}

// Mul returns the elementwise product a ⊙ b (broadcasting).
func (t *Tape) Mul(a, b *Var) *Var {
	if s, ok := t.broadcast("Mul", a, b); ok && s.same {
		y := t.newVar(s.rows, s.cols, a, b)
		for i := range y.val {
			y.val[i] = a.val[i] * b.val[i]
		}
		y.back = func() {
			if a.needsGrad {
				ga := a.g()
				for i, g := range y.grad {
					ga[i] += g * b.val[i]
				}
			}
			if b.needsGrad {
				gb := b.g()
				for i, g := range y.grad {
					gb[i] += g * a.val[i]
				}
			}
		}
		return y
	}
	return t.binary("Mul", a, b, func(x, z float64) float64 { return x * z },
		func(x, z, _ float64) (float64, float64) { return z, x })
}

// Div returns the elementwise quotient a ⊘ b (broadcasting). Division by zero gives ±Inf,
// which Backward reports.
func (t *Tape) Div(a, b *Var) *Var {
	return t.binary("Div", a, b, func(x, z float64) float64 { return x / z },
		func(_, z, y float64) (float64, float64) { return 1 / z, -y / z })
}

func addTo(dst, src []float64) {
	for i, x := range src {
		dst[i] += x
	}
}
