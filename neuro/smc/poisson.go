package smc

import "math"

// The Poisson likelihood of the Bootstrap and Encoder proposals. With the biased VSMC gradient
// (ancestors and resampling treated as constants) ∂J/∂ log w_t^p is the normalised weight w̄_t^p
// times the output scale, so the readout gradients of step t's likelihood are
// Σ_p w̄_t^p q_{t,p,i} z_{t,p} (H) and Σ_p w̄_t^p q_{t,p,i} (offset), and particle p's latent
// receives w̄_t^p Hᵀq_{t,p}. The forward pass accumulates them while q is in cache (accumObs,
// without the output scale); the backward pass scales them (addObsGrads) and propagates only
// the latent adjoints.

// indexSpikes lists the channels with nonzero counts of every row of k.x.
func (k *kernel) indexSpikes() {
	rows := len(k.x) / k.Dx
	if cap(k.spkOff) < rows+1 {
		k.spkOff = make([]int32, rows+1)
	}
	k.spkOff = k.spkOff[:rows+1]
	k.spk = k.spk[:0]
	for r := range rows {
		k.spkOff[r] = int32(len(k.spk))
		for i, xi := range k.x[r*k.Dx : (r+1)*k.Dx] {
			if xi != 0 {
				k.spk = append(k.spk, int32(i))
			}
		}
	}
	k.spkOff[rows] = int32(len(k.spk))
}

// poissonStep adds log p(x_row | z_p) (up to lcc) to lw[p] for the K = len(lw) particles z
// (K×R) of step t, stores the rates in st.lam, the derivatives ∂/∂η in st.q and the latent
// adjoints Hᵀq in adjOf(st, t). The softplus link of rank 2 and 3 runs the channels in blocks
// of four through the fused poissonSoftplus2AVX or poissonSoftplus3AVX where available (a
// particle with some |η_i| > 700 falls back), or all channels through poissonSoftplus2AVX512 or
// poissonSoftplus3AVX512 where AVX-512 is available; the remaining channels run in
// poissonRates, the spiking channels in poissonSpikes.
func (k *kernel) poissonStep(t, row int, z, lw []float64, st *trialState) {
	Dx, R, K := k.Dx, k.R, len(lw)
	off := k.v[sOff]
	if len(off) != Dx {
		off = off[row*Dx : (row+1)*Dx]
	}
	lc := 0.0
	if k.lcc != nil {
		lc = k.lcc[row]
	}
	adj := k.adjOf(st, t)
	Hm := k.v[sHm][:Dx*R]
	i0 := 0
	if k.fused() {
		i0 = Dx &^ 3
		fn := poissonSoftplus2AVX
		if R == 3 {
			fn = poissonSoftplus3AVX
		}
		if have512 {
			i0, fn = Dx, poissonSoftplus2AVX512
			if R == 3 {
				fn = poissonSoftplus3AVX512
			}
		}
		fn(&k.hsoa[0], Dx, &z[0], K, &off[0], &st.lam[0], &st.q[0], i0, Dx, &adj[0], &st.psum[0], &st.pbad[0])
	}
	for p := range K {
		zp, q, a, lam := z[p*R:(p+1)*R], st.q[p*Dx:(p+1)*Dx], adj[p*R:(p+1)*R], st.lam[p*Dx:(p+1)*Dx]
		if i0 == 0 || st.pbad[p] != 0 {
			lw[p] += lc + k.poissonRates(zp, off, q, lam, st.lbuf, 0)
			k.adjoint(q, a)
			continue
		}
		ll := -st.psum[p]
		if i0 < Dx {
			ll += k.poissonRates(zp, off, q, lam, st.lbuf, i0)
			for i := i0; i < Dx; i++ {
				for r, h := range Hm[i*R : i*R+R] {
					a[r] += h * q[i]
				}
			}
		}
		lw[p] += lc + ll
	}
	var ga []float64
	if !k.noGrad {
		ga = adj
	}
	k.poissonSpikes(row, st, ga, lw, !k.noGrad)
}

// poissonSpikes completes the likelihoods of the K = len(lw) particles of one step (row of k.x)
// with the spiking channels: it adds Σ_i x_i log λ_i to lw and, with grad, turns q_i = −λ'_i
// into (x_i/λ_i − 1) λ'_i and updates the adjoints Hᵀq (K×R), from the rates st.lam and
// derivatives st.q (K×Dx). Rank 2 with gradients runs poissonSpikes2AVX where available (an
// AVX-512 version measured only 5 % faster);
// otherwise the logarithms of all particles run in one vector pass.
func (k *kernel) poissonSpikes(row int, st *trialState, adj, lw []float64, grad bool) {
	spk := k.spk[k.spkOff[row]:k.spkOff[row+1]]
	ns := len(spk)
	if ns == 0 {
		return
	}
	Dx, R, K := k.Dx, k.R, len(lw)
	Hm, x := k.v[sHm][:Dx*R], k.x[row*Dx:(row+1)*Dx]
	lam, q := st.lam, st.q
	if haveKern && grad && R == 2 {
		// Padded to a multiple of 4 with channel spk[0] and zero counts and readouts.
		n4 := (ns + 3) &^ 3
		if cap(st.spkIdx) < n4 {
			st.spkIdx = make([]int32, n4)
		}
		idx := st.spkIdx[:n4]
		buf := grow(st.spkBuf, 3*n4)
		st.spkBuf = buf
		xs, h0, h1 := buf[:n4], buf[n4:2*n4], buf[2*n4:]
		for j := range n4 {
			idx[j] = spk[0]
		}
		for j, i := range spk {
			idx[j], xs[j], h0[j], h1[j] = i, x[i], Hm[2*i], Hm[2*i+1]
		}
		poissonSpikes2AVX(&lam[0], &q[0], Dx, K, &idx[0], n4, ns, &xs[0], &h0[0], &h1[0], &lw[0], &adj[0])
		return
	}
	lg := st.lg[:K*ns]
	for p := range K {
		lp, l := lg[p*ns:(p+1)*ns], lam[p*Dx:(p+1)*Dx]
		for j, i := range spk {
			lp[j] = l[i]
		}
	}
	logInto(lg, lg)
	for p := range K {
		s := 0.0
		for j, i := range spk {
			s += x[i] * lg[p*ns+j]
		}
		lw[p] += s
	}
	if !grad {
		return
	}
	// q_i ← (x_i/λ_i − 1) λ'_i = q_i + d with d = −x_i q_i/λ_i; Hᵀq += H_i d.
	for p := range K {
		qp, l, a := q[p*Dx:(p+1)*Dx], lam[p*Dx:(p+1)*Dx], adj[p*R:(p+1)*R]
		if R == 2 {
			a0, a1 := a[0], a[1]
			for _, i := range spk {
				qo := qp[i]
				d := -x[i] * qo / l[i]
				qp[i] = qo + d
				a0 += Hm[2*i] * d
				a1 += Hm[2*i+1] * d
			}
			a[0], a[1] = a0, a1
			continue
		}
		for _, i := range spk {
			qo := qp[i]
			d := -x[i] * qo / l[i]
			qp[i] = qo + d
			for r, h := range Hm[int(i)*R : int(i)*R+R] {
				a[r] += h * d
			}
		}
	}
}

// packReadout fills k.hsoa for the fused softplus kernels.
func (k *kernel) packReadout() {
	k.hsoa = grow(k.hsoa, 3*k.Dx)
	for i := range k.Dx {
		for r := range k.R {
			k.hsoa[r*k.Dx+i] = k.v[sHm][i*k.R+r]
		}
	}
}

// fused reports whether poissonStep runs a fused softplus kernel.
func (k *kernel) fused() bool {
	return haveKern && k.link == Softplus && packed(k.R) && (k.Dx >= 4 || have512)
}

// poissonRates sets, for the channels i ≥ i0, lam_i = λ_i and q_i = −λ'(η_i), and returns
// −Σ_i λ_i (buf: 2·Dx scratch).
func (k *kernel) poissonRates(z, off, q, lam, buf []float64, i0 int) float64 {
	Dx, R := k.Dx, k.R
	Hm := k.v[sHm][i0*R : Dx*R]
	eta, ex, lg := lam[i0:Dx], buf[i0:Dx], buf[Dx+i0:2*Dx]
	q, off = q[i0:Dx], off[i0:Dx]
	switch R {
	case 2:
		z0, z1 := z[0], z[1]
		for i := range eta {
			eta[i] = off[i] + Hm[2*i]*z0 + Hm[2*i+1]*z1
		}
	case 3:
		z0, z1, z2 := z[0], z[1], z[2]
		for i := range eta {
			eta[i] = off[i] + Hm[3*i]*z0 + Hm[3*i+1]*z1 + Hm[3*i+2]*z2
		}
	default:
		for i := range eta {
			e := off[i]
			hi := Hm[i*R : i*R+R]
			for r, zr := range z {
				e += hi[r] * zr
			}
			eta[i] = e
		}
	}
	ll := 0.0
	if k.link == ExpLink {
		expInto(ex, eta)
		for i, t := range ex {
			eta[i] = t + 1e-10
			q[i] = -t
			ll -= eta[i]
		}
		return ll
	}
	// softplus(η) = max(η, 0) + log1p t, σ(η) = (η < 0 ? t : 1)/(1 + t), t = exp(−|η|);
	// log1p t = log u + (t − (u − 1))/u with u = 1 + t rounded.
	for i, e := range eta {
		ex[i] = -math.Abs(e)
	}
	expInto(ex, ex)
	for i, t := range ex {
		lg[i] = 1 + t
	}
	logInto(lg, lg)
	n := len(eta)
	j0 := 0
	if haveKern && n >= 4 {
		j0 = n &^ 3
		ll -= softplusAVX(&eta[0], &ex[0], &lg[0], &q[0], j0)
	}
	for i := j0; i < n; i++ {
		t, e := ex[i], eta[i]
		u := 1 + t
		v := 1 / u
		lp := lg[i] + (t-(u-1))*v                       // log1p t: log u plus the rounding error of u
		neg := uint64(int64(math.Float64bits(e)) >> 63) // all ones when the sign bit is set
		num := math.Float64frombits(neg&math.Float64bits(t) | ^neg&math.Float64bits(1))
		lam := e*step(e) + lp + 1e-6
		eta[i] = lam
		q[i] = -(num * v)
		ll -= lam
	}
	return ll
}

// adjoint sets adj = Hᵀq.
func (k *kernel) adjoint(q, adj []float64) {
	Dx, R := k.Dx, k.R
	Hm := k.v[sHm][:Dx*R]
	q, adj = q[:Dx], adj[:R]
	if R == 2 {
		a0, a1 := 0.0, 0.0
		for i, qi := range q {
			a0 += Hm[2*i] * qi
			a1 += Hm[2*i+1] * qi
		}
		adj[0], adj[1] = a0, a1
		return
	}
	clear(adj)
	for i, qi := range q {
		for r, h := range Hm[i*R : i*R+R] {
			adj[r] += h * qi
		}
	}
}

// linkOf returns the rate and its derivative at the pre-activation e. Softplus uses
// max(e, 0) + log1p(exp(−|e|)) with one exponential.
func linkOf(l Link, e float64) (lam, dlam float64) {
	if l == ExpLink {
		x := math.Exp(e)
		return x + 1e-10, x
	}
	t := math.Exp(-math.Abs(e))
	lp := math.Log1p(t)
	sg := 1 / (1 + t)
	if e < 0 {
		sg = t * sg
	}
	return max(e, 0) + lp + 1e-6, sg
}

// accumObs adds step t's readout gradients Σ_p w_p q_p (offset, st.gOff) and Σ_p w_p q_p z_pᵀ
// (H, column-wise in st.gHs) to the trial's accumulators (w: the normalised weights, z: the
// particles, st.q: their derivatives). Ranks 2 and 3 form the coefficients (w_p, w_p z_p) and
// run four channels at a time in poissonAccumAVX where available.
func (k *kernel) accumObs(st *trialState, t int, w, z []float64) {
	Dx, R, K := k.Dx, k.R, k.K
	gOff := st.gOff[t*Dx : (t+1)*Dx]
	if !packed(R) {
		for p, wp := range w {
			q, zp := st.q[p*Dx:(p+1)*Dx], z[p*R:(p+1)*R]
			for i, qi := range q {
				gOff[i] += wp * qi
			}
			for r, zr := range zp {
				c, gh := wp*zr, st.gHs[r*Dx:(r+1)*Dx]
				for i, qi := range q {
					gh[i] += c * qi
				}
			}
		}
		return
	}
	c := st.coef[:4*K]
	for p, wp := range w {
		c[4*p], c[4*p+1], c[4*p+2], c[4*p+3] = wp, wp*z[p*R], wp*z[p*R+1], 0
		if R == 3 {
			c[4*p+3] = wp * z[p*R+2]
		}
	}
	g0, g1, g2 := st.gHs[:Dx], st.gHs[Dx:2*Dx], st.gHs[2*Dx:3*Dx]
	i0 := 0
	if haveKern && Dx >= 4 {
		i0 = Dx &^ 3
		poissonAccumAVX(&st.q[0], Dx, &c[0], K, i0, &gOff[0], &g0[0], &g1[0], &g2[0])
	}
	for i := i0; i < Dx; i++ {
		a0, a1, a2, a3 := gOff[i], g0[i], g1[i], g2[i]
		for p := range K {
			qi := st.q[p*Dx+i]
			a0 += c[4*p] * qi
			a1 += c[4*p+1] * qi
			a2 += c[4*p+2] * qi
			a3 += c[4*p+3] * qi
		}
		gOff[i], g0[i], g1[i], g2[i] = a0, a1, a2, a3
	}
}

// addObsGrads adds s times the forward-accumulated readout gradients of trial b to the H and
// offset accumulators (a per-row offset to its rows of gin).
func (k *kernel) addObsGrads(b int, st *trialState, s float64, gin [nSlots][]float64) {
	Dx := k.Dx
	if gh := st.g[sHm]; gh != nil {
		R := k.R
		for r := range R {
			for i, v := range st.gHs[r*Dx : (r+1)*Dx] {
				gh[i*R+r] += s * v
			}
		}
	}
	goff := st.g[sOff]
	if len(k.v[sOff]) != Dx {
		goff = gin[sOff]
		if goff != nil {
			goff = goff[b*k.T*Dx : (b+1)*k.T*Dx]
			for i, v := range st.gOff[:k.T*Dx] {
				goff[i] += s * v
			}
		}
		return
	}
	if goff != nil {
		for t := range k.T {
			for i, v := range st.gOff[t*Dx : (t+1)*Dx] {
				goff[i] += s * v
			}
		}
	}
}
