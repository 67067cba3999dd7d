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

func TestLogIntoMatchesMathLog(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	xs := []float64{1, 2, math.Sqrt2, math.Nextafter(math.Sqrt2, 3), math.Nextafter(math.Sqrt2, 0), 0.5, 1e-6,
		1 + 1e-5, 1 + 1e-15, 0x1p-1022, math.MaxFloat64}
	for range 200000 {
		xs = append(xs,
			1+rng.Float64(),                  // log(1 + t), the softplus range
			math.Exp(40*(rng.Float64()-0.3)), // rates from 6e-6 to 1e10
			1+1e-5*rng.Float64())             // near 1, where relative accuracy is hardest
	}
	got := make([]float64, len(xs))
	for n := range 9 { // short and ragged lengths: vector blocks plus a scalar tail
		logInto(got[:n], xs[:n])
	}
	logInto(got, xs)
	for i, x := range xs {
		if want := math.Log(x); got[i] != want && relErr(got[i], want) > 1e-13 {
			t.Fatalf("logInto(%v) = %v, math.Log = %v (rel %.3g)", x, got[i], want, relErr(got[i], want))
		}
	}
}

// TestPoissonObsMatchesReference compares the kernel's Poisson log-likelihood, its derivatives
// q and latent adjoint Hᵀq with a direct evaluation of Σ_i x_i log λ_i − λ_i through linkOf
// (math.Exp, math.Log, branches), over rates from tiny to large.
func TestPoissonObsMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	for _, R := range []int{1, 2, 3} {
		for _, l := range []Link{Softplus, ExpLink} {
			for draw := range 300 {
				Dx := 17
				k := &kernel{R: R, Dx: Dx, obs: Poisson, link: l}
				k.x = make([]float64, Dx)
				if draw%10 != 0 { // every tenth row has no spikes
					for i := range k.x {
						k.x[i] = float64(rng.IntN(3))
					}
				}
				k.indexSpikes()
				k.lcc = []float64{-0.25}
				k.v[sHm], k.v[sOff] = make([]float64, Dx*R), make([]float64, Dx)
				for i := range k.v[sHm] {
					k.v[sHm][i] = 2 * rng.NormFloat64()
				}
				for i := range k.v[sOff] {
					k.v[sOff][i] = rng.NormFloat64()
				}
				if packed(R) {
					k.packReadout()
				}
				z, q, adj := make([]float64, R), make([]float64, Dx), make([]float64, R)
				for r := range z {
					z[r] = 4 * rng.NormFloat64() // |η| up to ~40: both softplus branches, tiny and huge rates
				}
				ll := poissonObs1(k, z, q, adj)
				want, wadj := -0.25, make([]float64, R)
				for i := range Dx {
					e := k.v[sOff][i]
					for r := range R {
						e += k.v[sHm][i*R+r] * z[r]
					}
					lam, dl := linkOf(l, e)
					want += k.x[i]*math.Log(lam) - lam
					ge := (k.x[i]/lam - 1) * dl
					for r := range R {
						wadj[r] += k.v[sHm][i*R+r] * ge
					}
					if relErr(q[i], ge) > 1e-12 {
						t.Fatalf("R=%d link %d: ∂/∂η[%d] = %v, want %v", R, l, i, q[i], ge)
					}
				}
				if relErr(ll, want) > 1e-12 {
					t.Fatalf("R=%d link %d: log-likelihood %v, want %v", R, l, ll, want)
				}
				for r := range R {
					if relErr(adj[r], wadj[r]) > 1e-12 && math.Abs(adj[r]-wadj[r]) > 1e-12 {
						t.Fatalf("R=%d link %d draw %d: (Hᵀq)[%d] = %v, want %v", R, l, draw, r, adj[r], wadj[r])
					}
				}
			}
		}
	}
}

func TestExpIntoMatchesMathExp(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 11))
	xs := []float64{0, math.Copysign(0, -1), 1, -1, math.Ln2 / 2, -math.Ln2 / 2, 699.9, -699.9, 700, -700,
		709, -745, -800, 800, math.Inf(1), math.Inf(-1), math.NaN(), 3}
	for range 200000 {
		xs = append(xs,
			-40*rng.Float64(),            // exp(−|η|) of the softplus
			60*(rng.Float64()-0.5),       // exp(η) of the exponential link
			1400*(rng.Float64()-0.5),     // the whole vector range
			math.Ln2*(rng.Float64()-0.5)) // no reduction
	}
	check := func(got, src []float64) {
		t.Helper()
		for i, x := range src {
			want := math.Exp(x)
			if math.IsNaN(want) != math.IsNaN(got[i]) || got[i] != want && !math.IsNaN(want) && relErr(got[i], want) > 1e-13 {
				t.Fatalf("expInto(%v) = %v, math.Exp = %v (rel %.3g)", x, got[i], want, relErr(got[i], want))
			}
		}
	}
	got := make([]float64, len(xs))
	for n := range 23 { // short and ragged lengths, out-of-range lanes in various blocks
		expInto(got[:n], xs[:n])
		check(got[:n], xs[:n])
	}
	expInto(got, xs)
	check(got, xs)
	in := append([]float64(nil), xs...)
	expInto(in, in) // in place
	check(in, xs)
}

// TestSystematicMatchesSearch compares the branch-free systematic resampling with the
// search it replaces (the first i < K−1 with cum[i] ≥ (u + k)/K) on random weights with zeros,
// ties and dominant particles, and on positions that fall exactly on cumulative weights.
func TestSystematicMatchesSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for draw := range 20000 {
		K := 1 + rng.IntN(70)
		w := make([]float64, K)
		for k := range w {
			switch rng.IntN(4) {
			case 0: // zero weight
			case 1:
				w[k] = 1 // ties
			default:
				w[k] = math.Exp(4 * rng.NormFloat64())
			}
		}
		w[rng.IntN(K)] += 1e-3
		cum := make([]float64, K)
		s := 0.0
		for k, x := range w {
			s += x
			cum[k] = s
		}
		for k := range cum {
			cum[k] /= s
		}
		u := rng.Float64()
		if draw%5 == 0 { // a position exactly on a cumulative weight
			k, i := rng.IntN(K), rng.IntN(K)
			u = cum[i]*float64(K) - float64(k)
			if u < 0 || u >= 1 || (u+float64(k))/float64(K) != cum[i] {
				u = 0
			}
		}
		want := make([]int32, K)
		i := 0
		for k := range want {
			pos := (u + float64(k)) / float64(K)
			for i < K-1 && cum[i] < pos {
				i++
			}
			want[k] = int32(i)
		}
		got := make([]int32, K)
		systematic(cum, u, got)
		for k := range want {
			if got[k] != want[k] {
				t.Fatalf("draw %d (K=%d, u=%v): anc[%d] = %d, want %d", draw, K, u, k, got[k], want[k])
			}
		}
	}
}
