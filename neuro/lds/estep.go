package lds

import (
	"gonum.org/v1/gonum/mat"
)

// The M-step regresses y(t) on ξ(t) = [x(t); u(t); 1] (inputs and offset only when the model has
// them) and x(t+1) on ζ(t) = [x(t); u(t)], using expectations under the smoothed posterior
// (Shumway & Stoffer 1982; Ghahramani & Hinton 1996):
//
//	Φ  = Σ_t E[ξ ξᵀ],  Ψ  = Σ_t E[y ξᵀ],  Φd = Σ_{t<T−1} E[ζ ζᵀ],  Ψd = Σ_{t<T−1} E[x(t+1) ζᵀ],
//	S11 = Σ_{t≥1} E[x xᵀ].
//
// With diagonal R, a missing entry y_i(t) simply drops step t from channel i's regression, so
// each channel has its own Φ_i = Φ − Σ_{t: y_i(t) missing} E[ξ ξᵀ]. With full R the channels are
// coupled and the missing entries are treated as latent too: they enter Ψ and Syy through their
// conditional mean and covariance given x(t) and the observed entries of y(t).

// emData is the data-only part of the statistics, computed once per fit.
type emData struct {
	n, p, m  int
	offset   bool         // the model has an estimated or fixed offset column in ξ
	y0T      []*mat.Dense // transposed data (p×T) with missing entries set to 0
	missing  [][][]int    // per trial, per step, the missing channels (nil if none)
	syy      []float64    // diagonal R: Σ_t y_i(t)² over observed entries
	syyFull  *mat.Dense   // full R: Σ_t y yᵀ over the trials without missing entries
	nobs     []float64    // observed steps per channel
	rfloor   []float64    // diagonal R: lower bound per channel (MinVarFrac × variance)
	steps    float64      // Σ_k T_k
	dynSteps float64      // Σ_k (T_k − 1)
	anyMiss  bool
}

// stats are the posterior sums of one E-step.
type stats struct {
	k               int          // len(ξ)
	phi             *mat.Dense   // k×k
	psi             *mat.Dense   // p×k
	phiMiss         []*mat.Dense // diagonal R with missing data: per-channel Σ over missing steps of E[ξξᵀ]
	syy             *mat.Dense   // full R with missing data: Σ E[y yᵀ]
	phiD, psiD, s11 *mat.Dense
	m0, ps0         *mat.Dense  // Σ_k m_k(0) (n×1) and Σ_k cov(x_k(0) | data)
	m0list          [][]float64 // m_k(0) per trial, in trial order
	trials          int
	ll              float64
}

func (ed *emData) newStats(fullR bool) *stats {
	n, p, m := ed.n, ed.p, ed.m
	k := n + m
	if ed.offset {
		k++
	}
	s := &stats{k: k, phi: mat.NewDense(k, k, nil), psi: mat.NewDense(p, k, nil),
		phiD: mat.NewDense(n+m, n+m, nil), psiD: mat.NewDense(n, n+m, nil), s11: mat.NewDense(n, n, nil),
		m0: mat.NewDense(n, 1, nil), ps0: mat.NewDense(n, n, nil)}
	if ed.anyMiss && !fullR {
		s.phiMiss = make([]*mat.Dense, p)
		for i := range s.phiMiss {
			s.phiMiss[i] = mat.NewDense(k, k, nil)
		}
	}
	if ed.anyMiss && fullR {
		s.syy = mat.NewDense(p, p, nil)
	}
	return s
}

func (s *stats) add(o *stats) {
	for _, pair := range [][2]*mat.Dense{{s.phi, o.phi}, {s.psi, o.psi}, {s.phiD, o.phiD}, {s.psiD, o.psiD},
		{s.s11, o.s11}, {s.m0, o.m0}, {s.ps0, o.ps0}, {s.syy, o.syy}} {
		if pair[0] != nil {
			pair[0].Add(pair[0], pair[1])
		}
	}
	for i, pm := range s.phiMiss {
		pm.Add(pm, o.phiMiss[i])
	}
	s.m0list = append(s.m0list, o.m0list...)
	s.trials += o.trials
	s.ll += o.ll
}

// accumulate adds one trial's posterior to s. u is the trial's inputs (nil without), k its index.
func (ed *emData) accumulate(s *stats, md *Model, post *trialPost, u *mat.Dense, k int, miss *missImputer) {
	n, m := ed.n, ed.m
	T := post.tr.T
	kx := s.k
	// Ξ = [ms, u, 1] (T×k).
	xi := mat.NewDense(T, kx, nil)
	for t := range T {
		row := xi.RawRowView(t)
		copy(row, post.ms[t*n:(t+1)*n])
		if m > 0 {
			copy(row[n:n+m], u.RawRowView(t))
		}
		if ed.offset {
			row[n+m] = 1
		}
	}
	// Σ Ps over all steps, without the last and without the first (run-length over shared steps).
	sumPs := mat.NewDense(n, n, nil)
	var prev *mat.Dense
	run := 0.0
	for _, b := range post.bs {
		if b.ps != prev {
			if prev != nil {
				addBlock(sumPs, 0, 0, prev, run)
			}
			prev, run = b.ps, 0
		}
		run++
	}
	addBlock(sumPs, 0, 0, prev, run)
	psFirst, psLast := post.bs[0].ps, post.bs[T-1].ps

	var xtx mat.Dense
	xtx.Mul(xi.T(), xi)
	s.phi.Add(s.phi, &xtx)
	addBlock(s.phi, 0, 0, sumPs, 1)

	// Dynamics: ζ(t) = Ξ[t, :n+m] for t < T−1.
	if T > 1 {
		zeta := xi.Slice(0, T-1, 0, n+m)
		next := xi.Slice(1, T, 0, n)
		var zz, xz, xx mat.Dense
		zz.Mul(zeta.T(), zeta)
		s.phiD.Add(s.phiD, &zz)
		addBlock(s.phiD, 0, 0, sumPs, 1)
		addBlock(s.phiD, 0, 0, psLast, -1)
		xz.Mul(next.T(), zeta)
		s.psiD.Add(s.psiD, &xz)
		prev, run = nil, 0
		sumCC := mat.NewDense(n, n, nil)
		for _, b := range post.bs[:T-1] {
			if b.cc != prev {
				if prev != nil {
					addBlock(sumCC, 0, 0, prev, run)
				}
				prev, run = b.cc, 0
			}
			run++
		}
		addBlock(sumCC, 0, 0, prev, run)
		addBlock(s.psiD, 0, 0, sumCC, 1)
		xx.Mul(next.T(), next)
		s.s11.Add(s.s11, &xx)
		addBlock(s.s11, 0, 0, sumPs, 1)
		addBlock(s.s11, 0, 0, psFirst, -1)
	}
	// Initial state.
	for i := range n {
		s.m0.Set(i, 0, s.m0.At(i, 0)+post.ms[i])
	}
	addBlock(s.ps0, 0, 0, psFirst, 1)
	s.m0list = append(s.m0list, append([]float64(nil), post.ms[:n]...))
	s.trials++
	s.ll += post.ll

	// Emission cross-moments.
	yT := ed.y0T[k]
	if miss != nil && ed.missing[k] != nil {
		yT = mat.DenseCopyOf(miss.impute(s, post, u, ed.missing[k], xi).T())
	}
	xiT := mat.DenseCopyOf(xi.T())
	var yx mat.Dense // yᵀ Ξ as dot products along time, the long dimension
	yx.Mul(yT, xiT.T())
	s.psi.Add(s.psi, &yx)
	if s.phiMiss != nil && ed.missing[k] != nil {
		exx := mat.NewDense(kx, kx, nil)
		for t, mis := range ed.missing[k] {
			if len(mis) == 0 {
				continue
			}
			row := xi.RawRowView(t)
			for a := range kx {
				for b := range kx {
					exx.Set(a, b, row[a]*row[b])
				}
			}
			addBlock(exx, 0, 0, post.bs[t].ps, 1)
			ed := exx.RawMatrix().Data
			for _, i := range mis {
				pm := s.phiMiss[i].RawMatrix().Data
				for a, v := range ed {
					pm[a] += v
				}
			}
		}
	}
}

// addBlock adds scale·b to the block of a starting at (r0, c0).
func addBlock(a *mat.Dense, r0, c0 int, b mat.Matrix, scale float64) {
	r, c := b.Dims()
	for i := range r {
		for j := range c {
			a.Set(r0+i, c0+j, a.At(r0+i, c0+j)+scale*b.At(i, j))
		}
	}
}

// missImputer fills missing entries for the full-R M-step: given x(t) and the observed entries
// o, y_m = F x + g + ε with F = C_m − K C_o, K = R_mo R_oo⁻¹, cov ε = R_mm − K R_om.
type missImputer struct {
	md    *Model
	cache map[string]*imputePattern
}

type imputePattern struct {
	obs, mis []int
	f        *mat.Dense // |m|×n
	k        *mat.Dense // |m|×|o|
	rcond    *mat.Dense // |m|×|m|
}

func (mi *missImputer) pattern(mis []int) *imputePattern {
	key := make([]byte, 0, 4*len(mis))
	for _, i := range mis {
		key = append(key, byte(i), byte(i>>8), byte(i>>16), byte(i>>24))
	}
	if ip, ok := mi.cache[string(key)]; ok {
		return ip
	}
	md := mi.md
	_, p, _ := md.Dims()
	isMis := make([]bool, p)
	for _, i := range mis {
		isMis[i] = true
	}
	var obs []int
	for i := range p {
		if !isMis[i] {
			obs = append(obs, i)
		}
	}
	ip := &imputePattern{obs: obs, mis: mis}
	sub := func(rows, cols []int) *mat.Dense {
		d := mat.NewDense(max(len(rows), 1), max(len(cols), 1), nil)
		for a, i := range rows {
			for b, j := range cols {
				d.Set(a, b, md.R.At(i, j))
			}
		}
		return d
	}
	n, _, _ := md.Dims()
	cm := mat.NewDense(len(mis), n, nil)
	for a, i := range mis {
		cm.SetRow(a, md.C.RawRowView(i))
	}
	ip.rcond = sub(mis, mis)
	if len(obs) == 0 {
		ip.f = cm
		return ip
	}
	roo := mat.NewSymDense(len(obs), nil)
	for a, i := range obs {
		for b := a; b < len(obs); b++ {
			roo.SetSym(a, b, md.R.At(i, obs[b]))
		}
	}
	var ch mat.Cholesky
	ch.Factorize(roo) // R is positive definite (validated), so is every principal block
	var kt mat.Dense
	_ = ch.SolveTo(&kt, sub(obs, mis))
	ip.k = mat.DenseCopyOf(kt.T())
	co := mat.NewDense(len(obs), n, nil)
	for a, i := range obs {
		co.SetRow(a, md.C.RawRowView(i))
	}
	var kc mat.Dense
	kc.Mul(ip.k, co)
	ip.f = mat.NewDense(len(mis), n, nil)
	ip.f.Sub(cm, &kc)
	var kr mat.Dense
	kr.Mul(ip.k, sub(obs, mis))
	ip.rcond.Sub(ip.rcond, &kr)
	mi.cache[string(key)] = ip
	return ip
}

// impute returns the trial's data with missing entries replaced by their conditional means and
// adds Σ_t E[y yᵀ] (and the covariance part of E[y ξᵀ]) to s.
func (mi *missImputer) impute(s *stats, post *trialPost, u *mat.Dense, missing [][]int, xi *mat.Dense) *mat.Dense {
	md := mi.md
	n, p, _ := md.Dims()
	T := post.tr.T
	d := md.offset()
	y := mat.NewDense(T, p, nil)
	for t := range T {
		row := y.RawRowView(t)
		copy(row, post.tr.yc.RawRowView(t)) // centred: y − d − D u
		mis := missing[t]
		if len(mis) > 0 {
			ip := mi.pattern(mis)
			x := post.ms[t*n : (t+1)*n]
			ps := post.bs[t].ps
			for a, i := range mis {
				v := dot(ip.f.RawRowView(a), x)
				if ip.k != nil {
					for b, j := range ip.obs {
						v += ip.k.At(a, b) * row[j]
					}
				}
				row[i] = v
			}
			// Covariance parts: cov(y_m, x) = F Ps, cov(y_m) = F Ps Fᵀ + R_m|o.
			var fp, fpf mat.Dense
			fp.Mul(ip.f, ps)
			fpf.Mul(&fp, ip.f.T())
			for a, i := range mis {
				for b := range n {
					s.psi.Set(i, b, s.psi.At(i, b)+fp.At(a, b))
				}
				for b, j := range mis {
					s.syy.Set(i, j, s.syy.At(i, j)+fpf.At(a, b)+ip.rcond.At(a, b))
				}
			}
		}
		// Un-centre.
		for i := range p {
			row[i] += d[i]
		}
		if md.D != nil && u != nil {
			ut := u.RawRowView(t)
			for i := range p {
				row[i] += dot(md.D.RawRowView(i), ut)
			}
		}
	}
	var yy mat.Dense
	yy.Mul(y.T(), y)
	s.syy.Add(s.syy, &yy)
	return y
}
