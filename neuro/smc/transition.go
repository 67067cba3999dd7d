package smc

import "math"

// actClip and actReLU return φ(c; h), ∂φ/∂c and ∂φ/∂h without data-dependent branches (a kink
// itself counts as its right side; it has measure zero).
func actClip(c, h float64) (ph, dc, dh float64) {
	s1, s2 := step(c+h), step(c)
	return s1*(c+h) - s2*c, s1 - s2, s1
}

func actReLU(c, h float64) (ph, dc, dh float64) {
	st := step(c - h)
	return st * (c - h), st, -st
}

// step returns 1 for x ≥ +0 and 0 for negative x (from the sign bit).
func step(x float64) float64 { return float64(int64(^math.Float64bits(x) >> 63)) }

// transFwd computes the currents c = M z + cur (cur may be nil) and the transition mean
// f = a z + N_w φ(c; h) of one particle (k.nwT is N_w transposed, N×R; k.pack the packed weights).
func (k *kernel) transFwd(a float64, z, cur, c, f []float64) {
	N, R := k.N, k.R
	M, h := k.v[sM], k.v[sH]
	clip := k.phi == ClippedReLU
	if packed(R) {
		// Rank 2 runs as rank 3 with a zero third latent (its packed slots 2 and 5 are zero).
		var z2 float64
		if R == 3 {
			z2 = z[2]
		}
		z0, z1 := z[0], z[1]
		f0, f1, f2 := a*z0, a*z1, a*z2
		pk, c := k.pack[:packW*N], c[:N]
		i0 := 0
		if k.avxTrans(cur == nil) {
			// Units in blocks of four on the structure-of-arrays weights.
			i0 = N &^ 3
			var s [3]float64
			var a0 int32
			if R == 2 {
				trans2FwdReLUAVX(&k.soa[0], i0, soaStride(N), &z[0], &a0, 1, &c[0], 0, &s[0])
			} else {
				trans3FwdAVX(&k.soa[0], i0, soaStride(N), &z[0], &a0, 1, &c[0], 0, &s[0])
			}
			f0, f1, f2 = f0+s[0], f1+s[1], f2+s[2]
		}
		for i := i0; i < N; i++ {
			u := pk[packW*i : packW*i+packW]
			s := u[0]*z0 + u[1]*z1 + u[2]*z2
			if cur != nil {
				s += cur[i]
			}
			c[i] = s
			var ph float64
			if clip {
				ph, _, _ = actClip(s, u[6])
			} else {
				ph, _, _ = actReLU(s, u[6])
			}
			f0 += u[3] * ph
			f1 += u[4] * ph
			f2 += u[5] * ph
		}
		f[0], f[1] = f0, f1
		if R == 3 {
			f[2] = f2
		}
		return
	}
	z = z[:R]
	for r := range R {
		f[r] = a * z[r]
	}
	for i := range N {
		mi := M[i*R : i*R+R]
		s := 0.0
		if cur != nil {
			s = cur[i]
		}
		for r, zr := range z {
			s += mi[r] * zr
		}
		c[i] = s
		var ph float64
		if clip {
			ph, _, _ = actClip(s, h[i])
		} else {
			ph, _, _ = actReLU(s, h[i])
		}
		ni := k.nwT[i*R : i*R+R]
		for r, nv := range ni {
			f[r] += nv * ph
		}
	}
}

// transBack adds the gradients of the transition given gf = ∂J/∂f: into the decay, M, N_w and
// h accumulators (g), into gcu (the input currents, may be nil) and gz (the previous state).
// For R = 2, 3 the M, N_w and h gradients go to gpack (N×packW, see packW), for the units of
// the AVX2 kernels to gsoa (layout of k.soa). With avxDone the caller has run the AVX2 kernel
// over units 0 … N&^3 − 1 already (see transBackSteps); transBack does the rest. c holds the
// stored currents, or is nil when they are recomputed from z (no input currents, R = 2, 3).
func (k *kernel) transBack(a float64, z, c, gf, gz, gcu, gpack, gsoa []float64, g *[nSlots][]float64, avxDone bool) {
	N, R := k.N, k.R
	M, nwT, h := k.v[sM], k.nwT, k.v[sH]
	gM, gNw, gH := g[sM], g[sNw], g[sH]
	clip := k.phi == ClippedReLU
	if g[sA] != nil {
		for r := range R {
			g[sA][0] += gf[r] * z[r]
		}
	}
	if packed(R) {
		// Rank 2 runs as rank 3 with a zero third latent (its packed slots 2 and 5 are zero).
		var z2, g2 float64
		if R == 3 {
			z2, g2 = z[2], gf[2]
		}
		z0, z1, g0, g1 := z[0], z[1], gf[0], gf[1]
		gz0, gz1, gz2 := a*g0, a*g1, a*g2
		pk, gp := k.pack[:packW*N], gpack[:packW*N]
		i0 := 0
		if avxDone {
			i0 = N &^ 3
		}
		for i := i0; i < N; i++ {
			u, gu := pk[packW*i:packW*i+packW], gp[packW*i:packW*i+packW]
			var ci float64
			if c != nil {
				ci = c[i]
			} else {
				ci = u[0]*z0 + u[1]*z1 + u[2]*z2 // recomputed as in transFwd
			}
			var ph, dc, dh float64
			if clip {
				ph, dc, dh = actClip(ci, u[6])
			} else {
				ph, dc, dh = actReLU(ci, u[6])
			}
			gph := u[3]*g0 + u[4]*g1 + u[5]*g2
			gc := gph * dc
			if gcu != nil {
				gcu[i] += gc
			}
			gu[0] += gc * z0
			gu[1] += gc * z1
			gu[2] += gc * z2
			gu[3] += g0 * ph
			gu[4] += g1 * ph
			gu[5] += g2 * ph
			gu[6] += gph * dh
			gz0 += u[0] * gc
			gz1 += u[1] * gc
			gz2 += u[2] * gc
		}
		gz[0] += gz0
		gz[1] += gz1
		if R == 3 {
			gz[2] += gz2
		}
		return
	}
	for r := range R {
		gz[r] += a * gf[r]
	}
	z, gf = z[:R], gf[:R]
	for i := range N {
		var ph, dc, dh float64
		if clip {
			ph, dc, dh = actClip(c[i], h[i])
		} else {
			ph, dc, dh = actReLU(c[i], h[i])
		}
		ni := nwT[i*R : i*R+R]
		gph := 0.0
		for r, nv := range ni {
			gph += nv * gf[r]
		}
		if gNw != nil {
			for r, gr := range gf {
				gNw[r*N+i] += gr * ph
			}
		}
		if gH != nil {
			gH[i] += gph * dh
		}
		gc := gph * dc
		if gcu != nil {
			gcu[i] += gc
		}
		mi := M[i*R : i*R+R]
		if gM != nil {
			gm := gM[i*R : i*R+R]
			for r, zr := range z {
				gm[r] += gc * zr
			}
		}
		for r, mv := range mi {
			gz[r] += mv * gc
		}
	}
}

// avxTrans reports whether the transition runs its AVX2 kernels (rank-2 ReLU, rank-3 clipped
// ReLU, at least 4 units, no input currents: noCur).
func (k *kernel) avxTrans(noCur bool) bool {
	return haveKern && noCur && k.N >= 4 && (k.R == 2 && k.phi == ReLU || k.R == 3 && k.phi == ClippedReLU)
}

// transChunk is the number of units per pass of transBackSteps: the weights and gradient
// accumulators of 7·transChunk doubles each stay in L1 while all particles go through them.
const transChunk = 64

// transFwdSteps computes the transition means f (K×R) of one step's K particles from their
// ancestors anc among the previous particles zprev with the AVX2 kernels, when these cover every
// unit (N a multiple of 4, no input currents); c is scratch of N.
func (k *kernel) transFwdSteps(a float64, zprev []float64, anc []int32, c, f []float64) {
	N, R, K := k.N, k.R, len(anc)
	if R == 2 {
		trans2FwdReLUAVX(&k.soa[0], N, soaStride(N), &zprev[0], &anc[0], K, &c[0], 0, &f[0])
	} else {
		trans3FwdAVX(&k.soa[0], N, soaStride(N), &zprev[0], &anc[0], K, &c[0], 0, &f[0])
	}
	for p, ap := range anc {
		for r := range R {
			f[p*R+r] += a * zprev[int(ap)*R+r]
		}
	}
}

// transBackSteps runs the AVX2 transition kernels of one step's backward pass for all K
// particles, in chunks of units (outer; one kernel call per chunk runs all particles), adding
// to gz[anc[p]] (zprev: the previous step's particles, gf: the K×R mean gradients; the kernels
// recompute the currents). Rank 2 runs trans2BackReLUAVX512 where available (acc: its scratch
// of 16·K).
func (k *kernel) transBackSteps(zprev []float64, anc []int32, gf, gz, gsoa, acc []float64) {
	N, R, S, K := k.N, k.R, soaStride(k.N), len(anc)
	n4 := N &^ 3
	for u0 := 0; u0 < n4; u0 += transChunk {
		n := min(transChunk, n4-u0)
		if R == 2 {
			if have512 {
				trans2BackReLUAVX512(&k.soa[u0], n, S, &zprev[0], &anc[0], K, &gf[0], &gsoa[u0], &gz[0], &acc[0])
			} else {
				trans2BackReLUAVX(&k.soa[u0], n, S, &zprev[0], &anc[0], K, &gf[0], &gsoa[u0], &gz[0])
			}
		} else {
			trans3BackAVX(&k.soa[u0], n, S, &zprev[0], &anc[0], K, &gf[0], &gsoa[u0], &gz[0])
		}
	}
}

// packW is the per-unit stride of the packed weights of the R ≤ 3 kernels: [M_i·] at 0…R−1,
// [N_w ·i] at 3…3+R−1 and h_i at 6 — one cache line per unit.
const packW = 8

// soaStride is the distance between the arrays of k.soa and trialState.gsoa: N plus 12, so that
// they do not lie a multiple of 4 KiB apart (which stalls loads behind unrelated stores).
func soaStride(N int) int { return N + 12 }

// packed reports whether the rank uses the packed kernels.
func packed(R int) bool { return R == 2 || R == 3 }

// packWeights fills k.pack and k.soa for the packed kernels.
func (k *kernel) packWeights() {
	N, R := k.N, k.R
	k.pack = grow(k.pack, packW*N)
	M, Nw, h := k.v[sM], k.v[sNw], k.v[sH]
	for i := range N {
		u := k.pack[packW*i : packW*i+packW]
		for r := range R {
			u[r], u[3+r] = M[R*i+r], Nw[r*N+i]
		}
		u[6] = h[i]
	}
	S := soaStride(N)
	k.soa = grow(k.soa, 7*S)
	for r := range R {
		for i := range N {
			k.soa[r*S+i], k.soa[(3+r)*S+i] = M[R*i+r], Nw[r*N+i]
		}
	}
	copy(k.soa[6*S:], h)
}

// unpackGrads adds a trial's packed gradients (gpack and gsoa) to its M, N_w and h accumulators.
func (k *kernel) unpackGrads(gpack, gsoa []float64, g *[nSlots][]float64) {
	N, R := k.N, k.R
	S := soaStride(N)
	for i := range N {
		u := gpack[packW*i : packW*i+packW]
		for r := range R {
			u[r] += gsoa[r*S+i]
			u[3+r] += gsoa[(3+r)*S+i]
		}
		u[6] += gsoa[6*S+i]
		for r := range R {
			if gm := g[sM]; gm != nil {
				gm[R*i+r] += u[r]
			}
			if gn := g[sNw]; gn != nil {
				gn[r*N+i] += u[3+r]
			}
		}
		if gh := g[sH]; gh != nil {
			gh[i] += u[6]
		}
	}
}
