package autodiff

import (
	"math/rand/v2"
	"testing"
)

// shapes broadcast against a 4×3 operand.
var bshapes = [][2]int{{4, 3}, {1, 3}, {4, 1}, {1, 1}}

func TestBinaryGrad(t *testing.T) {
	ops := map[string]func(tp *Tape, a, b *Var) *Var{
		"Add": (*Tape).Add, "Sub": (*Tape).Sub, "Mul": (*Tape).Mul, "Div": (*Tape).Div,
		"ClippedReLU": (*Tape).ClippedReLU,
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for name, op := range ops {
		for _, sa := range bshapes {
			for _, sb := range bshapes {
				// Div keeps the denominator away from 0; ClippedReLU keeps a and a+h away from the kinks.
				a := randParam(rng, "a", sa[0], sa[1], -2, 2)
				b := randParam(rng, "b", sb[0], sb[1], 0.5, 2)
				if name == "ClippedReLU" {
					awayFromKinks(a.Data(), b.Data())
				}
				t.Run(name, func(t *testing.T) {
					tp := NewTape()
					y := op(tp, tp.Param(a), tp.Param(b))
					if r, c := max(sa[0], sb[0]), max(sa[1], sb[1]); y.Rows() != r || y.Cols() != c {
						t.Fatalf("%v with %v: result %d×%d, want %d×%d", sa, sb, y.Rows(), y.Cols(), r, c)
					}
					gradCheck(t, []*Param{a, b}, func(tp *Tape, v []*Var) *Var { return op(tp, v[0], v[1]) })
				})
			}
		}
	}
}

// awayFromKinks moves the entries of a so that a and a+h are at least 0.1 from 0 for every h.
func awayFromKinks(a, h []float64) {
	for i := range a {
		for moved := true; moved; {
			moved = false
			if abs(a[i]) < 0.1 {
				a[i] += 0.25
				moved = true
			}
			for _, z := range h {
				if abs(a[i]+z) < 0.1 {
					a[i] += 0.25
					moved = true
				}
			}
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestScaleGrad(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	a := randParam(rng, "a", 3, 4, -1, 1)
	gradCheck(t, []*Param{a}, func(tp *Tape, v []*Var) *Var {
		return tp.Neg(tp.AddConst(tp.Scale(v[0], 2.5), 0.3))
	})
}

func TestBroadcastValueAndErrors(t *testing.T) {
	tp := NewTape()
	a := tp.Input(2, 2, []float64{1, 2, 3, 4})
	y := tp.Add(a, tp.Input(1, 2, []float64{10, 20}))
	if got := y.Data(); got[0] != 11 || got[1] != 22 || got[2] != 13 || got[3] != 24 {
		t.Fatalf("row broadcast: %v", got)
	}
	y = tp.Sub(tp.Input(2, 1, []float64{1, 2}), a) // column minus matrix
	if got := y.Data(); got[0] != 0 || got[1] != -1 || got[2] != -1 || got[3] != -2 {
		t.Fatalf("column broadcast: %v", got)
	}
	tp.Add(a, tp.Input(1, 3, []float64{1, 2, 3}))
	if tp.Err() == nil {
		t.Fatal("2×2 + 1×3: want a broadcast error")
	}
	if err := tp.Backward(y); err == nil {
		t.Fatal("Backward after a failed op must return the error")
	}
}
