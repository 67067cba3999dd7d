package autodiff

import "math"

// Sum returns the 1×1 sum of all entries of a.
func (t *Tape) Sum(a *Var) *Var { return t.sumAll("Sum", a, false) }

// Mean returns the 1×1 mean of all entries of a.
func (t *Tape) Mean(a *Var) *Var { return t.sumAll("Mean", a, true) }

func (t *Tape) sumAll(op string, a *Var, mean bool) *Var {
	if !t.ok(op, a) {
		return t.dead()
	}
	w := 1.0
	if mean {
		w /= float64(len(a.val))
	}
	y := t.newVar(1, 1, a)
	s := 0.0
	for _, x := range a.val {
		s += x
	}
	y.val[0] = w * s
	y.back = func() {
		if a.needsGrad {
			ga, g := a.g(), w*y.grad[0]
			for i := range ga {
				ga[i] += g
			}
		}
	}
	return y
}

// RowSums returns the rows×1 column of row sums: y_i = Σ_j a_ij.
func (t *Tape) RowSums(a *Var) *Var { return t.rowReduce("RowSums", a, false) }

// RowMeans returns the rows×1 column of row means.
func (t *Tape) RowMeans(a *Var) *Var { return t.rowReduce("RowMeans", a, true) }

func (t *Tape) rowReduce(op string, a *Var, mean bool) *Var {
	if !t.ok(op, a) {
		return t.dead()
	}
	w := 1.0
	if mean {
		w /= float64(a.cols)
	}
	y := t.newVar(a.rows, 1, a)
	for i := range a.rows {
		s := 0.0
		for _, x := range a.val[i*a.cols : (i+1)*a.cols] {
			s += x
		}
		y.val[i] = w * s
	}
	y.back = func() {
		if a.needsGrad {
			ga := a.g()
			for i := range a.rows {
				g := w * y.grad[i]
				row := ga[i*a.cols : (i+1)*a.cols]
				for j := range row {
					row[j] += g
				}
			}
		}
	}
	return y
}

// ColSums returns the 1×cols row of column sums: y_j = Σ_i a_ij.
func (t *Tape) ColSums(a *Var) *Var { return t.colReduce("ColSums", a, false) }

// ColMeans returns the 1×cols row of column means.
func (t *Tape) ColMeans(a *Var) *Var { return t.colReduce("ColMeans", a, true) }

func (t *Tape) colReduce(op string, a *Var, mean bool) *Var {
	if !t.ok(op, a) {
		return t.dead()
	}
	w := 1.0
	if mean {
		w /= float64(a.rows)
	}
	y := t.newVar(1, a.cols, a)
	clear(y.val)
	for i := range a.rows {
		addTo(y.val, a.val[i*a.cols:(i+1)*a.cols])
	}
	for j := range y.val {
		y.val[j] *= w
	}
	y.back = func() {
		if a.needsGrad {
			ga := a.g()
			for i := range a.rows {
				row := ga[i*a.cols : (i+1)*a.cols]
				for j, g := range y.grad {
					row[j] += w * g
				}
			}
		}
	}
	return y
}

// RowLogSumExp returns the rows×1 column y_i = log Σ_j exp(a_ij), computed stably
// (max-shifted). Gradient: ∂y_i/∂a_ij = softmax_j(a_i·). With particles in columns this is the
// log of the summed importance weights per trial.
func (t *Tape) RowLogSumExp(a *Var) *Var {
	if !t.ok("RowLogSumExp", a) {
		return t.dead()
	}
	y := t.newVar(a.rows, 1, a)
	for i := range a.rows {
		y.val[i] = logSumExp(a.val[i*a.cols:(i+1)*a.cols], 1)
	}
	y.back = func() {
		if a.needsGrad {
			ga := a.g()
			for i := range a.rows {
				g, m := y.grad[i], y.val[i]
				for j := range a.cols {
					k := i*a.cols + j
					ga[k] += g * math.Exp(a.val[k]-m)
				}
			}
		}
	}
	return y
}

// ColLogSumExp returns the 1×cols row y_j = log Σ_i exp(a_ij), computed stably.
// With particles in rows this is the log of the summed importance weights per column.
func (t *Tape) ColLogSumExp(a *Var) *Var {
	if !t.ok("ColLogSumExp", a) {
		return t.dead()
	}
	y := t.newVar(1, a.cols, a)
	for j := range a.cols {
		y.val[j] = logSumExp(a.val[j:], a.cols)
	}
	y.back = func() {
		if a.needsGrad {
			ga := a.g()
			for i := range a.rows {
				for j := range a.cols {
					k := i*a.cols + j
					ga[k] += y.grad[j] * math.Exp(a.val[k]-y.val[j])
				}
			}
		}
	}
	return y
}

// logSumExp of x[0], x[stride], x[2·stride], … (len(x) ≥ 1 taken in steps of stride).
func logSumExp(x []float64, stride int) float64 {
	m := math.Inf(-1)
	for k := 0; k < len(x); k += stride {
		m = max(m, x[k])
	}
	if math.IsInf(m, 0) {
		return m // all −Inf gives −Inf; any +Inf gives +Inf
	}
	s := 0.0
	for k := 0; k < len(x); k += stride {
		s += math.Exp(x[k] - m)
	}
	return m + math.Log(s)
}
