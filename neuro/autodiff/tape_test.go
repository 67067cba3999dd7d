package autodiff

import (
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestBackwardAccumulatesAcrossTapes(t *testing.T) {
	p, _ := NewParam("w", 1, 2)
	copy(p.Data(), []float64{2, -3})
	tp := NewTape()
	for range 3 {
		tp.Reset()
		loss := tp.Sum(tp.Square(tp.Param(p))) // ∂/∂w = 2w
		if err := tp.Backward(loss); err != nil {
			t.Fatal(err)
		}
	}
	if g := p.GradData(); g[0] != 12 || g[1] != -18 {
		t.Fatalf("grad after 3 backward passes = %v, want [12 -18]", g)
	}
	p.ZeroGrad()
	if g := p.GradData(); g[0] != 0 || g[1] != 0 {
		t.Fatalf("ZeroGrad left %v", g)
	}
}

func TestConcurrentTapesShareParams(t *testing.T) {
	p, _ := NewParam("w", 3, 3)
	for i := range p.Data() {
		p.Data()[i] = float64(i) / 9
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			tp := NewTape()
			w := tp.Param(p)
			if err := tp.Backward(tp.Sum(tp.MatMul(w, w))); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	tp := NewTape()
	w := tp.Param(p)
	if err := tp.BackwardDeferred(tp.Sum(tp.MatMul(w, w))); err != nil {
		t.Fatal(err)
	}
	for i, g := range p.GradData() {
		if math.Abs(g-8*w.Grad()[i]) > 1e-12 {
			t.Fatalf("grad[%d] = %v, want 8 × %v", i, g, w.Grad()[i])
		}
	}
}

func TestTapeErrors(t *testing.T) {
	tp := NewTape()
	p, _ := NewParam("w", 2, 2)
	old := tp.Param(p)
	tp.Reset()
	tp.Add(old, old)
	if err := tp.Err(); err == nil || !strings.Contains(err.Error(), "Reset") {
		t.Fatalf("stale Var: err = %v", err)
	}

	tp.Reset()
	if err := tp.Backward(tp.Param(p)); err == nil {
		t.Fatal("Backward of a 2×2 loss: want an error")
	}
	tp.Reset()
	if err := tp.Backward(tp.Log(tp.Sum(tp.Param(p)))); err == nil { // log 0 = −Inf
		t.Fatal("Backward of −Inf loss: want an error")
	}
	tp.Reset()
	loss := tp.Sum(tp.Param(p))
	if err := tp.Backward(loss); err != nil {
		t.Fatal(err)
	}
	if err := tp.Backward(loss); err == nil {
		t.Fatal("second Backward on one recording: want an error")
	}
	tp.Reset()
	p.ZeroGrad()
	if err := tp.Backward(tp.Sum(tp.Sqrt(tp.Param(p)))); err == nil { // d√x/dx at 0 is +Inf
		t.Fatal("infinite parameter gradient: want an error")
	}
	if g := p.GradData(); g[0] != 0 {
		t.Fatalf("a non-finite gradient must not reach the parameter; got %v", g)
	}
	if _, err := NewParam("bad", 0, 3); err == nil {
		t.Fatal("NewParam 0×3: want an error")
	}
	other := NewTape()
	tp.Reset()
	tp.Add(other.Const(1, 1, 1), tp.Const(1, 1, 1))
	if tp.Err() == nil {
		t.Fatal("Var from another tape: want an error")
	}
}

func TestResetReusesBuffers(t *testing.T) {
	p, _ := NewParam("w", 8, 8)
	tp := NewTape()
	run := func() {
		tp.Reset()
		w := tp.Param(p)
		x := w
		for range 20 {
			x = tp.Tanh(tp.MatMul(x, w))
		}
		if err := tp.Backward(tp.Sum(x)); err != nil {
			t.Fatal(err)
		}
	}
	run()
	run()
	if n := len(tp.arena.blocks); n != 1 {
		t.Fatalf("arena has %d blocks after a repeated recording, want 1", n)
	}
	allocs := testing.AllocsPerRun(5, run)
	if allocs > 200 { // Var headers and closures only; no matrix buffers
		t.Fatalf("%v allocations per repeated step", allocs)
	}
	t.Logf("%v allocations per step of 41 ops", allocs)
}

// A Var consumed by many ops receives its gradient from each: the first backward to reach it
// overwrites a fresh buffer and the others add. This checks every op's accumulate path.
func TestFanOutGrad(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	a := randParam(rng, "a", 4, 4, -1, 1)
	b := randParam(rng, "b", 4, 4, -1, 1)
	s := randParam(rng, "s", 1, 4, -0.5, 0.5)
	awayFromKinks(a.Data(), s.Data()) // a and a + s at least 0.1 from the ReLU kinks
	gradCheck(t, []*Param{a, b, s}, func(tp *Tape, v []*Var) *Var {
		a, b, s := v[0], v[1], v[2]
		return tp.ConcatCols(
			tp.ReLU(a), tp.Square(a), tp.Scale(a, 2), tp.AddConst(a, 1), tp.Tanh(a),
			tp.Mul(a, b), tp.Mul(b, a), tp.Sub(b, a), tp.Sub(a, b), tp.Add(a, a), tp.Mul(a, a),
			tp.MatMul(a, b), tp.MatMulT(b, false, a, true), tp.MatMulT(a, true, b, false), tp.MatMulT(a, true, a, true),
			tp.Reshape(a, 4, 4), tp.GaussianLogLikRows(a, b, s), tp.GaussianLogLikRows(b, a, s),
			tp.GaussianLogLikRows(a, a, s), tp.MatMul(tp.SliceCols(a, 0, 2), tp.SliceRows(b, 0, 2)),
			tp.Sub(a, s), tp.Mul(s, a), tp.Add(tp.SliceCols(b, 0, 1), a), tp.ClippedReLU(a, s),
		)
	})
}

func TestValueIsACopy(t *testing.T) {
	tp := NewTape()
	data := []float64{1, 2, 3, 4, 5, 6}
	v := tp.Input(2, 3, data)
	m := v.Value()
	if r, c := m.Dims(); r != 2 || c != 3 || m.At(1, 2) != 6 {
		t.Fatalf("Value = %v", m)
	}
	m.Set(0, 0, 9)
	if data[0] != 1 {
		t.Fatal("Value shares memory with the tape")
	}
}

func TestNewParamFromRejectsNaN(t *testing.T) {
	if _, err := NewParamFrom("w", mat.NewDense(1, 2, []float64{1, math.NaN()})); err == nil {
		t.Fatal("NaN entry: want an error")
	}
	if _, err := NewParamFrom("w", nil); err == nil {
		t.Fatal("nil matrix: want an error")
	}
}
