package smc

import (
	"math"
	"math/rand/v2"
	"testing"
)

// relErr returns |got − want| / max(|want|, tiny).
func relErr(got, want float64) float64 {
	return math.Abs(got-want) / math.Max(math.Abs(want), 1e-300)
}

func TestLogPosMatchesMathLog(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	check := func(x float64) {
		t.Helper()
		if got, want := logPos(x), math.Log(x); relErr(got, want) > 1e-13 && math.Abs(got-want) > 1e-300 {
			t.Fatalf("logPos(%v) = %v, math.Log = %v (rel %.3g)", x, got, want, relErr(got, want))
		}
	}
	for _, x := range []float64{1, 2, math.Sqrt2, math.Nextafter(math.Sqrt2, 3), 0.5, 1e-6, 1 + 1e-5, 1 + 1e-15, math.SmallestNonzeroFloat64 * (1 << 52), math.MaxFloat64} {
		check(x)
	}
	for range 200000 {
		check(1 + rng.Float64())                    // log(1 + t), the softplus range
		check(math.Exp(40 * (rng.Float64() - 0.3))) // rates from 6e-6 to 1e10
		check(1 + 1e-5*rng.Float64())               // near 1, where relative accuracy is hardest
	}
}

// refLink is the link as first written (math.Log, branches): softplus max(η, 0) + log(1 + t)
// with t = exp(−|η|) (series below t = 1e-5) and derivative the logistic function.
func refLink(l Link, e float64) (lam, dlam float64) {
	if l == ExpLink {
		return math.Exp(e) + 1e-10, math.Exp(e)
	}
	t := math.Exp(-math.Abs(e))
	lp := math.Log(1 + t)
	if t < 1e-5 {
		lp = t - t*t/2
	}
	sg := 1 / (1 + t)
	if e < 0 {
		sg *= t
	}
	return max(e, 0) + lp + 1e-6, sg
}

func TestLinkMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, l := range []Link{Softplus, ExpLink} {
		for n := range 100000 {
			e := 30 * (rng.Float64() - 0.5)
			if n < 4 {
				e = []float64{0, math.Copysign(0, -1), 11.6, -11.6}[n]
			}
			lam, dl := linkOf(l, e)
			rl, rd := refLink(l, e)
			if relErr(lam, rl) > 1e-12 || relErr(dl, rd) > 1e-12 {
				t.Fatalf("link %d at %v: (%v, %v), reference (%v, %v)", l, e, lam, dl, rl, rd)
			}
		}
	}
}

// TestPoissonObsMatchesReference compares the kernel's Poisson log-likelihood, its cached
// derivatives and the backward pass with a direct evaluation of Σ_i x_i log λ_i − λ_i.
func TestPoissonObsMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	for _, R := range []int{1, 2, 3} {
		for _, l := range []Link{Softplus, ExpLink} {
			Dx := 17
			k := &kernel{R: R, Dx: Dx, obs: Poisson, link: l}
			k.x = make([]float64, Dx)
			for i := range k.x {
				k.x[i] = float64(rng.IntN(3))
			}
			k.lcc = []float64{-0.25}
			k.v[sHm], k.v[sOff] = make([]float64, Dx*R), make([]float64, Dx)
			for i := range k.v[sHm] {
				k.v[sHm][i] = 2 * rng.NormFloat64()
			}
			for i := range k.v[sOff] {
				k.v[sOff][i] = rng.NormFloat64()
			}
			st := &trialState{}
			st.g[sHm], st.g[sOff] = make([]float64, Dx*R), make([]float64, Dx)
			z, q, gz := make([]float64, R), make([]float64, Dx), make([]float64, R)
			for r := range z {
				z[r] = 3 * rng.NormFloat64()
			}
			const gl = 0.7
			ll := k.obsLL(z, 0, q, make([]float64, 2*Dx))
			k.obsBack(z, q, 0, gl, gz, st, [nSlots][]float64{})
			want, wgz := -0.25, make([]float64, R)
			for i := range Dx {
				e := k.v[sOff][i]
				for r := range R {
					e += k.v[sHm][i*R+r] * z[r]
				}
				lam, dl := refLink(l, e)
				want += k.x[i]*math.Log(lam) - lam
				ge := gl * (k.x[i]/lam - 1) * dl
				for r := range R {
					wgz[r] += k.v[sHm][i*R+r] * ge
					if d := st.g[sHm][i*R+r] - ge*z[r]; math.Abs(d) > 1e-12*(1+math.Abs(ge*z[r])) {
						t.Fatalf("R=%d link %d: ∂/∂H[%d,%d] off by %v", R, l, i, r, d)
					}
				}
				if relErr(st.g[sOff][i], ge) > 1e-12 {
					t.Fatalf("R=%d link %d: ∂/∂off[%d] = %v, want %v", R, l, i, st.g[sOff][i], ge)
				}
			}
			if relErr(ll, want) > 1e-12 {
				t.Fatalf("R=%d link %d: log-likelihood %v, want %v", R, l, ll, want)
			}
			for r := range R {
				if relErr(gz[r], wgz[r]) > 1e-12 {
					t.Fatalf("R=%d link %d: ∂/∂z[%d] = %v, want %v", R, l, r, gz[r], wgz[r])
				}
			}
		}
	}
}
