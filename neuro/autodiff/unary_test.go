package autodiff

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestUnaryGrad(t *testing.T) {
	type op struct {
		f      func(tp *Tape, a *Var) *Var
		lo, hi float64
	}
	ops := map[string]op{
		"ReLU":      {(*Tape).ReLU, -2, 2},
		"LeakyReLU": {func(tp *Tape, a *Var) *Var { return tp.LeakyReLU(a, 0.1) }, -2, 2},
		"Tanh":      {(*Tape).Tanh, -2, 2},
		"Sigmoid":   {(*Tape).Sigmoid, -3, 3},
		"Softplus":  {(*Tape).Softplus, -3, 3},
		"Exp":       {(*Tape).Exp, -2, 2},
		"Log":       {(*Tape).Log, 0.2, 3},
		"Sqrt":      {(*Tape).Sqrt, 0.2, 3},
		"Square":    {(*Tape).Square, -2, 2},
		"GELU":      {(*Tape).GELU, -3, 3},
		"Clamp":     {func(tp *Tape, a *Var) *Var { return tp.Clamp(a, -0.5, 1) }, -2, 2},
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for name, o := range ops {
		t.Run(name, func(t *testing.T) {
			a := randParam(rng, "a", 5, 4, o.lo, o.hi)
			for i, x := range a.Data() { // away from the kinks at 0 (ReLU) and −0.5, 1 (Clamp)
				if math.Abs(x) < 0.05 || math.Abs(x+0.5) < 0.05 || math.Abs(x-1) < 0.05 {
					a.Data()[i] = 0.3
				}
			}
			gradCheck(t, []*Param{a}, func(tp *Tape, v []*Var) *Var { return o.f(tp, v[0]) })
		})
	}
}

func TestUnaryValues(t *testing.T) {
	tp := NewTape()
	x := tp.Input(1, 4, []float64{-800, -1, 0.5, 800})
	check := func(name string, y *Var, want []float64) {
		t.Helper()
		for i, w := range want {
			if math.Abs(y.Data()[i]-w) > 1e-12*max(1, math.Abs(w)) {
				t.Errorf("%s[%d] = %v, want %v", name, i, y.Data()[i], w)
			}
		}
	}
	check("Softplus", tp.Softplus(x), []float64{0, math.Log1p(math.Exp(-1)), math.Log1p(math.Exp(0.5)), 800})
	check("Sigmoid", tp.Sigmoid(x), []float64{0, 1 / (1 + math.E), 1 / (1 + math.Exp(-0.5)), 1})
	check("GELU", tp.GELU(x), []float64{0, -0.15865525393145707, 0.34573123063700656, 800})
	h := tp.Input(1, 1, []float64{2})
	check("Clamp", tp.Clamp(x, -1, 2), []float64{-1, -1, 0.5, 2})
	check("ClippedReLU", tp.ClippedReLU(tp.Input(1, 4, []float64{-3, -1, 0.5, 5}), h), []float64{0, 1, 2, 2})
}
