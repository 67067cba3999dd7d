package smc

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
)

// Posterior holds per-trial latent estimates.
type Posterior struct {
	Mean   []*mat.Dense // T×R posterior means, one per trial
	LogLik []float64    // Σ_t log mean_k w_t^k, the particle estimate of log p(x_{0:T−1})
	// ESS holds, per trial and step, the effective sample size 1/Σ_k (w̄_t^k)² of the normalised
	// weights: K when the proposal matches the posterior, near 1 when one particle dominates
	// (weight degeneracy: raise K or improve the proposal).
	ESS [][]float64
}

// Filter runs a particle filter with K particles over every trial and returns the filtering
// means E[z_t | x_{0:t}] ≈ Σ_k w_t^k z_t^k (the encoder proposal's causal CNN keeps this causal).
func (m *Model) Filter(data, inputs []*mat.Dense, prop Proposal, K int, seed uint64) (*Posterior, error) {
	return m.posterior(data, inputs, prop, K, 0, seed)
}

// Smooth returns smoothing means E[z_t | x_{0:T−1}] from S trajectories of conditional backward
// simulation: a trajectory ends at a particle drawn by the final weights, and at every earlier
// step a filtering particle is drawn with probability ∝ w_t^k N(z_{t+1}; f(z_t^k), Σ_z).
func (m *Model) Smooth(data, inputs []*mat.Dense, prop Proposal, K, S int, seed uint64) (*Posterior, error) {
	if S < 1 {
		return nil, fmt.Errorf("smc: Smooth: S = %d trajectories, want ≥ 1", S)
	}
	return m.posterior(data, inputs, prop, K, S, seed)
}

func (m *Model) posterior(data, inputs []*mat.Dense, prop Proposal, K, S int, seed uint64) (*Posterior, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if err := checkData(m, data, inputs); err != nil {
		return nil, err
	}
	if K < 1 {
		return nil, fmt.Errorf("smc: K = %d particles, want ≥ 1", K)
	}
	cfg := Config{Proposal: prop}
	if err := cfg.defaults(m, data); err != nil {
		return nil, err
	}
	post := &Posterior{Mean: make([]*mat.Dense, len(data)), LogLik: make([]float64, len(data)), ESS: make([][]float64, len(data))}
	tp := autodiff.NewTape()
	R, dx := m.Cfg.R, m.Cfg.Dx
	for i, d := range data {
		T := d.RawMatrix().Rows
		bt := &batch{B: 1, T: T, x: make([]float64, T*dx)}
		if m.Cfg.Du > 0 {
			bt.u = make([]float64, T*m.Cfg.Du)
		}
		fill(bt, m, data, inputs, [][2]int{{i, 0}})
		k := &kernel{K: K, prop: prop, resampling: Systematic, seed: seed, stream: uint64(i), workers: 1, noGrad: true}
		tp.Reset()
		m.objective(tp, k, bt, nil)
		if err := tp.Err(); err != nil {
			return nil, err
		}
		st := k.trials[0]
		post.LogLik[i] = st.ll
		post.ESS[i] = effectiveSampleSizes(st.w, T, K)
		mean := mat.NewDense(T, R, nil)
		if S == 0 {
			for t := range T {
				row := mean.RawRowView(t)
				for p := range K {
					w := st.w[t*K+p]
					for r := range R {
						row[r] += w * st.z[(t*K+p)*R+r]
					}
				}
			}
		} else {
			k.backwardSimulate(m, st, mean, S, rand.New(rand.NewPCG(seed, 0xb5+uint64(i))))
		}
		post.Mean[i] = mean
	}
	return post, nil
}

// effectiveSampleSizes returns 1/Σ_k (w_t^k)² for every step of the T×K normalised weights w.
func effectiveSampleSizes(w []float64, T, K int) []float64 {
	ess := make([]float64, T)
	for t := range T {
		s := 0.0
		for _, x := range w[t*K : (t+1)*K] {
			s += x * x
		}
		ess[t] = 1 / s
	}
	return ess
}

// backwardSimulate averages S backward-simulated trajectories into mean (T×R).
func (k *kernel) backwardSimulate(m *Model, st *trialState, mean *mat.Dense, S int, rng *rand.Rand) {
	T, K, R, N := k.T, k.K, k.R, k.N
	a := m.Decay()
	// Σ_z^{-1} through its Cholesky factor.
	l := cholOf(m.PZ, m.LVZ, R)
	f := make([]float64, T*K*R) // f[t] = transition mean from particle k at t
	c := make([]float64, N)
	for t := 0; t < T-1; t++ {
		var cur []float64
		if cu := k.v[sCu]; cu != nil {
			cur = cu[t*N : (t+1)*N]
		}
		for p := range K {
			k.transFwd(a, st.z[(t*K+p)*R:(t*K+p+1)*R], cur, c, f[(t*K+p)*R:(t*K+p+1)*R])
		}
	}
	lw := make([]float64, K)
	d := make([]float64, R)
	pick := func(logw []float64) int {
		mx := math.Inf(-1)
		for _, x := range logw {
			mx = max(mx, x)
		}
		s := 0.0
		for i, x := range logw {
			logw[i] = math.Exp(x - mx)
			s += logw[i]
		}
		u := rng.Float64() * s
		for i, x := range logw {
			if u < x {
				return i
			}
			u -= x
		}
		return len(logw) - 1
	}
	for range S {
		for p := range K {
			lw[p] = math.Log(st.w[(T-1)*K+p])
		}
		j := pick(lw)
		next := st.z[((T-1)*K+j)*R : ((T-1)*K+j+1)*R]
		for r := range R {
			mean.RawRowView(T - 1)[r] += next[r] / float64(S)
		}
		for t := T - 2; t >= 0; t-- {
			for p := range K {
				fp := f[(t*K+p)*R : (t*K+p+1)*R]
				// d = L^{-1} (z_{t+1} − f), forward substitution
				q := 0.0
				for i := range R {
					s := next[i] - fp[i]
					for jj := 0; jj < i; jj++ {
						s -= l[i*R+jj] * d[jj]
					}
					d[i] = s / l[i*R+i]
					q += d[i] * d[i]
				}
				lw[p] = math.Log(st.w[t*K+p]) - 0.5*q
			}
			j = pick(lw)
			next = st.z[(t*K+j)*R : (t*K+j+1)*R]
			for r := range R {
				mean.RawRowView(t)[r] += next[r] / float64(S)
			}
		}
	}
}

// CurrentNoiseStd returns √(tr(M Σ_z Mᵀ)/R): the latent noise scale as seen in the unit
// currents, which unlike Σ_z is invariant to rescaling the latent space.
func (m *Model) CurrentNoiseStd() float64 {
	R, N := m.Cfg.R, m.Cfg.N
	s := m.NoiseCov()
	M := m.M.Data()
	tr := 0.0
	for i := range N {
		for a := range R {
			for b := range R {
				tr += M[i*R+a] * s[a*R+b] * M[i*R+b]
			}
		}
	}
	return math.Sqrt(tr / float64(R))
}
