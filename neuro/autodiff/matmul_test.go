package autodiff

import (
	"math/rand/v2"
	"testing"
)

func TestMatMulGrad(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct{ ta, tb bool }{{false, false}, {true, false}, {false, true}, {true, true}} {
		ar, ac, br, bc := 4, 3, 3, 5
		if c.ta {
			ar, ac = ac, ar
		}
		if c.tb {
			br, bc = bc, br
		}
		a := randParam(rng, "a", ar, ac, -1, 1)
		b := randParam(rng, "b", br, bc, -1, 1)
		gradCheck(t, []*Param{a, b}, func(tp *Tape, v []*Var) *Var { return tp.MatMulT(v[0], c.ta, v[1], c.tb) })
	}
}

func TestMatMulValue(t *testing.T) {
	tp := NewTape()
	a := tp.Input(2, 3, []float64{1, 2, 3, 4, 5, 6})
	b := tp.Input(3, 1, []float64{1, 0, -1})
	y := tp.MatMul(a, b)
	if y.Rows() != 2 || y.Cols() != 1 || y.At(0, 0) != -2 || y.At(1, 0) != -2 {
		t.Fatalf("a·b = %v (%d×%d), want [-2 -2]", y.Data(), y.Rows(), y.Cols())
	}
	yt := tp.MatMulT(a, true, a, false) // aᵀa, 3×3
	if yt.Rows() != 3 || yt.At(0, 0) != 17 || yt.At(2, 1) != 36 {
		t.Fatalf("aᵀa = %v", yt.Data())
	}
	tp.MatMul(a, a)
	if tp.Err() == nil {
		t.Fatal("2×3 · 2×3: want a dimension error")
	}
}
