package smc

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
)

// Proposal selects the particle proposal q(z_t | z_{t−1}, x).
type Proposal int

const (
	// Optimal is the exact p(z_t | z_{t−1}, x_t) of a linear-Gaussian readout (Kalman gain in
	// information form); its weight is the predictive density p(x_t | z_{t−1}).
	Optimal Proposal = iota
	// Bootstrap proposes from the transition; the weight is p(x_t | z_t).
	Bootstrap
	// Encoder multiplies the transition with a causal CNN encoder's diagonal Gaussian.
	Encoder
)

func (p Proposal) String() string {
	switch p {
	case Optimal:
		return "optimal"
	case Bootstrap:
		return "bootstrap"
	case Encoder:
		return "encoder"
	}
	return "Proposal(?)"
}

// slot indexes the inputs of the fused particle-filter op.
type slot int

const (
	sA      slot = iota // 1×1 decay
	sM                  // N×R
	sNw                 // R×N
	sH                  // 1×N
	sMu0                // 1×R
	sCu                 // (B·T)×N input currents W_u v_t (optional)
	sG                  // R×R  H̃ᵀH̃ (optimal)
	sP                  // R×R  posterior covariance for t ≥ 1
	sLp                 // R×R  its square root
	sP0                 // R×R  posterior covariance at t = 0
	sLp0                // R×R
	sLogDet             // 1×2  log det S for t ≥ 1 and t = 0
	sGd                 // (B·T)×R  H̃ᵀỹ_t
	sYY                 // (B·T)×1  ‖ỹ_t‖²
	sHm                 // Dx×R readout matrix (per-particle likelihoods)
	sOff                // 1×Dx or (B·T)×Dx readout offset
	sRinv               // 1×Dx inverse observation variances (Gaussian)
	sLc                 // 1×1 log-normaliser of the Gaussian likelihood
	sLz                 // R×R transition noise Cholesky (bootstrap)
	sL0                 // R×R initial Cholesky (bootstrap)
	sIz                 // 1×R transition precisions (encoder)
	sI0                 // 1×R initial precisions (encoder)
	sMue                // (B·T)×R encoder means
	sIe                 // (B·T)×R encoder precisions
	nSlots
)

// kernel runs the particle filters of one batch (forward) and their biased VSMC gradient
// (backward) with hand-written loops; it is recorded on the tape as one fused op.
type kernel struct {
	B, T, K, N, R, Dx int
	prop              Proposal
	obs               Observation
	link              Link
	phi               Activation
	resampling        Resampling
	seed, stream      uint64
	workers           int
	x                 []float64 // (B·T)×Dx observations
	lcc               []float64 // (B·T) constants added to every log-weight (no gradient)
	v                 [nSlots][]float64
	trials            []*trialState
	nwT               []float64 // N_w transposed (N×R)
	spk, spkOff       []int32   // Poisson: channels with x ≠ 0 of row r are spk[spkOff[r]:spkOff[r+1]]
	pack              []float64 // R = 2, 3: per-unit packed weights (N×packW)
	hsoa              []float64 // Poisson, R = 2, 3: the readout columns [H·0 | H·1 | H·2] (H·2 = 0 for R = 2)
	soa               []float64 // R = 2, 3: [M·0 | M·1 | M·2 | N_w0· | N_w1· | N_w2· | h] (stride soaStride; R = 2 leaves slots 2 and 5 unused) for the AVX2 kernels
	noGrad            bool      // forward only: keep no per-step currents or likelihood derivatives
	enc               scratch   // encoder convolution buffers (valid until the batch's backward pass)
}

// trialState holds one trial's particles and gradient accumulators (reused across batches).
type trialState struct {
	z, f, eps []float64 // T×K×R
	c         []float64 // T×K×N currents of the transition into step t (t ≥ 1), or N scratch (see keepC)
	anc       []int32   // T×K ancestors of step t's particles among step t−1's
	w         []float64 // T×K normalised weights
	ll        float64   // Σ_t log mean_k w_t^k
	cum       []float64
	q         []float64 // K×Dx Poisson likelihood derivatives ∂ log p/∂η of the current step
	lam, lg   []float64 // K×Dx Poisson rates of the current step and scratch for poissonSpikes
	adj       []float64 // T×K×R Poisson latent adjoints Hᵀq of every particle (see poissonStep)
	psum      []float64 // K Poisson rate sums of the fused kernels
	spkIdx    []int32   // spiking channels of a step, padded (poissonSpikes2AVX)
	spkBuf    []float64 // their counts and readouts
	pbad      []int     // K their out-of-range flags
	prow      []float64 // 4·R+1 encoder proposal constants of the current step (see encRow)
	brow      []float64 // 9·R the same for the backward pass (see encBackRow)
	bvec      []float64 // 40 rank-2 constants of encBack2AVX
	gHs, gOff []float64 // max(R, 3)×Dx and T×Dx Poisson readout gradients accumulated in forward (see accumObs)
	coef      []float64 // 4·K coefficients of accumObs
	lbuf      []float64 // 2·Dx Poisson scratch (exponentials, logarithms)
	gz, gzp   []float64
	gf, tmp   []float64
	gpack     []float64         // R = 2, 3: packed M, N_w, h gradients (N×packW)
	gsoa      []float64         // R = 2, 3: the same for the units of the AVX2 kernels (layout of soa)
	tacc      []float64         // 16·K scratch of trans2BackReLUAVX512
	g         [nSlots][]float64 // per-trial gradient accumulators of batch-shared inputs
}

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// reuse returns s resized to n without clearing (every entry is overwritten before use).
func reuse(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// shared reports whether slot s is shared by all trials (its gradient is reduced over trials).
func (k *kernel) shared(s slot) bool {
	switch s {
	case sCu, sGd, sYY, sMue, sIe:
		return false
	case sOff:
		return len(k.v[sOff]) == k.Dx
	}
	return true
}

func (k *kernel) prepare() {
	for len(k.trials) < k.B {
		k.trials = append(k.trials, &trialState{})
	}
	T, K, R, N := k.T, k.K, k.R, k.N
	for b := range k.B {
		st := k.trials[b]
		st.z, st.f, st.eps = reuse(st.z, T*K*R), reuse(st.f, T*K*R), reuse(st.eps, T*K*R)
		if k.keepC() {
			st.c = reuse(st.c, T*K*N)
		} else {
			st.c = reuse(st.c, N)
		}
		if cap(st.anc) < T*K {
			st.anc = make([]int32, T*K)
		}
		st.anc = st.anc[:T*K]
		st.w = reuse(st.w, T*K)
		if k.poissonProp() {
			st.q, st.lam, st.lg = reuse(st.q, K*k.Dx), reuse(st.lam, K*k.Dx), reuse(st.lg, K*k.Dx)
			st.lbuf, st.psum = reuse(st.lbuf, 2*k.Dx), reuse(st.psum, K)
			if cap(st.pbad) < K {
				st.pbad = make([]int, K)
			}
			st.pbad = st.pbad[:K]
			if k.noGrad {
				st.adj = reuse(st.adj, K*R)
			} else {
				st.adj = reuse(st.adj, T*K*R)
				st.gHs, st.gOff = grow(st.gHs, max(R, 3)*k.Dx), grow(st.gOff, T*k.Dx)
				st.coef = reuse(st.coef, 4*K)
			}
		}
		st.prow, st.brow, st.bvec = reuse(st.prow, 4*R+1), reuse(st.brow, 9*R), reuse(st.bvec, 40)
		st.cum = grow(st.cum, K)
		st.gz, st.gzp, st.gf, st.tmp = grow(st.gz, K*R), grow(st.gzp, K*R), grow(st.gf, K*R), grow(st.tmp, 4*R+N)
		st.ll = 0
	}
}

// parallel runs fn(b) for every trial on at most k.workers goroutines.
func (k *kernel) parallel(fn func(b int)) {
	w := k.workers
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	w = min(w, k.B)
	if w <= 1 {
		for b := range k.B {
			fn(b)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, k.B)
	for b := range k.B {
		next <- b
	}
	close(next)
	for range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range next {
				fn(b)
			}
		}()
	}
	wg.Wait()
}

// forward runs all filters and returns J = (1/(B·T)) Σ_b Σ_t log mean_k w_t^k.
func (k *kernel) forward() float64 {
	k.prepare()
	k.nwT = grow(k.nwT, k.N*k.R)
	for r := range k.R {
		for i := range k.N {
			k.nwT[i*k.R+r] = k.v[sNw][r*k.N+i]
		}
	}
	if packed(k.R) {
		k.packWeights()
	}
	if k.obs == Poisson {
		k.indexSpikes()
	}
	if k.poissonProp() && packed(k.R) {
		k.packReadout()
	}
	k.parallel(func(b int) {
		rng := rand.New(rand.NewPCG(k.seed, k.stream<<20|uint64(b)))
		k.forwardTrial(b, k.trials[b], rng)
	})
	j := 0.0
	for b := range k.B {
		j += k.trials[b].ll
	}
	return j / float64(k.B*k.T)
}

func phiOf(kind Activation, c, h float64) (phi, dc, dh float64) {
	if kind == ReLU {
		if c > h {
			return c - h, 1, -1
		}
		return 0, 0, 0
	}
	switch {
	case c+h > 0 && c > 0:
		return h, 0, 1
	case c+h > 0:
		return c + h, 1, 1
	case c > 0:
		return -c, -1, 0
	}
	return 0, 0, 0
}

const log2Pi = 1.8378770664093453

func (k *kernel) forwardTrial(b int, st *trialState, rng *rand.Rand) {
	T, K, R, N := k.T, k.K, k.R, k.N
	a := k.v[sA][0]
	cu := k.v[sCu]
	for t := range T {
		f := st.f[t*K*R : (t+1)*K*R]
		if t == 0 {
			for p := range K {
				copy(f[p*R:(p+1)*R], k.v[sMu0])
			}
		} else {
			anc := st.anc[t*K : (t+1)*K]
			resample(k.resampling, st.w[(t-1)*K:t*K], st.cum, anc, rng)
			zprev := st.z[(t-1)*K*R : t*K*R]
			var cur []float64
			if cu != nil {
				cur = cu[(b*T+t-1)*N : (b*T+t)*N]
			}
			if k.avxTrans(cur == nil) && N%4 == 0 {
				k.transFwdSteps(a, zprev, anc, st.c, f)
			} else {
				keep := k.keepC()
				for p := range K {
					zp := zprev[int(anc[p])*R : int(anc[p])*R+R]
					c := st.c
					if keep {
						c = st.c[(t*K+p)*N : (t*K+p+1)*N]
					}
					k.transFwd(a, zp, cur, c, f[p*R:(p+1)*R])
				}
			}
		}
		z := st.z[t*K*R : (t+1)*K*R]
		eps := st.eps[t*K*R : (t+1)*K*R]
		for i := range eps {
			eps[i] = rng.NormFloat64()
		}
		lw := st.w[t*K : (t+1)*K]
		row := b*T + t
		if k.prop == Encoder {
			k.encRow(t, row, st.prow)
		}
		for p := range K {
			lw[p] = k.propose(t, row, f[p*R:(p+1)*R], eps[p*R:(p+1)*R], z[p*R:(p+1)*R], st)
		}
		if k.poissonProp() {
			k.poissonStep(t, row, z, lw, st)
		}
		mx := math.Inf(-1)
		for _, x := range lw {
			mx = max(mx, x)
		}
		for p := range lw {
			lw[p] -= mx
		}
		expInto(lw, lw)
		s := 0.0
		for _, x := range lw {
			s += x
		}
		for p := range lw {
			lw[p] /= s
		}
		st.ll += mx + math.Log(s/float64(K))
		if k.poissonProp() && !k.noGrad {
			k.accumObs(st, t, lw, z)
		}
	}
}

// propose samples z from q given the transition mean f and noise eps, and returns log w
// (Poisson: without the likelihood, which poissonStep adds for all particles of the step).
func (k *kernel) propose(t, row int, f, eps, z []float64, st *trialState) float64 {
	R := k.R
	switch k.prop {
	case Optimal:
		P, L, ld := k.v[sP], k.v[sLp], k.v[sLogDet][0]
		if t == 0 {
			P, L, ld = k.v[sP0], k.v[sLp0], k.v[sLogDet][1]
		}
		G, g := k.v[sG], k.v[sGd][row*R:(row+1)*R]
		u := st.tmp[:R]
		mah := k.v[sYY][row]
		for i := range R {
			gf := 0.0
			for j := range R {
				gf += G[i*R+j] * f[j]
			}
			u[i] = g[i] - gf
			mah += -2*f[i]*g[i] + f[i]*gf
		}
		for i := range R {
			pu, le := 0.0, 0.0
			for j := range R {
				pu += P[i*R+j] * u[j]
				le += L[i*R+j] * eps[j]
			}
			z[i] = f[i] + pu + le
			mah -= u[i] * pu
		}
		return -0.5 * (float64(k.Dx)*log2Pi + ld + mah)
	case Bootstrap:
		L := k.v[sLz]
		if t == 0 {
			L = k.v[sL0]
		}
		for i := range R {
			s := f[i]
			for j := 0; j <= i; j++ {
				s += L[i*R+j] * eps[j]
			}
			z[i] = s
		}
		if k.obs == Poisson {
			return 0
		}
		return k.obsLL(z, row)
	default:
		c := st.prow[:4*R+1]
		lt := 0.0
		for j := range R {
			cj := c[4*j : 4*j+4]
			z[j] = f[j]*cj[0] + cj[1] + eps[j]*cj[2]
			d := z[j] - f[j]
			lt += -0.5*cj[3]*d*d + 0.5*eps[j]*eps[j]
		}
		if k.obs == Poisson {
			return lt + c[4*R]
		}
		return lt + c[4*R] + k.obsLL(z, row)
	}
}

// obsLL returns log p(x_row | z) of the Gaussian readout up to the normaliser held in sLc.
func (k *kernel) obsLL(z []float64, row int) float64 {
	Dx, R := k.Dx, k.R
	Hm, off := k.v[sHm], k.v[sOff]
	if len(off) != Dx {
		off = off[row*Dx : (row+1)*Dx]
	}
	x := k.x[row*Dx : (row+1)*Dx]
	ll := 0.0
	{
		ri := k.v[sRinv]
		for i := range Dx {
			e := off[i]
			hi := Hm[i*R : i*R+R]
			for r, zr := range z {
				e += hi[r] * zr
			}
			d := x[i] - e
			ll -= 0.5 * ri[i] * d * d
		}
		return ll + k.v[sLc][0]
	}
}

// encRow sets c to the constants of the encoder proposal at step t (row of the batch): per
// latent j, with precisions π_z (transition) and π_e (encoder) and π = π_z + π_e, the
// coefficients of z = f·π_z/π + μ_e·π_e/π + ε/√π and π_z, then Σ_j ½ log(π_z/π).
func (k *kernel) encRow(t, row int, c []float64) {
	R := k.R
	pz, pe, me := k.v[sIz], k.v[sIe][row*R:(row+1)*R], k.v[sMue][row*R:(row+1)*R]
	if t == 0 {
		pz = k.v[sI0]
	}
	lr := 0.0
	for j := range R {
		pi := pz[j] + pe[j]
		c[4*j], c[4*j+1], c[4*j+2], c[4*j+3] = pz[j]/pi, me[j]*pe[j]/pi, 1/math.Sqrt(pi), pz[j]
		lr += 0.5 * math.Log(pz[j]/pi)
	}
	c[4*R] = lr
}

// poissonProp reports whether the proposal weights evaluate the Poisson likelihood per particle.
func (k *kernel) poissonProp() bool { return k.obs == Poisson && k.prop != Optimal }

// adjOf returns the Poisson latent adjoints (K×R) of step t.
func (k *kernel) adjOf(st *trialState, t int) []float64 {
	KR := k.K * k.R
	if k.noGrad {
		return st.adj[:KR]
	}
	return st.adj[t*KR : (t+1)*KR]
}

// keepC reports whether the forward pass keeps the currents of every particle and step for the
// backward pass; the AVX2 kernels without input currents recompute them instead (R = 2, 3).
func (k *kernel) keepC() bool {
	return !k.noGrad && !k.avxTrans(k.v[sCu] == nil)
}
