package autodiff

import "math"

// Fused per-row observation log-likelihoods. They take the place of 5–8 elementwise ops (and
// their stored intermediates) in the weight computation of a particle filter. Their operands
// broadcast by row groups: an operand with r rows, r dividing the result's n rows, serves
// n/r consecutive result rows each (so B trials of data serve B·K particle rows stored
// trial-major, and a single row serves all); an operand with one column serves all columns.

// rowGroups checks that the operands share n rows or divide them, and d columns or 1.
func (t *Tape) rowGroups(op string, vs ...*Var) (n, d int, ok bool) {
	for _, v := range vs {
		n, d = max(n, v.rows), max(d, v.cols)
	}
	for k, v := range vs {
		if n%v.rows != 0 || (v.cols != d && v.cols != 1) {
			t.failf(op, "operand %d is %d×%d; want %d×%d, rows dividing %d, or one column", k, v.rows, v.cols, n, d, n)
			return 0, 0, false
		}
	}
	return n, d, true
}

// grouped describes an operand under row-group broadcasting: result element (i, j) reads
// val[(i/g)*cols + j*cs].
type grouped struct {
	v     *Var
	g, cs int
}

func group(v *Var, n int) grouped {
	cs := 0
	if v.cols > 1 {
		cs = 1
	}
	return grouped{v: v, g: n / v.rows, cs: cs}
}

// GaussianLogLikRows returns the n×1 column of diagonal-Gaussian log-densities
//
//	yᵢ = Σⱼ −½ [ (xᵢⱼ − μᵢⱼ)² e^{−sᵢⱼ} + sᵢⱼ + log 2π ],
//
// with s the log-variance (typically a 1×d row). Gradients: x̄ = −ḡ(x − μ)e^{−s}, μ̄ = −x̄,
// s̄ = ḡ·½[(x − μ)² e^{−s} − 1].
func (t *Tape) GaussianLogLikRows(x, mean, logVar *Var) *Var {
	if !t.ok("GaussianLogLikRows", x, mean, logVar) {
		return t.dead()
	}
	n, d, ok := t.rowGroups("GaussianLogLikRows", x, mean, logVar)
	if !ok {
		return t.dead()
	}
	gx, gm, gs := group(x, n), group(mean, n), group(logVar, n)
	// Precisions once per entry of the (usually small) log-variance, and the normalising
	// constant once per log-variance row.
	prec := t.arena.alloc(len(logVar.val))
	norm := t.arena.alloc(logVar.rows)
	for r := range logVar.rows {
		c := 0.0
		for j := range logVar.cols {
			lv := logVar.val[r*logVar.cols+j]
			prec[r*logVar.cols+j] = math.Exp(-lv)
			c += lv
		}
		if logVar.cols == 1 {
			c *= float64(d)
		}
		norm[r] = -0.5 * (c + float64(d)*math.Log(2*math.Pi))
	}
	y := t.newVar(n, 1, x, mean, logVar)
	for i := range n {
		xr, mr := x.val[(i/gx.g)*x.cols:], mean.val[(i/gm.g)*mean.cols:]
		pr := prec[(i/gs.g)*logVar.cols:]
		s := 0.0
		if gx.cs == 1 && gm.cs == 1 && gs.cs == 1 {
			xr, mr, pr = xr[:d], mr[:d], pr[:d]
			for j := range xr {
				r := xr[j] - mr[j]
				s += r * r * pr[j]
			}
		} else {
			for j := range d {
				r := xr[j*gx.cs] - mr[j*gm.cs]
				s += r * r * pr[j*gs.cs]
			}
		}
		y.val[i] = norm[i/gs.g] - 0.5*s
	}
	if !y.needsGrad {
		return y
	}
	y.back = func() {
		// A fresh gradient of a full-shape operand is written exactly once per entry below, so
		// it is assigned rather than cleared and added to.
		grad := func(v *Var) (buf []float64, assign bool) {
			buf, fresh := v.gOut()
			if fresh && (v.rows != n || v.cols != d) {
				clear(buf)
				return buf, false
			}
			return buf, fresh
		}
		var dx, dm, ds []float64
		var ax, am bool
		if x.needsGrad {
			dx, ax = grad(x)
		}
		if mean.needsGrad {
			dm, am = grad(mean)
		}
		if logVar.needsGrad {
			ds = logVar.g()
		}
		for i := range n {
			g := y.grad[i]
			ox, om, os := (i/gx.g)*x.cols, (i/gm.g)*mean.cols, (i/gs.g)*logVar.cols
			for j := range d {
				ix, im, is := ox+j*gx.cs, om+j*gm.cs, os+j*gs.cs
				r := x.val[ix] - mean.val[im]
				u := g * r * prec[is]
				switch {
				case ax:
					dx[ix] = -u
				case dx != nil:
					dx[ix] -= u
				}
				switch {
				case am:
					dm[im] = u
				case dm != nil:
					dm[im] += u
				}
				if ds != nil {
					ds[is] += 0.5 * (u*r - g)
				}
			}
		}
	}
	return y
}

// PoissonLogLikRows returns the n×1 column of Poisson log-probabilities of the counts under
// the rates λ,
//
//	yᵢ = Σⱼ [ kᵢⱼ log λᵢⱼ − λᵢⱼ − log Γ(kᵢⱼ + 1) ],
//
// with 0·log λ = 0. counts must be a constant (no gradient) of non-negative finite values;
// rates must be positive (add a small floor such as 1e-6 to a softplus link). Gradient:
// λ̄ = ḡ(k/λ − 1).
func (t *Tape) PoissonLogLikRows(counts, rate *Var) *Var {
	if !t.ok("PoissonLogLikRows", counts, rate) {
		return t.dead()
	}
	if counts.needsGrad {
		return t.failf("PoissonLogLikRows", "counts depend on a parameter; they must be data")
	}
	for k, c := range counts.val {
		if !(c >= 0) || math.IsInf(c, 0) {
			return t.failf("PoissonLogLikRows", "count %d is %v, want non-negative and finite", k, c)
		}
	}
	n, d, ok := t.rowGroups("PoissonLogLikRows", counts, rate)
	if !ok {
		return t.dead()
	}
	gk, gr := group(counts, n), group(rate, n)
	y := t.newVar(n, 1, counts, rate)
	for i := range n {
		s := 0.0
		bk, br := (i/gk.g)*counts.cols, (i/gr.g)*rate.cols
		for j := range d {
			k, l := counts.val[bk+j*gk.cs], rate.val[br+j*gr.cs]
			if !(l > 0) {
				return t.failf("PoissonLogLikRows", "rate at row %d, column %d is %v, want > 0", i, j, l)
			}
			lg, _ := math.Lgamma(k + 1)
			if k != 0 {
				s += k * math.Log(l)
			}
			s -= l + lg
		}
		y.val[i] = s
	}
	if !y.needsGrad {
		return y
	}
	y.back = func() {
		dr := rate.g()
		for i := range n {
			g := y.grad[i]
			bk, br := (i/gk.g)*counts.cols, (i/gr.g)*rate.cols
			for j := range d {
				ik, ir := bk+j*gk.cs, br+j*gr.cs
				dr[ir] += g * (counts.val[ik]/rate.val[ir] - 1)
			}
		}
	}
	return y
}
