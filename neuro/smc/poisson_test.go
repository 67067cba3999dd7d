package smc

import (
	"math"
	"math/rand/v2"
	"testing"
)

// softplusRef returns λ = softplus(η) + 1e-6 and σ(η) in plain Go (math.Exp, math.Log1p).
func softplusRef(e float64) (lam, sg float64) {
	t := math.Exp(-math.Abs(e))
	sg = 1 / (1 + t)
	if e < 0 {
		sg = t / (1 + t)
	}
	return max(e, 0) + math.Log1p(t) + 1e-6, sg
}

// hardEtas are pre-activations where the softplus is delicate: ±0, tiny, where 1 + e^{−|η|}
// crosses √2, where the exponential underflows past 1e-5, |η| > 40, ±700 (the last in range).
var hardEtas = []float64{0, math.Copysign(0, -1), 1e-300, -1e-300, 1e-17, -1e-17, 0.8813735870195429,
	-0.8813735870195429, 0.88137358701954, -0.88137358701955, 11.512925464970229, -11.512925464970229,
	36.7, -36.7, 40.5, -40.5, 300, -300, 699.999, -699.999, 700, -700}

type softplusKernel = func(h *float64, stride int, z *float64, K int, off, lam, q *float64, n, ld int, adj, sum *float64, bad *int)

// TestPoissonSoftplusAVX compares the AVX2 fused kernels (n a multiple of 4) with softplusRef;
// see checkSoftplusKernel.
func TestPoissonSoftplusAVX(t *testing.T) {
	if !haveKern {
		t.Skip("no AVX2/FMA")
	}
	checkSoftplusKernel(t, poissonSoftplus2AVX, poissonSoftplus3AVX, 4)
}

// TestPoissonSoftplusAVX512 compares the AVX-512 fused kernels (any n: masked last block) with
// softplusRef; see checkSoftplusKernel.
func TestPoissonSoftplusAVX512(t *testing.T) {
	if !have512 {
		t.Skip("no AVX-512")
	}
	checkSoftplusKernel(t, poissonSoftplus2AVX512, poissonSoftplus3AVX512, 1)
}

// checkSoftplusKernel compares the fused kernels' rates, derivatives, sums and adjoints for
// several particles with softplusRef on random and hard pre-activations, ranks 2 and 3, n a
// multiple of mult, and flags |η| > 700 and NaN per particle. Entries of lam and q past n in
// each row must stay untouched.
func checkSoftplusKernel(t *testing.T, fn2, fn3 softplusKernel, mult int) {
	rng := rand.New(rand.NewPCG(21, 22))
	worst := 0.0
	for trial := range 600 {
		n, K, R := mult*(1+rng.IntN(48/mult)), 1+rng.IntN(4), 2+trial%2
		ld := n + rng.IntN(3) // row stride of lam and q
		h := make([]float64, 3*n)
		off := make([]float64, n)
		z := make([]float64, K*R)
		if trial%4 == 0 { // pre-activations set through the offsets alone
			for i := range off {
				off[i] = hardEtas[rng.IntN(len(hardEtas))]
			}
		} else {
			for i := range h[:R*n] {
				h[i] = 2 * rng.NormFloat64()
			}
			for i := range z {
				z[i] = 3 * rng.NormFloat64()
			}
			scale := []float64{0.01, 1, 10, 60}[rng.IntN(4)]
			for i := range off {
				off[i] = scale * rng.NormFloat64()
			}
		}
		if trial%7 == 3 { // one particle out of range
			z[rng.IntN(K)*R] = 1e3
		}
		lam, q := make([]float64, K*ld), make([]float64, K*ld)
		for i := range lam {
			lam[i], q[i] = -7, -7
		}
		adj, sum, bad := make([]float64, K*R), make([]float64, K), make([]int, K)
		fn := fn2
		if R == 3 {
			fn = fn3
		}
		fn(&h[0], n, &z[0], K, &off[0], &lam[0], &q[0], n, ld, &adj[0], &sum[0], &bad[0])
		for p := range K {
			for i := n; i < ld; i++ {
				if lam[p*ld+i] != -7 || q[p*ld+i] != -7 {
					t.Fatalf("n = %d, ld = %d: entry %d of row %d written", n, ld, i, p)
				}
			}
			zp := z[p*R : (p+1)*R]
			wsum, wadj, anyBad := 0.0, make([]float64, R), false
			for i := range n {
				e, mag := off[i], math.Abs(off[i])
				for r := range R {
					e += h[r*n+i] * zp[r]
					mag += math.Abs(h[r*n+i] * zp[r])
				}
				// η carries the rounding of its sum, up to de = 4.5e-16·(|off| + Σ|H z|).
				de := 4.5e-16 * mag
				if trial%4 == 0 {
					de = 0 // η = off exactly
				}
				if !(math.Abs(e) <= 700) {
					anyBad = true
					continue
				}
				wl, ws := softplusRef(e)
				wsum += wl
				for r := range R {
					wadj[r] -= h[r*n+i] * ws
				}
				if err := relErr(lam[p*ld+i], wl); !(err <= 4e-16+de*ws/wl) {
					t.Fatalf("η = %v: λ = %v, want %v (rel %.2g)", e, lam[p*ld+i], wl, err)
				} else {
					worst = max(worst, err)
				}
				if err := math.Abs(q[p*ld+i] + ws); !(err <= 4e-16*ws+de*ws*(1-ws)+1e-300) {
					t.Fatalf("η = %v: q = %v, want %v", e, q[p*ld+i], -ws)
				}
			}
			if (bad[p] != 0) != anyBad {
				t.Fatalf("particle %d: bad = %d, want out-of-range lanes %v", p, bad[p], anyBad)
			}
			if anyBad {
				continue
			}
			if !(relErr(sum[p], wsum) <= 1e-14) {
				t.Fatalf("particle %d: Σλ = %v, want %v", p, sum[p], wsum)
			}
			for r := range R {
				if !(math.Abs(adj[p*R+r]-wadj[r]) <= 1e-14*(1+math.Abs(wadj[r]))) {
					t.Fatalf("particle %d: adj[%d] = %v, want %v", p, r, adj[p*R+r], wadj[r])
				}
			}
		}
	}
	t.Logf("worst relative error of λ: %.2g", worst)
	for _, e := range []float64{700.5, -700.5, 1e300, math.Inf(-1), math.NaN()} {
		off := []float64{0, 1, e, -2}
		h, lam, q := make([]float64, 12), make([]float64, 4), make([]float64, 4)
		z, adj, sum, bad := make([]float64, 3), make([]float64, 3), make([]float64, 1), make([]int, 1)
		for _, fn := range []softplusKernel{fn2, fn3} {
			if fn(&h[0], 4, &z[0], 1, &off[0], &lam[0], &q[0], 4, 4, &adj[0], &sum[0], &bad[0]); bad[0] == 0 {
				t.Fatalf("η = %v not flagged", e)
			}
		}
	}
}

// TestPoissonLLHardCases runs poissonStep (fused kernel with fallback and scalar tail where
// available; TestPoissonLLHardCasesPortable runs the portable path) on hard pre-activations,
// channel counts that are not multiples of 4 and spikes on every or no channel, against linkOf.
func TestPoissonLLHardCases(t *testing.T) { checkPoissonLLHard(t) }

func checkPoissonLLHard(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	simd := haveKern
	{
		for _, Dx := range []int{1, 3, 4, 5, 7, 8, 13, 40, 43} {
			for _, R := range []int{1, 2, 3, 4} {
				for draw := range 40 {
					k := &kernel{R: R, Dx: Dx, obs: Poisson, link: Softplus}
					k.x = make([]float64, Dx)
					for i := range k.x {
						switch draw % 3 {
						case 0: // no spikes
						case 1:
							k.x[i] = float64(1 + rng.IntN(3)) // spikes on every channel
						default:
							k.x[i] = float64(rng.IntN(2))
						}
					}
					k.indexSpikes()
					k.v[sHm], k.v[sOff] = make([]float64, Dx*R), make([]float64, Dx)
					z := make([]float64, R)
					if draw%2 == 0 {
						for i := range k.v[sOff] {
							k.v[sOff][i] = hardEtas[rng.IntN(len(hardEtas))]
						}
						if draw%4 == 0 {
							k.v[sOff][rng.IntN(Dx)] = 800 * float64(1-2*rng.IntN(2)) // forces the fallback
						}
					} else {
						for i := range k.v[sHm] {
							k.v[sHm][i] = 2 * rng.NormFloat64()
						}
						for i := range k.v[sOff] {
							k.v[sOff][i] = 5 * rng.NormFloat64()
						}
						for r := range z {
							z[r] = 3 * rng.NormFloat64()
						}
					}
					if packed(R) {
						k.packReadout()
					}
					q, adj := make([]float64, Dx), make([]float64, R)
					ll := poissonObs1(k, z, q, adj)
					want, wadj := 0.0, make([]float64, R)
					for i := range Dx {
						e := k.v[sOff][i]
						for r := range R {
							e += k.v[sHm][i*R+r] * z[r]
						}
						lam, dl := linkOf(Softplus, e)
						want += k.x[i]*math.Log(lam) - lam
						ge := (k.x[i]/lam - 1) * dl
						for r := range R {
							wadj[r] += k.v[sHm][i*R+r] * ge
						}
						if relErr(q[i], ge) > 1e-12 {
							t.Fatalf("simd %v Dx=%d R=%d: ∂/∂η[%d] = %v, want %v (η = %v)", simd, Dx, R, i, q[i], ge, e)
						}
					}
					if relErr(ll, want) > 1e-12 {
						t.Fatalf("simd %v Dx=%d R=%d: log-likelihood %v, want %v", simd, Dx, R, ll, want)
					}
					for r := range R {
						if relErr(adj[r], wadj[r]) > 1e-12 && math.Abs(adj[r]-wadj[r]) > 1e-12 {
							t.Fatalf("simd %v Dx=%d R=%d: (Hᵀq)[%d] = %v, want %v", simd, Dx, R, r, adj[r], wadj[r])
						}
					}
				}
			}
		}
	}
}

// poissonObs1 returns log p(x_0 | z) of a single particle (poissonStep), with q and adj set to
// its derivatives ∂/∂η and Hᵀq.
func poissonObs1(k *kernel, z, q, adj []float64) float64 {
	Dx := k.Dx
	k.K = 1
	st := &trialState{q: q, adj: adj, lam: make([]float64, Dx), lg: make([]float64, Dx),
		lbuf: make([]float64, 2*Dx), psum: make([]float64, 1), pbad: make([]int, 1)}
	lw := []float64{0}
	k.poissonStep(0, 0, z, lw, st)
	return lw[0]
}

// TestAccumObsMatchesReference checks the forward accumulation of the Poisson readout gradients
// (poissonAccumAVX with its scalar tail, or portable Go) against direct sums over particles.
func TestAccumObsMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	for _, R := range []int{1, 2, 3, 4} {
		for _, Dx := range []int{1, 3, 4, 9, 16, 40, 43} {
			K, T := 1+rng.IntN(20), 3
			k := &kernel{K: K, R: R, Dx: Dx, T: T}
			st := &trialState{q: make([]float64, K*Dx), gHs: make([]float64, max(R, 3)*Dx),
				gOff: make([]float64, T*Dx), coef: make([]float64, 4*K)}
			w, z := make([]float64, K), make([]float64, K*R)
			wantH, wantOff := make([]float64, R*Dx), make([]float64, T*Dx)
			for step := range T {
				for i := range w {
					w[i] = rng.Float64()
				}
				for i := range z {
					z[i] = rng.NormFloat64()
				}
				for i := range st.q {
					st.q[i] = rng.NormFloat64()
				}
				k.accumObs(st, step, w, z)
				for p := range K {
					for i := range Dx {
						wq := w[p] * st.q[p*Dx+i]
						wantOff[step*Dx+i] += wq
						for r := range R {
							wantH[r*Dx+i] += wq * z[p*R+r]
						}
					}
				}
			}
			for i, want := range wantOff {
				if math.Abs(st.gOff[i]-want) > 1e-12*(1+math.Abs(want)) {
					t.Fatalf("R=%d Dx=%d: offset gradient [%d] = %v, want %v", R, Dx, i, st.gOff[i], want)
				}
			}
			for i, want := range wantH {
				if math.Abs(st.gHs[i]-want) > 1e-12*(1+math.Abs(want)) {
					t.Fatalf("R=%d Dx=%d: H gradient [%d] = %v, want %v", R, Dx, i, st.gHs[i], want)
				}
			}
		}
	}
}
