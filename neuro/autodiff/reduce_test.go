package autodiff

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestReduceGrad(t *testing.T) {
	ops := map[string]func(tp *Tape, a *Var) *Var{
		"Sum": (*Tape).Sum, "Mean": (*Tape).Mean,
		"RowSums": (*Tape).RowSums, "RowMeans": (*Tape).RowMeans,
		"ColSums": (*Tape).ColSums, "ColMeans": (*Tape).ColMeans,
		"RowLogSumExp": (*Tape).RowLogSumExp, "ColLogSumExp": (*Tape).ColLogSumExp,
	}
	rng := rand.New(rand.NewPCG(9, 10))
	for name, op := range ops {
		t.Run(name, func(t *testing.T) {
			a := randParam(rng, "a", 5, 3, -3, 3)
			gradCheck(t, []*Param{a}, func(tp *Tape, v []*Var) *Var { return op(tp, v[0]) })
		})
	}
}

func TestLogSumExpStable(t *testing.T) {
	tp := NewTape()
	a := tp.Input(2, 3, []float64{1000, 1000, 1000, -1000, -1001, math.Inf(-1)})
	r := tp.RowLogSumExp(a)
	if w := 1000 + math.Log(3); math.Abs(r.At(0, 0)-w) > 1e-12*w {
		t.Errorf("row 0: %v, want %v", r.At(0, 0), w)
	}
	if w := -1000 + math.Log1p(math.Exp(-1)); math.Abs(r.At(1, 0)-w) > 1e-12*1000 {
		t.Errorf("row 1: %v, want %v", r.At(1, 0), w)
	}
	c := tp.ColLogSumExp(tp.Transpose(a))
	if c.At(0, 0) != r.At(0, 0) || c.At(0, 1) != r.At(1, 0) {
		t.Errorf("ColLogSumExp(aᵀ) = %v, want %v", c.Data(), r.Data())
	}
}
