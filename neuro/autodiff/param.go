package autodiff

import (
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// Param is a trainable matrix that outlives tapes. Backward adds d(loss)/d(Value) into Grad;
// the optimiser (neuro/optim) reads Grad and updates Value in place, and ZeroGrad clears Grad.
// Value and Grad are dense row-major matrices with stride equal to their column count; do not
// replace them (mutate their contents instead).
type Param struct {
	Name  string
	Value *mat.Dense
	Grad  *mat.Dense
	mu    sync.Mutex
}

// NewParam returns a rows×cols parameter initialised to zero.
func NewParam(name string, rows, cols int) (*Param, error) {
	if rows <= 0 || cols <= 0 {
		return nil, fmt.Errorf("autodiff: NewParam %q: shape %d×%d must be positive", name, rows, cols)
	}
	return &Param{Name: name, Value: mat.NewDense(rows, cols, nil), Grad: mat.NewDense(rows, cols, nil)}, nil
}

// NewParamFrom returns a parameter with the shape of m and a copy of its values.
func NewParamFrom(name string, m mat.Matrix) (*Param, error) {
	if m == nil {
		return nil, fmt.Errorf("autodiff: NewParamFrom %q: matrix is nil", name)
	}
	r, c := m.Dims()
	p, err := NewParam(name, r, c)
	if err != nil {
		return nil, err
	}
	p.Value.Copy(m)
	for i, x := range p.Data() {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("autodiff: NewParamFrom %q: entry (%d, %d) is %v", name, i/c, i%c, x)
		}
	}
	return p, nil
}

// Rows returns the number of rows.
func (p *Param) Rows() int { r, _ := p.Value.Dims(); return r }

// Cols returns the number of columns.
func (p *Param) Cols() int { _, c := p.Value.Dims(); return c }

// Data returns the row-major values (not a copy).
func (p *Param) Data() []float64 { return p.Value.RawMatrix().Data }

// GradData returns the row-major gradient (not a copy).
func (p *Param) GradData() []float64 { return p.Grad.RawMatrix().Data }

// ZeroGrad sets Grad to zero.
func (p *Param) ZeroGrad() {
	p.mu.Lock()
	clear(p.Grad.RawMatrix().Data)
	p.mu.Unlock()
}

// ZeroGrads sets the gradients of all ps to zero.
func ZeroGrads(ps []*Param) {
	for _, p := range ps {
		p.ZeroGrad()
	}
}

func (p *Param) addGrad(g []float64) {
	p.mu.Lock()
	d := p.Grad.RawMatrix().Data
	for i, x := range g {
		d[i] += x
	}
	p.mu.Unlock()
}
