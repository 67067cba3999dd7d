package autodiff

// Func records a user-defined op with a rows×cols result, for fusing work that would otherwise
// take many small ops (e.g. a Gaussian log-density). forward fills out (row-major, uninitialised
// on entry) from the inputs' Data. backward receives the result's gradient gout and must ADD
// d(loss)/d(input k) into gin[k]; gin[k] is nil for inputs that need no gradient. Test a Func
// with finite differences like the built-in ops.
func (t *Tape) Func(rows, cols int, inputs []*Var, forward func(out []float64),
	backward func(gout []float64, gin [][]float64)) *Var {
	var back func(gout []float64, gin [][]float64, fresh []bool)
	if backward != nil {
		back = func(gout []float64, gin [][]float64, _ []bool) { backward(gout, gin) }
	}
	return t.funcOp("Func", rows, cols, inputs, forward, back, false)
}

// FuncOverwrite is Func for an op whose backward can assign an input's gradient rather than
// add to it, which saves clearing the buffer: fresh[k] reports that gin[k] is a new buffer with
// arbitrary contents, and backward must then set every entry of it; otherwise (an earlier
// consumer wrote it) backward adds as in Func. An input listed more than once is never fresh.
func (t *Tape) FuncOverwrite(rows, cols int, inputs []*Var, forward func(out []float64),
	backward func(gout []float64, gin [][]float64, fresh []bool)) *Var {
	return t.funcOp("FuncOverwrite", rows, cols, inputs, forward, backward, true)
}

func (t *Tape) funcOp(op string, rows, cols int, inputs []*Var, forward func(out []float64),
	backward func(gout []float64, gin [][]float64, fresh []bool), overwrite bool) *Var {
	if !t.ok(op, inputs...) {
		return t.dead()
	}
	if rows <= 0 || cols <= 0 {
		return t.failf(op, "shape %d×%d must be positive", rows, cols)
	}
	if forward == nil {
		return t.failf(op, "forward is nil")
	}
	y := t.newVar(rows, cols, inputs...)
	forward(y.val)
	if !y.needsGrad {
		return y
	}
	if backward == nil {
		return t.failf(op, "backward is nil but an input needs a gradient")
	}
	inputs = append([]*Var(nil), inputs...)
	y.back = func() {
		gin := make([][]float64, len(inputs))
		fresh := make([]bool, len(inputs))
		for k, in := range inputs {
			if !in.needsGrad {
				continue
			}
			if overwrite && !repeated(inputs, k) {
				gin[k], fresh[k] = in.gOut()
			} else {
				gin[k] = in.g()
			}
		}
		backward(y.grad, gin, fresh)
	}
	return y
}

// repeated reports whether vs[k] occurs elsewhere in vs.
func repeated(vs []*Var, k int) bool {
	for i, v := range vs {
		if i != k && v == vs[k] {
			return true
		}
	}
	return false
}
