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

// stack returns B blocks stacked by rows into one (B·n)×n parameter.
func stack(name string, blocks ...*Param) *Param {
	n := blocks[0].Cols()
	p, _ := NewParam(name, len(blocks)*n, n)
	for b, blk := range blocks {
		copy(p.Data()[b*n*n:], blk.Data())
	}
	return p
}

func TestStackedGrad(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	s := stack("S", spdParam(rng, "", 3), spdParam(rng, "", 3))
	l := stack("L", lowerParam(rng, "", 3), lowerParam(rng, "", 3))
	b := randParam(rng, "B", 6, 2, -1, 1)
	d := randParam(rng, "D", 8, 3, -1, 1) // 4 rows per block
	gradCheck(t, []*Param{s}, func(tp *Tape, v []*Var) *Var { return tp.Cholesky(v[0]) })
	gradCheck(t, []*Param{s}, func(tp *Tape, v []*Var) *Var { return tp.LogDetSPD(v[0]) })
	for _, tr := range []bool{false, true} {
		gradCheck(t, []*Param{l, b}, func(tp *Tape, v []*Var) *Var { return tp.TriSolve(v[0], v[1], tr) })
	}
	gradCheck(t, []*Param{l, d}, func(tp *Tape, v []*Var) *Var { return tp.TriSolveRows(v[1], v[0]) })
	gradCheck(t, []*Param{l}, func(tp *Tape, v []*Var) *Var { return tp.LogDetTri(v[0]) })
	gradCheck(t, []*Param{l}, func(tp *Tape, v []*Var) *Var { return tp.LowerExpDiag(v[0]) })
}

// Each block of a stacked op equals the op on that block alone.
func TestStackedMatchesBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 30))
	s1, s2 := spdParam(rng, "S1", 3), spdParam(rng, "S2", 3)
	d := randParam(rng, "D", 4, 3, -1, 1)
	tp := NewTape()
	ls := tp.Cholesky(tp.Param(stack("S", s1, s2)))
	xs := tp.TriSolveRows(tp.Param(d), ls)
	lds := tp.LogDetTri(ls)
	for k, sk := range []*Param{s1, s2} {
		l := tp.Cholesky(tp.Param(sk))
		x := tp.TriSolveRows(tp.SliceRows(tp.Param(d), 2*k, 2*k+2), l)
		for i, v := range l.Data() {
			if ls.Data()[9*k+i] != v {
				t.Fatalf("block %d: Cholesky entry %d = %v, want %v", k, i, ls.Data()[9*k+i], v)
			}
		}
		for i, v := range x.Data() {
			if math.Abs(xs.Data()[6*k+i]-v) > 1e-15 {
				t.Fatalf("block %d: TriSolveRows entry %d = %v, want %v", k, i, xs.Data()[6*k+i], v)
			}
		}
		if w := tp.LogDetTri(l).Scalar(); math.Abs(lds.At(k, 0)-w) > 1e-15 {
			t.Fatalf("block %d: LogDetTri = %v, want %v", k, lds.At(k, 0), w)
		}
	}
	tp.TriSolveRows(tp.Const(5, 3, 1), ls)
	if tp.Err() == nil {
		t.Fatal("5 rows for 2 blocks: want an error")
	}
	tp.Reset()
	tp.Cholesky(tp.Const(5, 3, 1))
	if tp.Err() == nil {
		t.Fatal("5×3 is not a stack of 3×3 blocks: want an error")
	}
}
