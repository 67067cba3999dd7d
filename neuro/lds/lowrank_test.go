package lds

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// withLowRankR sets a random R = diag(Ψ) + W Wᵀ with k factors on md.
func withLowRankR(t testing.TB, md *Model, k int, seed uint64) {
	t.Helper()
	_, p, _ := md.Dims()
	rng := rand.New(rand.NewPCG(seed, 31))
	psi := make([]float64, p)
	w := mat.NewDense(p, k, nil)
	for i := range p {
		psi[i] = 0.05 + 0.3*rng.Float64()
		for j := range k {
			w.Set(i, j, 0.6*rng.NormFloat64())
		}
	}
	if err := md.SetLowRankR(psi, w); err != nil {
		t.Fatal(err)
	}
}

// denseTwin is md with the same R but without the low-rank structure (the full-R path).
func denseTwin(md *Model) *Model {
	d := md.Clone()
	d.RLowRank = nil
	return d
}

func TestLowRankRMatchesDenseAndBruteForce(t *testing.T) {
	const T, tol = 7, 1e-9
	for seed := range uint64(10) {
		n, p, m := 1+int(seed%4), 3+int(seed%5), int(seed%3)
		k := 1 + int(seed%3)
		md := randomTestModel(t, seed, n, p, m, false)
		withLowRankR(t, md, k, seed)
		dn := denseTwin(md)
		for _, missFrac := range []float64{0, 0.35} {
			lengths := []int{T, T, T - 2}
			u := randomInputs(seed, lengths, m)
			_, ys, err := md.Sample(lengths, u, seed+100)
			if err != nil {
				t.Fatal(err)
			}
			if missFrac > 0 {
				maskRandom(ys, missFrac, seed)
				for i := range p { // one step with every channel missing
					ys[0].Set(2, i, math.NaN())
				}
			}
			fl, err := md.Filter(ys, u)
			if err != nil {
				t.Fatal(err)
			}
			fd, err := dn.Filter(ys, u)
			if err != nil {
				t.Fatal(err)
			}
			sl, err := md.Smooth(ys, u)
			if err != nil {
				t.Fatal(err)
			}
			sd, err := dn.Smooth(ys, u)
			if err != nil {
				t.Fatal(err)
			}
			for tr := range lengths {
				a, b := fl[tr], fd[tr]
				for _, c := range []struct {
					name string
					x, y mat.Matrix
				}{{"PredMean", a.PredMean, b.PredMean}, {"Mean", a.Mean, b.Mean},
					{"PredObs", a.PredObs, b.PredObs}, {"SmoothMean", sl[tr].Mean, sd[tr].Mean}} {
					if d := maxAbsDiff(c.x, c.y); d > tol {
						t.Fatalf("seed %d miss %v trial %d: %s differs from dense R by %g", seed, missFrac, tr, c.name, d)
					}
				}
				for s := range a.Cov {
					if d := math.Max(maxAbsDiff(a.Cov[s], b.Cov[s]), maxAbsDiff(sl[tr].Cov[s], sd[tr].Cov[s])); d > tol {
						t.Fatalf("seed %d miss %v trial %d step %d: covariance differs from dense R by %g", seed, missFrac, tr, s, d)
					}
				}
				for _, ll := range [][2]float64{{a.LogLik, b.LogLik}, {sl[tr].LogLik, sd[tr].LogLik}} {
					if math.Abs(ll[0]-ll[1]) > tol*math.Max(1, math.Abs(ll[1])) {
						t.Fatalf("seed %d miss %v trial %d: log-likelihood %v, dense R %v", seed, missFrac, tr, ll[0], ll[1])
					}
				}
				// Brute force: the exact joint Gaussian of the trial.
				var uk *mat.Dense
				if u != nil {
					uk = u[tr]
				}
				Tk := lengths[tr]
				j := buildJoint(dn, uk, Tk)
				_, _, ll := j.condition(ys[tr], Tk)
				if math.Abs(ll-a.LogLik) > tol*math.Max(1, math.Abs(ll)) {
					t.Fatalf("seed %d miss %v trial %d: log-likelihood %v, brute force %v", seed, missFrac, tr, a.LogLik, ll)
				}
				for s := range Tk {
					bm, bc, _ := j.condition(ys[tr], s+1)
					if d := maxAbsDiff(a.Mean.RowView(s), bm.SliceVec(s*n, (s+1)*n)); d > tol {
						t.Fatalf("seed %d miss %v trial %d step %d: filtered mean differs from brute force by %g", seed, missFrac, tr, s, d)
					}
					if d := maxAbsDiff(a.Cov[s], bc.Slice(s*n, (s+1)*n, s*n, (s+1)*n)); d > tol {
						t.Fatalf("seed %d miss %v trial %d step %d: filtered covariance differs from brute force by %g", seed, missFrac, tr, s, d)
					}
				}
				bm, bc, _ := j.condition(ys[tr], Tk)
				for s := range Tk {
					if d := maxAbsDiff(sl[tr].Mean.RowView(s), bm.SliceVec(s*n, (s+1)*n)); d > tol {
						t.Fatalf("seed %d miss %v trial %d step %d: smoothed mean differs from brute force by %g", seed, missFrac, tr, s, d)
					}
					if d := maxAbsDiff(sl[tr].Cov[s], bc.Slice(s*n, (s+1)*n, s*n, (s+1)*n)); d > tol {
						t.Fatalf("seed %d miss %v trial %d step %d: smoothed covariance differs from brute force by %g", seed, missFrac, tr, s, d)
					}
				}
			}
			ll, err := md.LogLikelihood(ys, u)
			if err != nil {
				t.Fatal(err)
			}
			lld, err := dn.LogLikelihood(ys, u)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(ll-lld) > tol*math.Max(1, math.Abs(lld)) {
				t.Fatalf("seed %d miss %v: LogLikelihood %v, dense R %v", seed, missFrac, ll, lld)
			}
		}
	}
}

// More factors than states and a long trial: the batched reduction of fully observed trials
// and the converged Riccati recursion with the Woodbury form.
func TestLowRankRLongTrialMatchesDense(t *testing.T) {
	md := randomTestModel(t, 3, 3, 40, 0, false)
	withLowRankR(t, md, 6, 3)
	dn := denseTwin(md)
	_, ys, err := md.Sample([]int{400}, nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	a, err := md.Smooth(ys, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := dn.Smooth(ys, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := maxAbsDiff(a[0].Mean, b[0].Mean); d > 1e-9 {
		t.Fatalf("smoothed means differ from dense R by %g", d)
	}
	if d := math.Abs(a[0].LogLik - b[0].LogLik); d > 1e-9*math.Abs(b[0].LogLik) {
		t.Fatalf("log-likelihood %v, dense R %v", a[0].LogLik, b[0].LogLik)
	}
}

func TestLowRankRBadInput(t *testing.T) {
	md := randomTestModel(t, 1, 2, 5, 0, false)
	good := mat.NewDense(5, 2, []float64{1, 0, 0, 1, 1, 1, 0.5, 0, 0, 0.5})
	psi := []float64{1, 1, 1, 1, 1}
	for _, c := range []struct {
		name string
		psi  []float64
		w    *mat.Dense
		want string
	}{
		{"negative psi", []float64{1, -0.1, 1, 1, 1}, good, "Psi[1] = -0.1"},
		{"zero psi", []float64{1, 1, 0, 1, 1}, good, "Psi[2] = 0"},
		{"NaN psi", []float64{1, 1, 1, math.NaN(), 1}, good, "Psi[3] = NaN"},
		{"Inf psi", []float64{math.Inf(1), 1, 1, 1, 1}, good, "Psi[0] = +Inf"},
		{"short psi", []float64{1, 1}, good, "Psi has length 2"},
		{"nil W", psi, nil, "W is nil"},
		{"W rows", psi, mat.NewDense(4, 2, nil), "W is 4×2"},
		{"NaN W", psi, mat.NewDense(5, 1, []float64{0, 0, math.NaN(), 0, 0}), "W has NaN"},
	} {
		err := md.Clone().SetLowRankR(c.psi, c.w)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	// A structure that does not match the dense R, or is broken after being set.
	if err := md.SetLowRankR(psi, good); err != nil {
		t.Fatal(err)
	}
	bad := md.Clone()
	bad.R.SetSym(0, 1, bad.R.At(0, 1)+1e-3)
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "R differs") {
		t.Errorf("inconsistent R: error %v", err)
	}
	bad = md.Clone()
	bad.RLowRank.Psi[4] = -1
	if _, err := bad.Filter([]*mat.Dense{mat.NewDense(3, 5, nil)}, nil); err == nil || !strings.Contains(err.Error(), "Psi[4]") {
		t.Errorf("negative Psi after SetLowRankR: error %v", err)
	}
	bad = md.Clone()
	bad.RLowRank.W = mat.NewDense(5, 3, nil)
	if err := bad.Validate(); err == nil {
		t.Errorf("W replaced by another shape: no error")
	}
	if err := (&Model{}).SetLowRankR(psi, good); err == nil {
		t.Errorf("model without C: no error")
	}
	// SetLowRankR copies its arguments.
	psi[0] = -5
	good.Set(0, 0, 100)
	if err := md.Validate(); err != nil {
		t.Errorf("arguments changed after SetLowRankR: %v", err)
	}
}

// Lesion keeps the structure of R on the remaining channels; EM replaces it by its estimate.
func TestLowRankRLesionAndEM(t *testing.T) {
	md := randomTestModel(t, 2, 2, 6, 0, false)
	withLowRankR(t, md, 2, 2)
	les, err := Lesion(md, []int{1, 4})
	if err != nil {
		t.Fatal(err)
	}
	if les.RLowRank == nil || len(les.RLowRank.Psi) != 4 {
		t.Fatalf("lesioned model lost the low-rank R structure")
	}
	if err := les.Validate(); err != nil {
		t.Fatal(err)
	}
	_, ys, err := md.Sample([]int{60, 60}, nil, 9)
	if err != nil {
		t.Fatal(err)
	}
	fit, _, err := FitEM(context.Background(), ys, nil, Config{States: 2, Init: md, MaxIter: 3})
	if err != nil {
		t.Fatal(err)
	}
	if fit.RLowRank != nil || !isDiagonal(fit.R) {
		t.Fatalf("EM with diagonal R: fitted model keeps a low-rank structure or a non-diagonal R")
	}
}

// The steady-state filter reads the same reduced observation.
func TestLowRankRSteadyStateMatchesDense(t *testing.T) {
	md := randomTestModel(t, 5, 3, 15, 1, false)
	withLowRankR(t, md, 3, 5)
	a, err := md.SteadyState()
	if err != nil {
		t.Fatal(err)
	}
	b, err := denseTwin(md).SteadyState()
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Max(maxAbsDiff(a.K, b.K), maxAbsDiff(a.P, b.P)); d > 1e-9 {
		t.Fatalf("steady-state gain or covariance differs from dense R by %g", d)
	}
}
