package autodiff

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Tape records operations on matrices so that Backward can propagate gradients through them
// in reverse order. A Tape is not safe for concurrent use; run one tape per goroutine.
//
// Errors (shape mismatch, a Var from another tape or from before Reset, a non-positive-definite
// matrix) are sticky: the first one is kept, every later op returns a placeholder Var, and Err
// and Backward report it. Ops therefore never panic on bad input and need no error check each.
type Tape struct {
	nodes   []*Var
	arena   arena
	params  map[*Param]*Var
	gen     int
	err     error
	done    bool // Backward has run on this recording
	flushed bool // parameter gradients were added to their Params
}

// NewTape returns an empty tape.
func NewTape() *Tape {
	return &Tape{params: make(map[*Param]*Var), gen: 1}
}

// Reset forgets all recorded operations but keeps the allocated buffers for the next recording,
// so a training loop that records the same computation every step allocates (almost) nothing
// after the first step. Vars from before Reset must not be used afterwards (ops report an error).
func (t *Tape) Reset() {
	clear(t.nodes)
	t.nodes = t.nodes[:0]
	clear(t.params)
	t.arena.reset()
	t.gen++
	t.err = nil
	t.done = false
	t.flushed = false
}

// Err returns the first error recorded since the last Reset, or nil.
func (t *Tape) Err() error { return t.err }

// Len returns the number of recorded nodes (inputs, parameters and op results).
func (t *Tape) Len() int { return len(t.nodes) }

// Var is a matrix on a tape: an input, a parameter or the result of an op. Its value is stored
// row-major. Vars are only valid until the tape's next Reset.
type Var struct {
	t          *Tape
	gen        int
	rows, cols int
	val        []float64
	grad       []float64
	needsGrad  bool
	param      *Param
	back       func() // adds d(loss)/d(inputs) given v.grad; nil for leaves
}

// Rows returns the number of rows.
func (v *Var) Rows() int { return v.rows }

// Cols returns the number of columns.
func (v *Var) Cols() int { return v.cols }

// Data returns the row-major values (not a copy; do not modify).
func (v *Var) Data() []float64 { return v.val }

// At returns the value at row i, column j.
func (v *Var) At(i, j int) float64 { return v.val[i*v.cols+j] }

// Value returns a copy of the value as a gonum matrix.
func (v *Var) Value() *mat.Dense {
	return mat.NewDense(v.rows, v.cols, append([]float64(nil), v.val...))
}

// Scalar returns the value of a 1×1 Var (the first element otherwise).
func (v *Var) Scalar() float64 { return v.val[0] }

// Grad returns d(loss)/d(v) after Backward (row-major, not a copy), or nil if v does not
// influence the loss through differentiable ops or does not depend on any parameter.
func (v *Var) Grad() []float64 { return v.grad }

// RequiresGrad reports whether v depends on a parameter (so gradients flow through it).
func (v *Var) RequiresGrad() bool { return v.needsGrad }

// g returns v's gradient buffer, allocating a zeroed one on first use.
func (v *Var) g() []float64 {
	if v.grad == nil {
		v.grad = v.t.arena.alloc(len(v.val))
		clear(v.grad)
	}
	return v.grad
}

// gOut returns v's gradient buffer for a backward pass that writes every entry of it. fresh
// reports that the buffer was just allocated and is uninitialised, so the caller must assign
// instead of add; this saves clearing the large activation gradients of a rollout.
func (v *Var) gOut() (buf []float64, fresh bool) {
	if v.grad == nil {
		v.grad = v.t.arena.alloc(len(v.val))
		return v.grad, true
	}
	return v.grad, false
}

// accum adds src into v's gradient (same length), or copies it if the gradient is fresh.
func (v *Var) accum(src []float64) {
	if g, fresh := v.gOut(); fresh {
		copy(g, src)
	} else {
		addTo(g, src)
	}
}

// newVar appends a result node with an uninitialised value buffer.
func (t *Tape) newVar(rows, cols int, inputs ...*Var) *Var {
	v := &Var{t: t, gen: t.gen, rows: rows, cols: cols, val: t.arena.alloc(rows * cols)}
	for _, in := range inputs {
		if in.needsGrad {
			v.needsGrad = true
		}
	}
	t.nodes = append(t.nodes, v)
	return v
}

// failf records the first error and returns a placeholder 1×1 Var.
func (t *Tape) failf(op, format string, args ...any) *Var {
	if t.err == nil {
		t.err = fmt.Errorf("autodiff: %s: %s", op, fmt.Sprintf(format, args...))
	}
	return t.dead()
}

func (t *Tape) dead() *Var {
	return &Var{t: t, gen: t.gen, rows: 1, cols: 1, val: []float64{math.NaN()}}
}

// ok reports whether the tape is error-free and all vs belong to the current recording;
// otherwise it records an error naming op.
func (t *Tape) ok(op string, vs ...*Var) bool {
	if t.err != nil {
		return false
	}
	for i, v := range vs {
		switch {
		case v == nil:
			t.failf(op, "operand %d is nil", i)
			return false
		case v.t != t:
			t.failf(op, "operand %d belongs to another tape", i)
			return false
		case v.gen != t.gen:
			t.failf(op, "operand %d was recorded before the last Reset", i)
			return false
		}
	}
	return true
}

// Input records a constant matrix (no gradient) that refers to data without copying;
// data must hold rows*cols values row-major and must not change until Backward has run.
func (t *Tape) Input(rows, cols int, data []float64) *Var {
	if t.err != nil {
		return t.dead()
	}
	if rows <= 0 || cols <= 0 {
		return t.failf("Input", "shape %d×%d must be positive", rows, cols)
	}
	if len(data) != rows*cols {
		return t.failf("Input", "data has %d values, want rows*cols = %d", len(data), rows*cols)
	}
	v := &Var{t: t, gen: t.gen, rows: rows, cols: cols, val: data}
	t.nodes = append(t.nodes, v)
	return v
}

// Const records a rows×cols constant matrix with every entry equal to x.
func (t *Tape) Const(rows, cols int, x float64) *Var {
	if t.err != nil {
		return t.dead()
	}
	if rows <= 0 || cols <= 0 {
		return t.failf("Const", "shape %d×%d must be positive", rows, cols)
	}
	v := t.newVar(rows, cols)
	for i := range v.val {
		v.val[i] = x
	}
	return v
}

// Param records a parameter. Its value is shared with p (not copied) and its gradient is added
// to p.Grad by Backward. Calling Param twice with the same p on one recording returns the same Var.
func (t *Tape) Param(p *Param) *Var {
	if t.err != nil {
		return t.dead()
	}
	if p == nil || p.Value == nil || p.Grad == nil {
		return t.failf("Param", "parameter is nil or was not made with NewParam")
	}
	if v, ok := t.params[p]; ok {
		return v
	}
	r, c := p.Value.Dims()
	raw := p.Value.RawMatrix()
	if raw.Stride != c {
		return t.failf("Param", "parameter %q value has stride %d, want %d (use NewParam)", p.Name, raw.Stride, c)
	}
	v := &Var{t: t, gen: t.gen, rows: r, cols: c, val: raw.Data[:r*c], needsGrad: true, param: p}
	t.nodes = append(t.nodes, v)
	t.params[p] = v
	return v
}

// Backward computes d(loss)/d(v) for every recorded Var v that depends on a parameter, and adds
// the parameter gradients to each Param's Grad (it does not zero them first). loss must be 1×1
// and finite. Backward may be called once per recording. Concurrent tapes may share parameters:
// the addition into Param.Grad is locked. For results that are bitwise independent of goroutine
// scheduling, use BackwardDeferred in the workers and then FlushGrads in a fixed order.
func (t *Tape) Backward(loss *Var) error {
	if err := t.BackwardDeferred(loss); err != nil {
		return err
	}
	return t.FlushGrads()
}

// BackwardDeferred is Backward without the final addition into Param.Grad; call FlushGrads
// afterwards. Until then the parameter gradients are available through the Var's Grad.
func (t *Tape) BackwardDeferred(loss *Var) error {
	if !t.ok("Backward", loss) {
		return t.err
	}
	if t.done {
		return errors.New("autodiff: Backward: already called on this recording; Reset the tape first")
	}
	if loss.rows != 1 || loss.cols != 1 {
		return fmt.Errorf("autodiff: Backward: loss is %d×%d, want 1×1", loss.rows, loss.cols)
	}
	if x := loss.val[0]; math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Errorf("autodiff: Backward: loss is %v", x)
	}
	t.done = true
	if !loss.needsGrad {
		return nil
	}
	loss.g()[0] = 1
	for i := len(t.nodes) - 1; i >= 0; i-- {
		if v := t.nodes[i]; v.grad != nil && v.back != nil {
			v.back()
		}
	}
	return nil
}

// FlushGrads adds the parameter gradients of the last BackwardDeferred into each Param.Grad.
// It returns an error, and adds nothing, if any of them is NaN or infinite.
func (t *Tape) FlushGrads() error {
	if t.err != nil {
		return t.err
	}
	if t.flushed {
		return errors.New("autodiff: FlushGrads: already called on this recording")
	}
	for _, v := range t.nodes {
		if v.param == nil || v.grad == nil {
			continue
		}
		for _, x := range v.grad {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("autodiff: Backward: gradient of parameter %q is not finite", v.param.Name)
			}
		}
	}
	for _, v := range t.nodes {
		if v.param == nil || v.grad == nil {
			continue
		}
		v.param.addGrad(v.grad)
	}
	t.flushed = true
	return nil
}
