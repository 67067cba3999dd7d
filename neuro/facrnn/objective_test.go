package facrnn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestObjectiveGradient checks the hand-derived gradient of NLL + KL + β·PĈ + α·BD against
// central finite differences on tiny models (linear, ReLU output, MLP).
func TestObjectiveGradient(t *testing.T) {
	cases := []struct {
		name string
		cfg  Config
	}{
		{"facrnn", Config{K: 4, H: 2, Beta: 20}},
		{"fullTC", Config{K: 3, H: 1, Beta: 5}},
		{"bdRNN", Config{K: 4, H: 2, Alpha: 1, Beta: 0.5}},
		{"reluOut", Config{K: 2, H: 1, Beta: 2, ReLUOut: true}},
		{"mlp", Config{K: 2, H: 1, Beta: 2, Hidden: 5}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			N, n := 5, 7
			cfg, err := tc.cfg.withDefaults(50, N)
			if err != nil {
				t.Fatal(err)
			}
			m := NewModel(N, cfg, rng)
			if cfg.ReLUOut || cfg.Hidden > 0 { // keep pre-activations away from the kink
				for i := range m.Dec[len(m.Dec)-1].Bias {
					m.Dec[len(m.Dec)-1].Bias[i] += 0.3
				}
			}
			obj := newObjective(m, cfg.Beta, cfg.Alpha, 50, n)
			u, x, e := make([]float64, n*N), make([]float64, n*N), make([]float64, n*N)
			for i := range u {
				u[i] = math.Tanh(rng.NormFloat64())
				x[i] = rng.NormFloat64()
				e[i] = 0.1 * rng.NormFloat64()
			}
			eps := make([]float64, n*cfg.K)
			for i := range eps {
				eps[i] = rng.NormFloat64()
			}
			tm := obj.eval(u, x, e, eps, n, true)
			if cfg.Beta > 0 && cfg.H < cfg.K && !(tm.PC != 0) {
				t.Fatalf("PC term is %v", tm.PC)
			}
			vals, grads := obj.params()
			analytic := make([][]float64, len(grads))
			for i, g := range grads {
				analytic[i] = append([]float64(nil), g...)
			}
			const h = 1e-6
			worst := 0.0
			for p, v := range vals {
				for j := range v {
					old := v[j]
					v[j] = old + h
					fp := obj.eval(u, x, e, eps, n, false).Loss
					v[j] = old - h
					fm := obj.eval(u, x, e, eps, n, false).Loss
					v[j] = old
					fd := (fp - fm) / (2 * h)
					rel := math.Abs(fd-analytic[p][j]) / max(1e-4, math.Abs(fd)+math.Abs(analytic[p][j]))
					worst = max(worst, rel)
					if rel > 1e-5 {
						t.Errorf("param %d[%d]: analytic %.8g, finite difference %.8g", p, j, analytic[p][j], fd)
					}
				}
			}
			t.Logf("loss %.4f (PC %.4f, BD %.4f), worst relative error %.2g", tm.Loss, tm.PC, tm.BD, worst)
		})
	}
}

// TestBatchPCGradient checks ∂PĈ/∂z and ∂PĈ/∂μ on strongly correlated groups, including a
// bandwidth small enough that the product of group kernels underflows (the direct fallback).
func TestBatchPCGradient(t *testing.T) {
	for _, sq := range []float64{0.5, 0.02} {
		rng := rand.New(rand.NewPCG(3, 4))
		n, K := 9, 4
		groups := [][]int{{0, 1}, {2, 3}}
		mu, z := make([]float64, n*K), make([]float64, n*K)
		for i := 0; i < n; i++ {
			a := rng.NormFloat64()
			for k := 0; k < K; k++ {
				mu[i*K+k] = a*float64(k+1)*0.4 + 0.3*rng.NormFloat64()
				z[i*K+k] = mu[i*K+k] + sq*rng.NormFloat64()
				if sq < 0.1 { // samples away from every centre: the group kernels peak at different j
					z[i*K+k] = rng.NormFloat64()
				}
			}
		}
		k := newKDE([]int{0, 2, 4}, sq, n)
		dz, dmu := make([]float64, n*K), make([]float64, n*K)
		pc := batchPC(k, z, mu, n, K, 100, 1, dz, dmu)
		if direct := directPC(z, mu, n, K, groups, sq, 100); math.Abs(direct-pc) > 1e-9*max(1, math.Abs(pc)) {
			t.Errorf("sq %v: PC %v, direct logsumexp %v", sq, pc, direct)
		}
		f := func() float64 { return batchPC(k, z, mu, n, K, 100, 0, nil, nil) }
		h := 1e-6 * sq
		for _, v := range []struct {
			name string
			x, g []float64
		}{{"z", z, dz}, {"mu", mu, dmu}} {
			for j := range v.x {
				old := v.x[j]
				v.x[j] = old + h
				fp := f()
				v.x[j] = old - h
				fm := f()
				v.x[j] = old
				fd := (fp - fm) / (2 * h)
				if math.Abs(fd-v.g[j]) > 1e-5*max(1, math.Abs(fd)) {
					t.Errorf("sq %v: d%s[%d]: analytic %.8g, finite difference %.8g", sq, v.name, j, v.g[j], fd)
				}
			}
		}
		t.Logf("sq %v: PC %.4f", sq, pc)
	}
}

// directPC evaluates the mini-batch estimator literally from its definition.
func directPC(z, mu []float64, n, K int, groups [][]int, sq, T float64) float64 {
	lse := func(S []int, i int) float64 {
		vals := make([]float64, n)
		mx := math.Inf(-1)
		for j := 0; j < n; j++ {
			v := 0.0
			for _, c := range S {
				d := z[i*K+c] - mu[j*K+c]
				v += -d*d/(2*sq*sq) - 0.5*math.Log(2*math.Pi*sq*sq)
			}
			if j != i {
				v += math.Log((T - 1) / float64(n-1))
			}
			vals[j] = v
			mx = max(mx, v)
		}
		s := 0.0
		for _, v := range vals {
			s += math.Exp(v - mx)
		}
		return mx + math.Log(s) - math.Log(T)
	}
	all := allIdx(K)
	s := 0.0
	for i := 0; i < n; i++ {
		s += lse(all, i)
		for _, S := range groups {
			s -= lse(S, i)
		}
	}
	return s / float64(n)
}
