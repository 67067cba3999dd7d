package autodiff

// Func records a user-defined op with a rows×cols result, for fusing work that would otherwise
// take many small ops (e.g. a Gaussian log-density). forward fills out (row-major, uninitialised
// on entry) from the inputs' Data. backward receives the result's gradient gout and must ADD
// d(loss)/d(input k) into gin[k]; gin[k] is nil for inputs that need no gradient. Test a Func
// with finite differences like the built-in ops.
func (t *Tape) Func(rows, cols int, inputs []*Var, forward func(out []float64),
	backward func(gout []float64, gin [][]float64)) *Var {
	if !t.ok("Func", inputs...) {
		return t.dead()
	}
	if rows <= 0 || cols <= 0 {
		return t.failf("Func", "shape %d×%d must be positive", rows, cols)
	}
	if forward == nil {
		return t.failf("Func", "forward is nil")
	}
	y := t.newVar(rows, cols, inputs...)
	forward(y.val)
	if !y.needsGrad {
		return y
	}
	if backward == nil {
		return t.failf("Func", "backward is nil but an input needs a gradient")
	}
	inputs = append([]*Var(nil), inputs...)
	y.back = func() {
		gin := make([][]float64, len(inputs))
		for k, in := range inputs {
			if in.needsGrad {
				gin[k] = in.g()
			}
		}
		backward(y.grad, gin)
	}
	return y
}
