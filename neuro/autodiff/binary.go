package autodiff

// Binary elementwise ops broadcast like NumPy restricted to matrices: each dimension of each
// operand must equal the result's or be 1. So a·b, a+b, … accept a bias row (1×c), a column of
// per-row values (r×1) or a 1×1 scalar on either side; the gradient of a broadcast operand is
// summed over the broadcast dimension.

// bcast describes how operands map onto the result: element (i, j) of the result reads
// a[i*ars+j*acs] and b[i*brs+j*bcs].
type bcast struct {
	outRows, outCols   int // the result's shape
	rows, cols         int // the iteration shape: the result's, or 1×n for an n×1 result
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
	s := bcast{outRows: rows, outCols: cols, rows: rows, cols: cols}
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
	if s.cols == 1 && s.rows > 1 {
		// A column result (e.g. per-particle log-weights): iterate it as one long row, so the
		// loops run over n entries instead of n rows of one.
		s.rows, s.cols = 1, s.rows
		s.ars, s.acs, s.brs, s.bcs = 0, s.ars, 0, s.brs
	}
	return s, true
}

// binary records y = f(a, b) elementwise with broadcasting. df returns (∂y/∂a, ∂y/∂b) at (x, z, y).
func (t *Tape) binary(op string, a, b *Var, f func(x, z float64) float64, df func(x, z, y float64) (float64, float64)) *Var {
	s, ok := t.broadcast(op, a, b)
	if !ok {
		return t.dead()
	}
	y := t.newVar(s.outRows, s.outCols, a, b)
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

// linOp is an elementwise op with a dedicated loop: a + b, a − b or a ⊙ b.
type linOp int

const (
	opAdd linOp = iota
	opSub
	opMul
)

var linNames = [...]string{"Add", "Sub", "Mul"}

// linear records a + b, a − b or a ⊙ b with broadcasting, using stride loops instead of
// per-element function calls (these ops sit in every RNN step).
func (t *Tape) linear(op linOp, a, b *Var) *Var {
	s, ok := t.broadcast(linNames[op], a, b)
	if !ok {
		return t.dead()
	}
	y := t.newVar(s.outRows, s.outCols, a, b)
	n := s.cols
	for i := range s.rows {
		yr := y.val[i*n : (i+1)*n]
		ar, br := a.val[i*s.ars:], b.val[i*s.brs:]
		switch {
		case s.acs == 1 && s.bcs == 1:
			ar, br = ar[:n], br[:n]
			switch op {
			case opAdd:
				for j := range yr {
					yr[j] = ar[j] + br[j]
				}
			case opSub:
				for j := range yr {
					yr[j] = ar[j] - br[j]
				}
			case opMul:
				for j := range yr {
					yr[j] = ar[j] * br[j]
				}
			}
		default:
			for j := range yr {
				x, z := ar[j*s.acs], br[j*s.bcs]
				switch op {
				case opAdd:
					yr[j] = x + z
				case opSub:
					yr[j] = x - z
				case opMul:
					yr[j] = x * z
				}
			}
		}
	}
	if !y.needsGrad {
		return y
	}
	y.back = func() {
		if s.same {
			linearBackSame(op, a, b, y)
			return
		}
		if a.needsGrad {
			var other []float64
			if op == opMul {
				other = b.val
			}
			ga, fresh := gradFull(a, s)
			accumBroadcast(ga, fresh, s.ars, s.acs, y.grad, s.rows, n, 1, other, s.brs, s.bcs)
		}
		if b.needsGrad {
			sign, other := 1.0, []float64(nil)
			switch op {
			case opSub:
				sign = -1
			case opMul:
				other = a.val
			}
			gb, fresh := gradFull(b, s)
			accumBroadcast(gb, fresh, s.brs, s.bcs, y.grad, s.rows, n, sign, other, s.ars, s.acs)
		}
	}
	return y
}

// linearBackSame is the backward pass of linear when no operand is broadcast.
func linearBackSame(op linOp, a, b, y *Var) {
	if a.needsGrad {
		if op == opMul {
			ga, fresh := a.gOut()
			if fresh {
				for i, g := range y.grad {
					ga[i] = g * b.val[i]
				}
			} else {
				for i, g := range y.grad {
					ga[i] += g * b.val[i]
				}
			}
		} else {
			a.accum(y.grad)
		}
	}
	if b.needsGrad {
		gb, fresh := b.gOut()
		switch {
		case op == opAdd:
			if fresh {
				copy(gb, y.grad)
			} else {
				addTo(gb, y.grad)
			}
		case op == opSub && fresh:
			for i, g := range y.grad {
				gb[i] = -g
			}
		case op == opSub:
			for i, g := range y.grad {
				gb[i] -= g
			}
		case fresh:
			for i, g := range y.grad {
				gb[i] = g * a.val[i]
			}
		default:
			for i, g := range y.grad {
				gb[i] += g * a.val[i]
			}
		}
	}
}

// gradFull returns v's gradient buffer; fresh (uninitialised) is possible only when v has the
// result's full shape, so that accumBroadcast visits each entry once.
func gradFull(v *Var, s bcast) ([]float64, bool) {
	if v.rows == s.outRows && v.cols == s.outCols {
		return v.gOut()
	}
	return v.g(), false
}

// accumBroadcast adds sign·g (times the other operand, if other is non-nil) into the gradient
// dst of an operand laid out with strides (rs, cs) over the rows×cols result; broadcast
// dimensions (stride 0) are summed over. fresh marks an uninitialised full-shape dst, cleared
// row by row just before use.
func accumBroadcast(dst []float64, fresh bool, rs, cs int, g []float64, rows, cols int, sign float64, other []float64, ors, ocs int) {
	for i := range rows {
		gr := g[i*cols : (i+1)*cols]
		dr := dst[i*rs:]
		if fresh {
			clear(dr[:cols])
		}
		var or []float64
		if other != nil {
			or = other[i*ors:]
		}
		switch {
		case cs == 1 && other == nil && sign == 1:
			addTo(dr[:cols], gr)
		case cs == 1 && other == nil:
			dr = dr[:cols]
			for j, x := range gr {
				dr[j] += sign * x
			}
		case cs == 1 && ocs == 1:
			dr, or = dr[:cols], or[:cols]
			for j, x := range gr {
				dr[j] += x * or[j]
			}
		case cs == 1: // other is a per-row scalar
			dr = dr[:cols]
			for j, x := range gr {
				dr[j] += x * or[0]
			}
		default: // dst is a per-row scalar: reduce the row
			acc := 0.0
			if other == nil {
				for _, x := range gr {
					acc += x
				}
				acc *= sign
			} else {
				for j, x := range gr {
					acc += x * or[j*ocs]
				}
			}
			dr[0] += acc
		}
	}
}

// Add returns a + b (broadcasting).
func (t *Tape) Add(a, b *Var) *Var { return t.linear(opAdd, a, b) }

// Sub returns a − b (broadcasting).
func (t *Tape) Sub(a, b *Var) *Var { return t.linear(opSub, a, b) }

// Mul returns the elementwise product a ⊙ b (broadcasting).
func (t *Tape) Mul(a, b *Var) *Var { return t.linear(opMul, a, b) }

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
