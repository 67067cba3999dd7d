package autodiff

// GatherRows returns the len(idx)×cols matrix whose row k is row idx[k] of a (rows may repeat,
// e.g. ancestor indices when resampling particles). Gradient: rows are scatter-added back.
func (t *Tape) GatherRows(a *Var, idx []int) *Var {
	if !t.ok("GatherRows", a) {
		return t.dead()
	}
	if len(idx) == 0 {
		return t.failf("GatherRows", "idx is empty")
	}
	for k, i := range idx {
		if i < 0 || i >= a.rows {
			return t.failf("GatherRows", "idx[%d] = %d out of range [0, %d)", k, i, a.rows)
		}
	}
	c := a.cols
	y := t.newVar(len(idx), c, a)
	for k, i := range idx {
		copy(y.val[k*c:(k+1)*c], a.val[i*c:(i+1)*c])
	}
	if !y.needsGrad {
		return y
	}
	idx = append([]int(nil), idx...) // the caller may reuse its slice before Backward
	y.back = func() {
		ga := a.g()
		for k, i := range idx {
			addTo(ga[i*c:(i+1)*c], y.grad[k*c:(k+1)*c])
		}
	}
	return y
}

// SliceRows returns rows [from, to) of a.
func (t *Tape) SliceRows(a *Var, from, to int) *Var {
	if !t.ok("SliceRows", a) {
		return t.dead()
	}
	if from < 0 || to > a.rows || from >= to {
		return t.failf("SliceRows", "range [%d, %d) invalid for %d rows", from, to, a.rows)
	}
	c := a.cols
	y := t.newVar(to-from, c, a)
	copy(y.val, a.val[from*c:to*c])
	y.back = func() {
		if a.needsGrad {
			addTo(a.g()[from*c:to*c], y.grad)
		}
	}
	return y
}

// SliceCols returns columns [from, to) of a.
func (t *Tape) SliceCols(a *Var, from, to int) *Var {
	if !t.ok("SliceCols", a) {
		return t.dead()
	}
	if from < 0 || to > a.cols || from >= to {
		return t.failf("SliceCols", "range [%d, %d) invalid for %d columns", from, to, a.cols)
	}
	w := to - from
	y := t.newVar(a.rows, w, a)
	for i := range a.rows {
		copy(y.val[i*w:(i+1)*w], a.val[i*a.cols+from:i*a.cols+to])
	}
	y.back = func() {
		if a.needsGrad {
			ga := a.g()
			for i := range a.rows {
				addTo(ga[i*a.cols+from:i*a.cols+to], y.grad[i*w:(i+1)*w])
			}
		}
	}
	return y
}

// ConcatCols returns [v₀ v₁ …], the operands side by side (all with the same number of rows).
func (t *Tape) ConcatCols(vs ...*Var) *Var {
	if len(vs) == 0 {
		return t.failf("ConcatCols", "no operands")
	}
	if !t.ok("ConcatCols", vs...) {
		return t.dead()
	}
	rows, cols := vs[0].rows, 0
	for k, v := range vs {
		if v.rows != rows {
			return t.failf("ConcatCols", "operand %d has %d rows, want %d", k, v.rows, rows)
		}
		cols += v.cols
	}
	y := t.newVar(rows, cols, vs...)
	off := 0
	for _, v := range vs {
		for i := range rows {
			copy(y.val[i*cols+off:i*cols+off+v.cols], v.val[i*v.cols:(i+1)*v.cols])
		}
		off += v.cols
	}
	vs = append([]*Var(nil), vs...)
	y.back = func() {
		off := 0
		for _, v := range vs {
			if v.needsGrad {
				gv := v.g()
				for i := range rows {
					addTo(gv[i*v.cols:(i+1)*v.cols], y.grad[i*cols+off:i*cols+off+v.cols])
				}
			}
			off += v.cols
		}
	}
	return y
}

// ConcatRows stacks the operands vertically (all with the same number of columns).
func (t *Tape) ConcatRows(vs ...*Var) *Var {
	if len(vs) == 0 {
		return t.failf("ConcatRows", "no operands")
	}
	if !t.ok("ConcatRows", vs...) {
		return t.dead()
	}
	rows, cols := 0, vs[0].cols
	for k, v := range vs {
		if v.cols != cols {
			return t.failf("ConcatRows", "operand %d has %d columns, want %d", k, v.cols, cols)
		}
		rows += v.rows
	}
	y := t.newVar(rows, cols, vs...)
	off := 0
	for _, v := range vs {
		copy(y.val[off:], v.val)
		off += len(v.val)
	}
	vs = append([]*Var(nil), vs...)
	y.back = func() {
		off := 0
		for _, v := range vs {
			if v.needsGrad {
				addTo(v.g(), y.grad[off:off+len(v.val)])
			}
			off += len(v.val)
		}
	}
	return y
}

// Transpose returns aᵀ (materialised; MatMulT avoids the copy inside products).
func (t *Tape) Transpose(a *Var) *Var {
	if !t.ok("Transpose", a) {
		return t.dead()
	}
	r, c := a.rows, a.cols
	y := t.newVar(c, r, a)
	for i := range r {
		for j := range c {
			y.val[j*r+i] = a.val[i*c+j]
		}
	}
	y.back = func() {
		if a.needsGrad {
			ga := a.g()
			for i := range r {
				for j := range c {
					ga[i*c+j] += y.grad[j*r+i]
				}
			}
		}
	}
	return y
}

// Reshape returns a reinterpreted as rows×cols in row-major order (rows·cols must equal the
// number of entries of a), e.g. a (B·K)×1 column of log-weights as B×K.
func (t *Tape) Reshape(a *Var, rows, cols int) *Var {
	if !t.ok("Reshape", a) {
		return t.dead()
	}
	if rows <= 0 || cols <= 0 || rows*cols != len(a.val) {
		return t.failf("Reshape", "cannot reshape %d×%d to %d×%d", a.rows, a.cols, rows, cols)
	}
	y := t.newVar(rows, cols, a)
	copy(y.val, a.val)
	y.back = func() {
		if a.needsGrad {
			a.accum(y.grad)
		}
	}
	return y
}

// Detach returns a copy of a through which no gradient flows (a constant on the tape), e.g.
// the importance weights used to draw ancestor indices.
func (t *Tape) Detach(a *Var) *Var {
	if !t.ok("Detach", a) {
		return t.dead()
	}
	y := t.newVar(a.rows, a.cols)
	copy(y.val, a.val)
	return y
}

// RepeatRows returns the (rows·k)×cols matrix in which each row of a appears k times in a row
// (e.g. one trial's state copied to its K particles). Gradient: each group of k rows is summed.
func (t *Tape) RepeatRows(a *Var, k int) *Var {
	if !t.ok("RepeatRows", a) {
		return t.dead()
	}
	if k < 1 {
		return t.failf("RepeatRows", "k = %d, want ≥ 1", k)
	}
	c := a.cols
	y := t.newVar(a.rows*k, c, a)
	for i := range a.rows {
		src := a.val[i*c : (i+1)*c]
		for r := range k {
			copy(y.val[(i*k+r)*c:], src)
		}
	}
	y.back = func() {
		if a.needsGrad {
			ga := a.g()
			for i := range a.rows {
				dst := ga[i*c : (i+1)*c]
				for r := range k {
					addTo(dst, y.grad[(i*k+r)*c:(i*k+r+1)*c])
				}
			}
		}
	}
	return y
}
