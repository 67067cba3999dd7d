package autodiff

import (
	"math"
	"math/rand/v2"
	"testing"
)

// sinProd records y = sin(a) ⊙ b as a user-defined op.
func sinProd(tp *Tape, a, b *Var) *Var {
	return tp.Func(a.Rows(), a.Cols(), []*Var{a, b},
		func(out []float64) {
			for i := range out {
				out[i] = math.Sin(a.Data()[i]) * b.Data()[i]
			}
		},
		func(gout []float64, gin [][]float64) {
			for i, g := range gout {
				if gin[0] != nil {
					gin[0][i] += g * math.Cos(a.Data()[i]) * b.Data()[i]
				}
				if gin[1] != nil {
					gin[1][i] += g * math.Sin(a.Data()[i])
				}
			}
		})
}

func TestFuncGrad(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 62))
	a := randParam(rng, "a", 3, 4, -2, 2)
	b := randParam(rng, "b", 3, 4, -2, 2)
	gradCheck(t, []*Param{a, b}, func(tp *Tape, v []*Var) *Var { return sinProd(tp, v[0], tp.Add(v[1], v[0])) })
	// A constant input gets no gradient buffer.
	gradCheck(t, []*Param{a}, func(tp *Tape, v []*Var) *Var { return sinProd(tp, v[0], tp.Input(3, 4, b.Data())) })
}

func TestFuncErrors(t *testing.T) {
	p, _ := NewParam("p", 1, 1)
	tp := NewTape()
	tp.Func(1, 1, []*Var{tp.Param(p)}, func(out []float64) { out[0] = 1 }, nil)
	if tp.Err() == nil {
		t.Fatal("nil backward with a parameter input: want an error")
	}
	tp.Reset()
	tp.Func(1, 1, nil, nil, nil)
	if tp.Err() == nil {
		t.Fatal("nil forward: want an error")
	}
	tp.Reset()
	if v := tp.Func(2, 1, []*Var{tp.Const(1, 1, 3)}, func(out []float64) { out[0], out[1] = 1, 2 }, nil); tp.Err() != nil || v.At(1, 0) != 2 {
		t.Fatalf("constant Func: err %v, value %v", tp.Err(), v.Data())
	}
}

// sinProdOverwrite is sinProd recorded with FuncOverwrite: it assigns fresh gradients.
func sinProdOverwrite(tp *Tape, a, b *Var) *Var {
	return tp.FuncOverwrite(a.Rows(), a.Cols(), []*Var{a, b},
		func(out []float64) {
			for i := range out {
				out[i] = math.Sin(a.Data()[i]) * b.Data()[i]
			}
		},
		func(gout []float64, gin [][]float64, fresh []bool) {
			for k := range gin {
				if gin[k] != nil && fresh[k] {
					clear(gin[k]) // then add below: every entry is set
				}
			}
			for i, g := range gout {
				if gin[0] != nil {
					gin[0][i] += g * math.Cos(a.Data()[i]) * b.Data()[i]
				}
				if gin[1] != nil {
					gin[1][i] += g * math.Sin(a.Data()[i])
				}
			}
		})
}

// FuncOverwrite's gradients match finite differences when its inputs' gradients are fresh
// (single consumer, NaN-poisoned recycled buffers), written earlier by another consumer, and
// when one input is listed twice.
func TestFuncOverwriteGrad(t *testing.T) {
	rng := rand.New(rand.NewPCG(63, 64))
	a := randParam(rng, "a", 3, 4, -2, 2)
	b := randParam(rng, "b", 3, 4, -2, 2)
	gradCheck(t, []*Param{a, b}, func(tp *Tape, v []*Var) *Var { return sinProdOverwrite(tp, v[0], v[1]) })
	gradCheck(t, []*Param{a, b}, func(tp *Tape, v []*Var) *Var {
		return tp.Add(sinProdOverwrite(tp, v[0], v[1]), sinProdOverwrite(tp, v[1], v[0]))
	})
	gradCheck(t, []*Param{a}, func(tp *Tape, v []*Var) *Var { return sinProdOverwrite(tp, v[0], v[0]) })
	var fresh []bool
	tp := NewTape()
	x := tp.Param(a)
	y := tp.FuncOverwrite(3, 4, []*Var{x, x, tp.Param(b)}, func(out []float64) { copy(out, a.Data()) },
		func(gout []float64, gin [][]float64, f []bool) {
			fresh = f
			for k := range gin {
				if f[k] {
					clear(gin[k])
				}
			}
		})
	if err := tp.Backward(tp.Sum(y)); err != nil {
		t.Fatal(err)
	}
	if fresh[0] || fresh[1] || !fresh[2] {
		t.Fatalf("fresh = %v for inputs (a, a, b), want [false false true]", fresh)
	}
}
