package lds

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// maskRandom sets a fraction of the entries of every trial to NaN.
func maskRandom(data []*mat.Dense, frac float64, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 77))
	for _, y := range data {
		T, p := y.Dims()
		for t := range T {
			for i := range p {
				if rng.Float64() < frac {
					y.Set(t, i, math.NaN())
				}
			}
		}
	}
}

// poorStart is a deliberately bad model with the right dimensions: a slow random rotation, a
// random C unrelated to the truth and wrong noise levels.
func poorStart(t *testing.T, n, p, m int, seed uint64) *Model {
	t.Helper()
	md, err := RandomModel(RandomConfig{States: n, Channels: p, Inputs: m, MaxRadius: 0.5, StateNoise: 1, ObsNoise: 3, Seed: seed + 1000})
	if err != nil {
		t.Fatal(err)
	}
	return md
}

func TestEMLogLikelihoodNeverDecreases(t *testing.T) {
	type tc struct {
		n, p, m  int
		fullR    bool
		miss     float64
		noOffset bool
		fixed    Fixed
		lengths  []int
	}
	cases := []tc{
		{n: 2, p: 5, lengths: []int{60, 45, 80}},
		{n: 3, p: 8, m: 2, lengths: []int{50, 70}},
		{n: 3, p: 6, fullR: true, lengths: []int{120}},
		{n: 2, p: 5, miss: 0.25, lengths: []int{60, 40, 70}},
		{n: 3, p: 6, m: 1, miss: 0.2, fullR: true, lengths: []int{80, 50}},
		{n: 4, p: 10, miss: 0.3, noOffset: true, lengths: []int{90}},
		{n: 2, p: 4, m: 2, fixed: Fixed{C: true, Q: true}, lengths: []int{100, 30}},
		{n: 3, p: 7, m: 1, fixed: Fixed{A: true, D: true, Init: true}, miss: 0.1, lengths: []int{70, 70}},
		{n: 1, p: 3, fixed: Fixed{R: true, Dout: true}, lengths: []int{150}},
		{n: 5, p: 12, m: 2, fullR: true, fixed: Fixed{B: true}, lengths: []int{40, 40, 40, 40}},
	}
	for ci, c := range cases {
		for seed := range uint64(5) {
			seed := seed + 10*uint64(ci)
			truth := randomTestModel(t, seed, c.n, c.p, c.m, c.fullR)
			u := randomInputs(seed, c.lengths, c.m)
			_, y, err := truth.Sample(c.lengths, u, seed)
			if err != nil {
				t.Fatal(err)
			}
			if c.miss > 0 {
				maskRandom(y, c.miss, seed)
			}
			_, res, err := FitEM(context.Background(), y, u, Config{
				Init: poorStart(t, c.n, c.p, c.m, seed), MaxIter: 40, Tol: 1e-300,
				FullR: c.fullR, NoOffset: c.noOffset, Fixed: c.fixed,
			})
			if err != nil {
				t.Fatalf("case %d seed %d: %v", ci, seed, err)
			}
			ll := res.LogLik
			if len(ll) != 41 {
				t.Fatalf("case %d: %d log-likelihoods, want 41", ci, len(ll))
			}
			for i := 1; i < len(ll); i++ {
				if ll[i] < ll[i-1]-1e-9*math.Abs(ll[i-1]) {
					t.Fatalf("case %d seed %d: log-likelihood decreased at iteration %d: %.12g -> %.12g", ci, seed, i, ll[i-1], ll[i])
				}
			}
			if !(ll[len(ll)-1] > ll[0]) {
				t.Fatalf("case %d seed %d: no improvement from the poor start (%v -> %v)", ci, seed, ll[0], ll[len(ll)-1])
			}
		}
	}
}
