package autodiff

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// spdParam returns an n×n symmetric positive-definite parameter A·Aᵀ + n·I.
func spdParam(rng *rand.Rand, name string, n int) *Param {
	a := randParam(rng, "tmp", n, n, -1, 1).Value
	var s mat.Dense
	s.Mul(a, a.T())
	for i := range n {
		s.Set(i, i, s.At(i, i)+float64(n))
	}
	p, _ := NewParamFrom(name, &s)
	return p
}

// lowerParam returns an n×n parameter with a well-conditioned lower triangle (diagonal in
// [1, 2]) and random junk above the diagonal, which the triangular ops must ignore.
func lowerParam(rng *rand.Rand, name string, n int) *Param {
	p := randParam(rng, name, n, n, -0.5, 0.5)
	for i := range n {
		p.Data()[i*n+i] = 1 + rng.Float64()
	}
	return p
}

func TestCholeskyGrad(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, n := range []int{1, 3, 5} {
		s := spdParam(rng, "S", n)
		gradCheck(t, []*Param{s}, func(tp *Tape, v []*Var) *Var { return tp.Cholesky(v[0]) })
		gradCheck(t, []*Param{s}, func(tp *Tape, v []*Var) *Var { return tp.LogDetSPD(v[0]) })
	}
}

func TestTriSolveGrad(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	l := lowerParam(rng, "L", 4)
	b := randParam(rng, "B", 4, 3, -1, 1)
	d := randParam(rng, "D", 6, 4, -1, 1)
	for _, tr := range []bool{false, true} {
		gradCheck(t, []*Param{l, b}, func(tp *Tape, v []*Var) *Var { return tp.TriSolve(v[0], v[1], tr) })
	}
	gradCheck(t, []*Param{l, d}, func(tp *Tape, v []*Var) *Var { return tp.TriSolveRows(v[1], v[0]) })
	gradCheck(t, []*Param{l, b}, func(tp *Tape, v []*Var) *Var { return tp.CholSolve(v[0], v[1]) })
	gradCheck(t, []*Param{l}, func(tp *Tape, v []*Var) *Var { return tp.LogDetTri(v[0]) })
	gradCheck(t, []*Param{l}, func(tp *Tape, v []*Var) *Var { return tp.LowerExpDiag(v[0]) })
}

func TestCholeskyValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	sp := spdParam(rng, "S", 4)
	tp := NewTape()
	s := tp.Param(sp)
	l := tp.Cholesky(s)
	var chol mat.Cholesky
	if !chol.Factorize(mat.NewSymDense(4, sp.Data())) {
		t.Fatal("gonum: not SPD")
	}
	var want mat.TriDense
	chol.LTo(&want)
	for i := range 4 {
		for j := range 4 {
			if math.Abs(l.At(i, j)-want.At(i, j)) > 1e-12 {
				t.Fatalf("L[%d,%d] = %v, want %v", i, j, l.At(i, j), want.At(i, j))
			}
		}
	}
	if got, w := tp.LogDetSPD(s).Scalar(), chol.LogDet(); math.Abs(got-w) > 1e-12 {
		t.Errorf("LogDetSPD = %v, want %v", got, w)
	}
	b := tp.Input(4, 2, []float64{1, 2, 3, 4, 5, 6, 7, 8})
	x := tp.CholSolve(l, b)
	r := tp.Sub(tp.MatMul(s, x), b) // S·X − B ≈ 0
	for i, v := range r.Data() {
		if math.Abs(v) > 1e-12 {
			t.Fatalf("residual[%d] = %v", i, v)
		}
	}
	// Rows whitened by L: ‖L⁻¹d‖² = dᵀS⁻¹d.
	d := tp.Transpose(b)
	q := tp.RowSums(tp.Square(tp.TriSolveRows(d, l)))
	want2 := tp.RowSums(tp.Mul(d, tp.Transpose(x)))
	for i := range 2 {
		if math.Abs(q.At(i, 0)-want2.At(i, 0)) > 1e-12*want2.At(i, 0) {
			t.Fatalf("quadratic form %d: %v, want %v", i, q.At(i, 0), want2.At(i, 0))
		}
	}
	tp.Cholesky(tp.Input(2, 2, []float64{1, 2, 2, 1}))
	if tp.Err() == nil {
		t.Fatal("indefinite matrix: want an error")
	}
	tp.Reset()
	tp.TriSolve(tp.Input(2, 2, []float64{1, 0, 1, 0}), tp.Const(2, 1, 1), false)
	if tp.Err() == nil {
		t.Fatal("singular triangular factor: want an error")
	}
}
