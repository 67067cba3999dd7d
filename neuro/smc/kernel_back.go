package smc

import "math"

// backward adds the gradient of gout·J to gin (indexed by slot; nil where no gradient is
// needed). Ancestor indices are treated as constants: the biased VSMC gradient without the
// resampling score term.
func (k *kernel) backward(gout float64, gin [nSlots][]float64) {
	s := gout / float64(k.B*k.T)
	k.parallel(func(b int) {
		st := k.trials[b]
		for sl := range nSlots {
			if gin[sl] != nil && k.shared(sl) {
				st.g[sl] = grow(st.g[sl], len(gin[sl]))
			} else {
				st.g[sl] = nil
			}
		}
		k.backwardTrial(b, st, s, gin)
	})
	for b := range k.B {
		st := k.trials[b]
		for sl := range nSlots {
			if st.g[sl] != nil {
				addTo(gin[sl], st.g[sl])
			}
		}
	}
}

func addTo(dst, src []float64) {
	for i, x := range src {
		dst[i] += x
	}
}

// rowOf returns the row of a per-(trial, time) gradient input, or nil.
func rowOf(g []float64, row, width int) []float64 {
	if g == nil {
		return nil
	}
	return g[row*width : (row+1)*width]
}

func (k *kernel) backwardTrial(b int, st *trialState, s float64, gin [nSlots][]float64) {
	T, K, R, N := k.T, k.K, k.R, k.N
	a := k.v[sA][0]
	g := &st.g
	gz, gzp, gf := st.gz, st.gzp, st.gf
	clear(gz)
	if packed(R) {
		st.gpack = grow(st.gpack, packW*N)
		st.gsoa = grow(st.gsoa, 7*soaStride(N))
		defer func() { k.unpackGrads(st.gpack, st.gsoa, g) }()
	}
	for t := T - 1; t >= 0; t-- {
		row := b*T + t
		w := st.w[t*K : (t+1)*K]
		f := st.f[t*K*R : (t+1)*K*R]
		z := st.z[t*K*R : (t+1)*K*R]
		eps := st.eps[t*K*R : (t+1)*K*R]
		if k.prop == Encoder && k.obs == Poisson {
			k.encBackStep(t, row, f, eps, z, k.adjOf(st, t), gz, w, s, gf, st, gin)
		} else {
			if k.prop == Encoder {
				k.encBackRow(t, row, st.brow)
			}
			var adj []float64
			if k.poissonProp() {
				adj = k.adjOf(st, t)
			}
			for p := range K {
				var ap []float64
				if adj != nil {
					ap = adj[p*R : (p+1)*R]
				}
				k.proposeBack(t, row, f[p*R:(p+1)*R], eps[p*R:(p+1)*R], z[p*R:(p+1)*R], ap,
					gz[p*R:(p+1)*R], s*w[p], gf[p*R:(p+1)*R], st, gin)
			}
		}
		if t == 0 {
			if g[sMu0] != nil {
				for p := range K {
					for r := range R {
						g[sMu0][r] += gf[p*R+r]
					}
				}
			}
			break
		}
		clear(gzp)
		anc := st.anc[t*K : (t+1)*K]
		zprev := st.z[(t-1)*K*R : t*K*R]
		gcu := rowOf(gin[sCu], b*T+t-1, N)
		steps, keep := k.avxTrans(gcu == nil), k.keepC()
		if steps {
			st.tacc = reuse(st.tacc, 16*K)
			k.transBackSteps(zprev, anc, gf, gzp, st.gsoa, st.tacc)
		}
		if steps && N%4 == 0 {
			// The kernels covered every unit: only the decay's terms a·z remain (the sum into
			// ga in a register: through memory, each term would wait for the previous store).
			if ga := g[sA]; ga != nil {
				sa := ga[0]
				for p, ap := range anc {
					for r := range R {
						sa += gf[p*R+r] * zprev[int(ap)*R+r]
					}
				}
				ga[0] = sa
			}
			for p, ap := range anc {
				for r := range R {
					gzp[int(ap)*R+r] += a * gf[p*R+r]
				}
			}
		} else {
			for p := range K {
				ap := int(anc[p])
				var c []float64
				if keep {
					c = st.c[(t*K+p)*N : (t*K+p+1)*N]
				}
				k.transBack(a, zprev[ap*R:ap*R+R], c, gf[p*R:(p+1)*R], gzp[ap*R:ap*R+R], gcu, st.gpack, st.gsoa, g, steps)
			}
		}
		gz, gzp = gzp, gz
	}
	st.gz, st.gzp = gz, gzp
	if k.poissonProp() {
		k.addObsGrads(b, st, s, gin)
	}
}

// proposeBack propagates the gradients gzt (w.r.t. the sampled z) and glw (w.r.t. log w) of
// one particle to gf (w.r.t. its transition mean, overwritten) and to the batch inputs (adj:
// the particle's Poisson latent adjoint).
func (k *kernel) proposeBack(t, row int, f, eps, z, adj, gzt []float64, glw float64, gf []float64,
	st *trialState, gin [nSlots][]float64) {
	R := k.R
	g := &st.g
	switch k.prop {
	case Optimal:
		sP, sL, il := sP, sLp, 0
		if t == 0 {
			sP, sL, il = sP0, sLp0, 1
		}
		P, G, gd := k.v[sP], k.v[sG], k.v[sGd][row*R:(row+1)*R]
		tmp := st.tmp
		u, pg, wv := tmp[:R], tmp[R:2*R], tmp[2*R:3*R]
		for i := range R {
			gfi := 0.0
			for j := range R {
				gfi += G[i*R+j] * f[j]
			}
			u[i] = gd[i] - gfi
		}
		for i := range R {
			pgi, wvi := 0.0, 0.0
			for j := range R {
				pgi += P[j*R+i] * gzt[j]
				wvi += (P[i*R+j] + P[j*R+i]) * u[j]
			}
			pg[i], wv[i] = pgi, wvi
		}
		gm := -0.5 * glw
		if g[sLogDet] != nil {
			g[sLogDet][il] += gm
		}
		for i := range R {
			s := gzt[i] + gm*(-2*gd[i])
			for j := range R {
				s += -G[j*R+i]*pg[j] + gm*((G[i*R+j]+G[j*R+i])*f[j]+G[j*R+i]*wv[j])
			}
			gf[i] = s
		}
		if gg := rowOf(gin[sGd], row, R); gg != nil {
			for i := range R {
				gg[i] += pg[i] + gm*(-2*f[i]-wv[i])
			}
		}
		if gin[sYY] != nil {
			gin[sYY][row] += gm
		}
		if gG := g[sG]; gG != nil {
			for i := range R {
				for j := range R {
					gG[i*R+j] += gm*(f[i]*f[j]+wv[i]*f[j]) - pg[i]*f[j]
				}
			}
		}
		if gP := g[sP]; gP != nil {
			for i := range R {
				for j := range R {
					gP[i*R+j] += gzt[i]*u[j] - gm*u[i]*u[j]
				}
			}
		}
		if gL := g[sL]; gL != nil {
			for i := range R {
				for j := range R {
					gL[i*R+j] += gzt[i] * eps[j]
				}
			}
		}
	case Bootstrap:
		sL := sLz
		if t == 0 {
			sL = sL0
		}
		copy(gf, gzt)
		k.obsBack(z, adj, row, glw, gf, st, gin)
		if gL := g[sL]; gL != nil {
			for i := range R {
				for j := 0; j <= i; j++ {
					gL[i*R+j] += gf[i] * eps[j]
				}
			}
		}
	default:
		sZ := sIz
		if t == 0 {
			sZ = sI0
		}
		gzs := st.tmp[:R]
		copy(gzs, gzt)
		k.obsBack(z, adj, row, glw, gzs, st, gin)
		gme, gpe := rowOf(gin[sMue], row, R), rowOf(gin[sIe], row, R)
		for j := range R {
			var dZ, dme, dpe float64
			gf[j], dZ, dme, dpe = encBackLatent(st.brow[9*j:9*j+9], f[j], eps[j], z[j], gzs[j], glw)
			if g[sZ] != nil {
				g[sZ][j] += dZ
			}
			if gme != nil {
				gme[j] += dme
			}
			if gpe != nil {
				gpe[j] += dpe
			}
		}
	}
}

// encBackStep is proposeBack of the encoder proposal with Poisson observations for all K
// particles of step t (row of the batch): f, eps, z, adj (the latent adjoints Hᵀq), gz (the
// gradients w.r.t. the particles) and gf (overwritten) are K×R, w the normalised weights and s
// the output scale.
func (k *kernel) encBackStep(t, row int, f, eps, z, adj, gz, w []float64, s float64, gf []float64,
	st *trialState, gin [nSlots][]float64) {
	R := k.R
	k.encBackRow(t, row, st.brow)
	sZ := sIz
	if t == 0 {
		sZ = sI0
	}
	gZ := st.g[sZ]
	gme, gpe := rowOf(gin[sMue], row, R), rowOf(gin[sIe], row, R)
	if haveKern && R == 2 {
		k.encBackStep2(s, f, eps, z, adj, gz, w, gf, st, gZ, gme, gpe)
		return
	}
	for j := range R {
		c := st.brow[9*j : 9*j+9]
		var sz, sme, spe float64
		for p, wp := range w {
			o := p*R + j
			glw := s * wp
			var dZ, dme, dpe float64
			gf[o], dZ, dme, dpe = encBackLatent(c, f[o], eps[o], z[o], gz[o]+glw*adj[o], glw)
			sz, sme, spe = sz+dZ, sme+dme, spe+dpe
		}
		if gZ != nil {
			gZ[j] += sz
		}
		if gme != nil {
			gme[j] += sme
		}
		if gpe != nil {
			gpe[j] += spe
		}
	}
}

// encBackStep2 is encBackStep for rank 2 with AVX2: encBack2AVX runs pairs of particles (an
// odd last particle runs here), then the sums over particles go to gZ, gme and gpe.
func (k *kernel) encBackStep2(s float64, f, eps, z, adj, gz, w, gf []float64, st *trialState, gZ, gme, gpe []float64) {
	K := len(w)
	c := st.bvec[:40]
	for i, src := range [10]int{0, 2, 3, 4, 5, 6, 7, 8, -1, -2} {
		for l := range 4 {
			cj := st.brow[9*(l&1) : 9*(l&1)+9]
			switch src {
			case -1:
				c[4*i+l] = cj[2] * cj[5] // μ_e π_e/π
			case -2:
				c[4*i+l] = -0.5
			default:
				c[4*i+l] = cj[src]
			}
		}
	}
	var sums [6]float64
	if n := K / 2; n > 0 {
		encBack2AVX(n, s, &w[0], &f[0], &z[0], &eps[0], &gz[0], &adj[0], &gf[0], &c[0], &sums[0])
	}
	for p := K &^ 1; p < K; p++ {
		glw := s * w[p]
		for j := range 2 {
			o := 2*p + j
			var dZ, dme, dpe float64
			gf[o], dZ, dme, dpe = encBackLatent(st.brow[9*j:9*j+9], f[o], eps[o], z[o], gz[o]+glw*adj[o], glw)
			sums[j] += dZ
			sums[2+j] += dme
			sums[4+j] += dpe
		}
	}
	for j := range 2 {
		if gZ != nil {
			gZ[j] += sums[j]
		}
		if gme != nil {
			gme[j] += sums[2+j]
		}
		if gpe != nil {
			gpe[j] += sums[4+j]
		}
	}
}

// encBackLatent is the encoder proposal's backward pass for one latent of one particle. From the
// step constants c (see encBackRow), the transition mean f, noise eps and sample z, the gradient
// g reaching z from later steps and the observation, and the weight's gradient glw, it returns
// ∂/∂f and the contributions to the gradients of π_z, μ_e and π_e.
func encBackLatent(c []float64, f, eps, z, g, glw float64) (gf, dZ, dme, dpe float64) {
	pz, me, ipi, wz, we, ds, cz, hpi := c[0], c[2], c[3], c[4], c[5], c[6], c[7], c[8]
	m := f*wz + me*we
	d := z - f
	gz := g - glw*pz*d
	gs := gz * eps
	return gz*wz + glw*pz*d, gz*(f-m)*ipi + gs*ds + glw*(-0.5*d*d+cz), gz * we, gz*(me-m)*ipi + gs*ds - glw*hpi
}

// encBackRow sets c to the per-latent constants of the encoder proposal's backward pass at step
// t (row of the batch): π_z, π_e, μ_e, 1/π, π_z/π, π_e/π, −½π^{−3/2}, ½/π_z − ½/π, ½/π.
func (k *kernel) encBackRow(t, row int, c []float64) {
	R := k.R
	pz, pe, me := k.v[sIz], k.v[sIe][row*R:(row+1)*R], k.v[sMue][row*R:(row+1)*R]
	if t == 0 {
		pz = k.v[sI0]
	}
	for j := range R {
		pi := pz[j] + pe[j]
		cj := c[9*j : 9*j+9]
		cj[0], cj[1], cj[2], cj[3] = pz[j], pe[j], me[j], 1/pi
		cj[4], cj[5], cj[6] = pz[j]/pi, pe[j]/pi, -0.5/(pi*math.Sqrt(pi))
		cj[7], cj[8] = 0.5/pz[j]-0.5/pi, 0.5/pi
	}
}

// obsBack adds gl·∂ log p(x_row | z)/∂z to gz: for Poisson gl·adj (adj = Hᵀq, the readout
// gradients were accumulated in forward), for Gaussian the direct gradient, with the readout
// gradients added to the accumulators.
func (k *kernel) obsBack(z, adj []float64, row int, gl float64, gz []float64, st *trialState, gin [nSlots][]float64) {
	Dx, R := k.Dx, k.R
	if k.obs == Poisson {
		for r, a := range adj[:R] {
			gz[r] += gl * a
		}
		return
	}
	Hm, off := k.v[sHm], k.v[sOff]
	g := &st.g
	goff := g[sOff]
	if len(off) != Dx {
		off = off[row*Dx : (row+1)*Dx]
		goff = rowOf(gin[sOff], row, Dx)
	}
	x := k.x[row*Dx : (row+1)*Dx]
	ri := k.v[sRinv]
	if g[sLc] != nil {
		g[sLc][0] += gl
	}
	for i := range Dx {
		e := off[i]
		hi := Hm[i*R : i*R+R]
		for r, zr := range z {
			e += hi[r] * zr
		}
		d := x[i] - e
		ge := gl * ri[i] * d
		if g[sRinv] != nil {
			g[sRinv][i] -= 0.5 * gl * d * d
		}
		for r := range R {
			gz[r] += hi[r] * ge
		}
		if g[sHm] != nil {
			gh := g[sHm][i*R : i*R+R]
			for r, zr := range z {
				gh[r] += ge * zr
			}
		}
		if goff != nil {
			goff[i] += ge
		}
	}
}
