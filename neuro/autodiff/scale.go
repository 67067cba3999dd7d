package autodiff

// Scale returns s·a for a constant s.
func (t *Tape) Scale(a *Var, s float64) *Var {
	if !t.ok("Scale", a) {
		return t.dead()
	}
	y := t.newVar(a.rows, a.cols, a)
	for i, x := range a.val {
		y.val[i] = s * x
	}
	y.back = func() {
		if !a.needsGrad {
			return
		}
		ga, fresh := a.gOut()
		if fresh {
			for i, g := range y.grad {
				ga[i] = s * g
			}
			return
		}
		for i, g := range y.grad {
			ga[i] += s * g
		}
	}
	return y
}

// AddConst returns a + c elementwise for a constant c.
func (t *Tape) AddConst(a *Var, c float64) *Var {
	if !t.ok("AddConst", a) {
		return t.dead()
	}
	y := t.newVar(a.rows, a.cols, a)
	for i, x := range a.val {
		y.val[i] = x + c
	}
	y.back = func() {
		if a.needsGrad {
			a.accum(y.grad)
		}
	}
	return y
}

// Neg returns −a.
func (t *Tape) Neg(a *Var) *Var { return t.Scale(a, -1) }
