package smc

import (
	"math"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
)

// batch is B windows of T steps, stacked by rows.
type batch struct {
	B, T int
	x    []float64 // (B·T)×Dx
	u    []float64 // (B·T)×Du raw inputs, nil without inputs
	lcc  []float64 // (B·T) −Σ log Γ(x+1) for Poisson, nil otherwise
}

func poissonConst(x []float64, dx int) []float64 {
	out := make([]float64, len(x)/dx)
	for r := range out {
		s := 0.0
		for _, v := range x[r*dx : (r+1)*dx] {
			if v > 1 {
				lg, _ := math.Lgamma(v + 1)
				s -= lg
			}
		}
		out[r] = s
	}
	return out
}

// vars records the model's parameters on a tape (trainable ones as Params, fixed ones as inputs).
type vars struct {
	tp    *autodiff.Tape
	train map[*autodiff.Param]bool
}

func (v vars) p(p *autodiff.Param) *autodiff.Var {
	if p == nil {
		return nil
	}
	if v.train[p] {
		return v.tp.Param(p)
	}
	return v.tp.Input(p.Rows(), p.Cols(), p.Data())
}

// objective records J = (1/(B·T)) Σ_b Σ_t log mean_k w_t^k of one batch on tp. k is the
// kernel workspace (reused across batches); its seed and stream select the random numbers.
func (m *Model) objective(tp *autodiff.Tape, k *kernel, bt *batch, train map[*autodiff.Param]bool) *autodiff.Var {
	c := m.Cfg
	V := vars{tp, train}
	R, N, Dx := c.R, c.N, c.Dx
	BT := bt.B * bt.T
	k.B, k.T, k.N, k.R, k.Dx = bt.B, bt.T, N, R, Dx
	k.obs, k.link, k.phi = c.Obs, c.Link, c.Phi
	k.x, k.lcc = bt.x, bt.lcc
	var in [nSlots]*autodiff.Var
	a := tp.Exp(tp.Neg(tp.Exp(V.p(m.Theta))))
	in[sA], in[sM], in[sNw], in[sH], in[sMu0] = a, V.p(m.M), V.p(m.Nw), V.p(m.H), V.p(m.Mu0)
	if c.Du > 0 && bt.u != nil {
		uv := tp.Input(BT, c.Du, bt.u)
		if c.InputFilter {
			uv = filterInput(tp, a, uv, bt.B, bt.T)
		}
		in[sCu] = tp.MatMulT(uv, false, V.p(m.Wu), true)
	}
	var hm, off *autodiff.Var
	if c.Readout == OneToOne {
		gain := V.p(m.Gain)
		hm = tp.Mul(in[sM], tp.Transpose(gain))
		off = V.p(m.Bias)
		if in[sCu] != nil {
			off = tp.Add(tp.Mul(in[sCu], gain), off)
		}
	} else {
		hm = tp.Transpose(V.p(m.C))
		off = V.p(m.Bias)
	}
	var lvx *autodiff.Var
	if c.Obs == Gaussian {
		lvx = V.p(m.LVX)
		in[sRinv] = tp.Exp(tp.Neg(lvx))
		in[sLc] = tp.AddConst(tp.Scale(tp.Sum(lvx), -0.5), -0.5*float64(Dx)*log2Pi)
	}
	switch k.prop {
	case Optimal:
		rs := tp.Exp(tp.Scale(lvx, -0.5))
		hs := tp.Mul(hm, tp.Transpose(rs))
		G := tp.MatMulT(hs, true, hs, false)
		ys := tp.Mul(tp.Sub(tp.Input(BT, Dx, bt.x), off), rs)
		in[sG], in[sGd], in[sYY] = G, tp.MatMul(ys, hs), tp.RowSums(tp.Square(ys))
		eye := identity(tp, R)
		info := func(l *autodiff.Var) (p, lp, ld *autodiff.Var) {
			li := tp.TriSolve(l, eye, false)
			lpi := tp.Cholesky(tp.Add(tp.MatMulT(li, true, li, false), G))
			lpii := tp.TriSolve(lpi, eye, false)
			ld = tp.Add(tp.Sum(lvx), tp.Scale(tp.Add(tp.LogDetTri(l), tp.LogDetTri(lpi)), 2))
			return tp.MatMulT(lpii, true, lpii, false), tp.Transpose(lpii), ld
		}
		var ld, ld0 *autodiff.Var
		in[sP], in[sLp], ld = info(tp.LowerExpDiag(V.p(m.PZ)))
		in[sP0], in[sLp0], ld0 = info(tp.LowerExpDiag(V.p(m.P0)))
		in[sLogDet] = tp.ConcatCols(ld, ld0)
	case Bootstrap:
		in[sHm], in[sOff] = hm, off
		if c.Noise == FullNoise {
			in[sLz], in[sL0] = tp.LowerExpDiag(V.p(m.PZ)), tp.LowerExpDiag(V.p(m.P0))
		} else {
			in[sLz], in[sL0] = diagMat(tp, tp.Exp(tp.Scale(V.p(m.LVZ), 0.5))), diagMat(tp, tp.Exp(tp.Scale(V.p(m.LV0), 0.5)))
		}
	case Encoder:
		in[sHm], in[sOff] = hm, off
		in[sIz], in[sI0] = tp.Exp(tp.Neg(V.p(m.LVZ))), tp.Exp(tp.Neg(V.p(m.LV0)))
		k.enc.reset()
		mu, lv := m.Enc.forward(tp, tp.Input(BT, Dx, bt.x), bt.T, R, &k.enc)
		in[sMue], in[sIe] = mu, tp.Exp(tp.Neg(lv))
	}
	var ins []*autodiff.Var
	var slots []slot
	for s, v := range in {
		if v != nil {
			ins, slots = append(ins, v), append(slots, slot(s))
		}
	}
	return tp.Func(1, 1, ins, func(out []float64) {
		k.v = [nSlots][]float64{}
		for i, s := range slots {
			k.v[s] = ins[i].Data()
		}
		out[0] = k.forward()
	}, func(gout []float64, gin [][]float64) {
		var g [nSlots][]float64
		for i, s := range slots {
			g[s] = gin[i]
		}
		k.backward(gout[0], g)
	})
}

func identity(tp *autodiff.Tape, n int) *autodiff.Var {
	e := make([]float64, n*n)
	for i := range n {
		e[i*n+i] = 1
	}
	return tp.Input(n, n, e)
}

// diagMat returns the n×n diagonal matrix with the 1×n v on its diagonal.
func diagMat(tp *autodiff.Tape, v *autodiff.Var) *autodiff.Var {
	n := v.Cols()
	return tp.Func(n, n, []*autodiff.Var{v}, func(out []float64) {
		clear(out)
		for i, x := range v.Data() {
			out[i*n+i] = x
		}
	}, func(gout []float64, gin [][]float64) {
		for i := range n {
			gin[0][i] += gout[i*n+i]
		}
	})
}

// filterInput returns v with v_t = a v_{t−1} + (1 − a) u_{t−1}, v_0 = 0, per sequence of length T.
func filterInput(tp *autodiff.Tape, a, u *autodiff.Var, B, T int) *autodiff.Var {
	du := u.Cols()
	return tp.Func(B*T, du, []*autodiff.Var{a, u}, func(out []float64) {
		av, ud := a.Data()[0], u.Data()
		for b := range B {
			clear(out[b*T*du : (b*T+1)*du])
			for t := 1; t < T; t++ {
				o, p, q := out[(b*T+t)*du:], out[(b*T+t-1)*du:], ud[(b*T+t-1)*du:]
				for j := range du {
					o[j] = av*p[j] + (1-av)*q[j]
				}
			}
		}
	}, func(gout []float64, gin [][]float64) {
		if gin[0] == nil {
			return
		}
		av, ud := a.Data()[0], u.Data()
		v := make([]float64, B*T*du)
		copy(v, gout)
		// recompute forward values
		fv := make([]float64, B*T*du)
		for b := range B {
			for t := 1; t < T; t++ {
				for j := range du {
					fv[(b*T+t)*du+j] = av*fv[(b*T+t-1)*du+j] + (1-av)*ud[(b*T+t-1)*du+j]
				}
			}
		}
		ga := 0.0
		for b := range B {
			for t := T - 1; t >= 1; t-- {
				for j := range du {
					gv := v[(b*T+t)*du+j]
					ga += gv * (fv[(b*T+t-1)*du+j] - ud[(b*T+t-1)*du+j])
					v[(b*T+t-1)*du+j] += av * gv
				}
			}
		}
		gin[0][0] += ga
	})
}
