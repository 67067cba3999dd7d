package autodiff

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestGaussianLogLikRowsGrad(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	// x: 2 trials serving 3 particles each; mean: 6 particle rows; log-variance: one row.
	for _, shapes := range [][3][2]int{
		{{2, 4}, {6, 4}, {1, 4}},
		{{6, 4}, {6, 4}, {6, 4}},
		{{6, 4}, {1, 4}, {1, 1}},
		{{3, 4}, {6, 4}, {2, 1}},
	} {
		x := randParam(rng, "x", shapes[0][0], shapes[0][1], -1, 1)
		m := randParam(rng, "mean", shapes[1][0], shapes[1][1], -1, 1)
		s := randParam(rng, "logVar", shapes[2][0], shapes[2][1], -1, 1)
		gradCheck(t, []*Param{x, m, s}, func(tp *Tape, v []*Var) *Var { return tp.GaussianLogLikRows(v[0], v[1], v[2]) })
	}
}

func TestGaussianLogLikRowsValue(t *testing.T) {
	tp := NewTape()
	x := tp.Input(1, 2, []float64{1, -2})
	m := tp.Input(2, 2, []float64{0, 0, 1, -2})
	s := tp.Input(1, 2, []float64{0, math.Log(4)})
	y := tp.GaussianLogLikRows(x, m, s)
	c := math.Log(2 * math.Pi)
	want0 := -0.5*(1+c) - 0.5*(4.0/4+math.Log(4)+c)
	want1 := -0.5*c - 0.5*(math.Log(4)+c)
	if math.Abs(y.At(0, 0)-want0) > 1e-14 || math.Abs(y.At(1, 0)-want1) > 1e-14 {
		t.Fatalf("log-likelihoods %v, want [%v %v]", y.Data(), want0, want1)
	}
	tp.GaussianLogLikRows(tp.Input(4, 2, make([]float64, 8)), tp.Input(6, 2, make([]float64, 12)), s)
	if tp.Err() == nil {
		t.Fatal("4 rows against 6: want an error")
	}
}

func TestPoissonLogLikRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	counts := []float64{0, 3, 1, 7, 2, 0, 0, 5}
	rate := randParam(rng, "rate", 6, 4, 0.2, 4)
	gradCheck(t, []*Param{rate}, func(tp *Tape, v []*Var) *Var {
		return tp.PoissonLogLikRows(tp.Input(2, 4, counts), v[0])
	})
	tp := NewTape()
	y := tp.PoissonLogLikRows(tp.Input(1, 2, []float64{0, 3}), tp.Input(1, 2, []float64{0.5, 2}))
	want := -0.5 + 3*math.Log(2) - 2 - math.Log(6)
	if math.Abs(y.Scalar()-want) > 1e-14 {
		t.Fatalf("log p = %v, want %v", y.Scalar(), want)
	}
	for name, f := range map[string]func(tp *Tape){
		"negative count": func(tp *Tape) { tp.PoissonLogLikRows(tp.Input(1, 1, []float64{-1}), tp.Const(1, 1, 1)) },
		"zero rate":      func(tp *Tape) { tp.PoissonLogLikRows(tp.Input(1, 1, []float64{1}), tp.Const(1, 1, 0)) },
		"counts need a gradient": func(tp *Tape) {
			p, _ := NewParam("k", 1, 1)
			tp.PoissonLogLikRows(tp.Param(p), tp.Const(1, 1, 1))
		},
	} {
		tp := NewTape()
		f(tp)
		if tp.Err() == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

func TestRepeatRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(45, 46))
	a := randParam(rng, "a", 3, 2, -1, 1)
	gradCheck(t, []*Param{a}, func(tp *Tape, v []*Var) *Var { return tp.RepeatRows(v[0], 4) })
	tp := NewTape()
	y := tp.RepeatRows(tp.Input(2, 1, []float64{1, 2}), 3)
	if !equal(y.Data(), []float64{1, 1, 1, 2, 2, 2}) {
		t.Fatalf("RepeatRows = %v", y.Data())
	}
}
