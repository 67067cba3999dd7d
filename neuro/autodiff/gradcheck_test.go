package autodiff

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randParam returns a rows×cols parameter with entries uniform on [lo, hi).
func randParam(rng *rand.Rand, name string, rows, cols int, lo, hi float64) *Param {
	p, err := NewParam(name, rows, cols)
	if err != nil {
		panic(err)
	}
	for i := range p.Data() {
		p.Data()[i] = lo + (hi-lo)*rng.Float64()
	}
	return p
}

// weightedLoss returns Σ W ⊙ out for a fixed pseudo-random W of out's shape, so the check
// exercises a full vector–Jacobian product rather than a plain sum.
func weightedLoss(tp *Tape, out *Var) *Var {
	rng := rand.New(rand.NewPCG(uint64(out.Rows()), uint64(out.Cols())))
	w := make([]float64, out.Rows()*out.Cols())
	for i := range w {
		w[i] = rng.NormFloat64()
	}
	return tp.Sum(tp.Mul(out, tp.Input(out.Rows(), out.Cols(), w)))
}

// gradCheck compares Backward's gradients for every entry of every parameter with central
// finite differences of the weighted loss, requiring relative error ≤ 1e-6
// (|analytic − numeric| ≤ 1e-6 · max(|analytic|, |numeric|, 1e-3)).
func gradCheck(t *testing.T, params []*Param, f func(tp *Tape, vs []*Var) *Var) {
	t.Helper()
	tp := NewTape()
	eval := func() float64 {
		tp.Reset()
		vs := make([]*Var, len(params))
		for i, p := range params {
			vs[i] = tp.Param(p)
		}
		l := weightedLoss(tp, f(tp, vs))
		if err := tp.Err(); err != nil {
			t.Fatal(err)
		}
		return l.Scalar()
	}
	// Record and differentiate twice, poisoning the recycled buffers with NaN in between, so a
	// backward pass that leaves part of a fresh (uninitialised) gradient unwritten fails.
	for pass := range 2 {
		ZeroGrads(params)
		tp.Reset()
		if pass == 1 {
			for _, b := range tp.arena.blocks {
				for i := range b {
					b[i] = math.NaN()
				}
			}
		}
		vs := make([]*Var, len(params))
		for i, p := range params {
			vs[i] = tp.Param(p)
		}
		if err := tp.Backward(weightedLoss(tp, f(tp, vs))); err != nil {
			t.Fatal(err)
		}
	}
	const h = 1e-5
	worst := 0.0
	for _, p := range params {
		x, g := p.Data(), p.GradData()
		for i := range x {
			x0 := x[i]
			x[i] = x0 + h
			up := eval()
			x[i] = x0 - h
			down := eval()
			x[i] = x0
			num := (up - down) / (2 * h)
			rel := math.Abs(g[i]-num) / max(math.Abs(g[i]), math.Abs(num), 1e-3)
			worst = max(worst, rel)
			if rel > 1e-6 {
				t.Errorf("%s[%d]: analytic %.10g, numeric %.10g (rel. error %.2g)", p.Name, i, g[i], num, rel)
			}
		}
	}
	t.Logf("worst relative error %.2g", worst)
}
