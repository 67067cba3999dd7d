package autodiff

import (
	"math/rand/v2"
	"testing"
)

func TestShapeGrad(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	cases := map[string]func(tp *Tape, v []*Var) *Var{
		"GatherRows": func(tp *Tape, v []*Var) *Var { return tp.GatherRows(v[0], []int{3, 0, 0, 2, 3, 3}) },
		"SliceRows":  func(tp *Tape, v []*Var) *Var { return tp.SliceRows(v[0], 1, 3) },
		"SliceCols":  func(tp *Tape, v []*Var) *Var { return tp.SliceCols(v[0], 1, 3) },
		"ConcatCols": func(tp *Tape, v []*Var) *Var { return tp.ConcatCols(v[0], v[1], v[0]) },
		"ConcatRows": func(tp *Tape, v []*Var) *Var { return tp.ConcatRows(v[0], tp.Transpose(v[1])) },
		"Transpose":  func(tp *Tape, v []*Var) *Var { return tp.Transpose(v[0]) },
		"Reshape":    func(tp *Tape, v []*Var) *Var { return tp.Reshape(v[0], 2, 8) },
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			a := randParam(rng, "a", 4, 4, -1, 1)
			b := randParam(rng, "b", 4, 2, -1, 1)
			gradCheck(t, []*Param{a, b}, f)
		})
	}
}

func TestShapeErrors(t *testing.T) {
	for name, f := range map[string]func(tp *Tape, a *Var){
		"GatherRows": func(tp *Tape, a *Var) { tp.GatherRows(a, []int{0, 2}) },
		"SliceRows":  func(tp *Tape, a *Var) { tp.SliceRows(a, 1, 1) },
		"SliceCols":  func(tp *Tape, a *Var) { tp.SliceCols(a, 0, 4) },
		"ConcatCols": func(tp *Tape, a *Var) { tp.ConcatCols(a, tp.Transpose(a)) },
		"ConcatRows": func(tp *Tape, a *Var) { tp.ConcatRows(a, tp.Transpose(a)) },
		"Reshape":    func(tp *Tape, a *Var) { tp.Reshape(a, 4, 2) },
	} {
		tp := NewTape()
		f(tp, tp.Input(2, 3, []float64{1, 2, 3, 4, 5, 6}))
		if tp.Err() == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

func TestDetach(t *testing.T) {
	p := randParam(rand.New(rand.NewPCG(13, 14)), "a", 3, 2, -1, 1)
	tp := NewTape()
	a := tp.Param(p)
	d := tp.Detach(a)
	if d.RequiresGrad() {
		t.Fatal("Detach result requires a gradient")
	}
	// ∂/∂a Σ a ⊙ stop(a) = stop(a) = a, half the gradient of Σ a².
	if err := tp.Backward(tp.Add(tp.Sum(tp.Mul(a, d)), tp.Sum(tp.Detach(tp.Square(a))))); err != nil {
		t.Fatal(err)
	}
	for i, g := range p.GradData() {
		if g != p.Data()[i] {
			t.Fatalf("grad[%d] = %v, want %v", i, g, p.Data()[i])
		}
	}
}
