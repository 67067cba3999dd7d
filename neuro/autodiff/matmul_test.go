package autodiff

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// mkn covers gonum's path (all dimensions > 4) and the dedicated loops for a small inner
// dimension (k ≤ 4) or a small output width (n ≤ 4).
var mkn = [][3]int{{4, 3, 5}, {7, 6, 9}, {9, 2, 7}, {8, 1, 3}, {7, 6, 2}, {6, 9, 1}, {5, 7, 3}, {2, 3, 4}}

func TestMatMulGrad(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, d := range mkn {
		for _, c := range []struct{ ta, tb bool }{{false, false}, {true, false}, {false, true}, {true, true}} {
			t.Run(fmt.Sprintf("%v/%v/%v", d, c.ta, c.tb), func(t *testing.T) {
				m, k, n := d[0], d[1], d[2]
				ar, ac, br, bc := m, k, k, n
				if c.ta {
					ar, ac = ac, ar
				}
				if c.tb {
					br, bc = bc, br
				}
				a := randParam(rng, "a", ar, ac, -1, 1)
				b := randParam(rng, "b", br, bc, -1, 1)
				tp := NewTape()
				y := tp.MatMulT(tp.Param(a), c.ta, tp.Param(b), c.tb)
				var opA, opB mat.Matrix = a.Value, b.Value
				if c.ta {
					opA = a.Value.T()
				}
				if c.tb {
					opB = b.Value.T()
				}
				var want mat.Dense
				want.Mul(opA, opB)
				for i := range m {
					for j := range n {
						if math.Abs(y.At(i, j)-want.At(i, j)) > 1e-13 {
							t.Fatalf("C[%d,%d] = %v, want %v", i, j, y.At(i, j), want.At(i, j))
						}
					}
				}
				gradCheck(t, []*Param{a, b}, func(tp *Tape, v []*Var) *Var { return tp.MatMulT(v[0], c.ta, v[1], c.tb) })
			})
		}
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
