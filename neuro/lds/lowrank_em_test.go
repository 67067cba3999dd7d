package lds

import (
	"context"
	"math"
	"strings"
	"testing"
)

func TestEMLowRankRLogLikelihoodNeverDecreases(t *testing.T) {
	cases := []struct {
		n, p, m, k int
		miss       float64
		lengths    []int
	}{
		{n: 2, p: 8, k: 2, lengths: []int{80, 60}},
		{n: 3, p: 10, m: 1, k: 1, lengths: []int{100}},
		{n: 2, p: 7, k: 2, miss: 0.2, lengths: []int{70, 50}},
		{n: 3, p: 9, m: 2, k: 3, miss: 0.1, lengths: []int{60, 60}},
	}
	for ci, c := range cases {
		for seed := range uint64(3) {
			seed := seed + 10*uint64(ci)
			truth := randomTestModel(t, seed, c.n, c.p, c.m, false)
			withLowRankR(t, truth, c.k, seed)
			u := randomInputs(seed, c.lengths, c.m)
			_, y, err := truth.Sample(c.lengths, u, seed)
			if err != nil {
				t.Fatal(err)
			}
			if c.miss > 0 {
				maskRandom(y, c.miss, seed)
			}
			fit, res, err := FitEM(context.Background(), y, u, Config{
				Init: poorStart(t, c.n, c.p, c.m, seed), MaxIter: 40, Tol: 1e-300, RFactors: c.k,
			})
			if err != nil {
				t.Fatalf("case %d seed %d: %v", ci, seed, err)
			}
			ll := res.LogLik
			for i := 1; i < len(ll); i++ {
				if ll[i] < ll[i-1]-1e-9*math.Abs(ll[i-1]) {
					t.Fatalf("case %d seed %d: log-likelihood decreased at iteration %d: %.12g -> %.12g", ci, seed, i, ll[i-1], ll[i])
				}
			}
			if !(ll[len(ll)-1] > ll[0]) {
				t.Fatalf("case %d seed %d: no improvement from the poor start (%v -> %v)", ci, seed, ll[0], ll[len(ll)-1])
			}
			if fit.RLowRank == nil {
				t.Fatalf("case %d seed %d: fitted model has no low-rank R", ci, seed)
			}
			if _, k := fit.RLowRank.W.Dims(); k != c.k {
				t.Fatalf("case %d seed %d: fitted W has %d columns, want %d", ci, seed, k, c.k)
			}
			if err := fit.Validate(); err != nil {
				t.Fatalf("case %d seed %d: %v", ci, seed, err)
			}
		}
	}
}

// Shared observation noise that the diagonal model cannot express: starting both from the truth,
// the low-rank fit ends with a higher log-likelihood than the diagonal-R fit.
func TestEMLowRankRBeatsDiagonalOnSharedNoise(t *testing.T) {
	truth := randomTestModel(t, 4, 2, 12, 0, false)
	withLowRankR(t, truth, 2, 4)
	_, y, err := truth.Sample([]int{300, 300}, nil, 4)
	if err != nil {
		t.Fatal(err)
	}
	_, lr, err := FitEM(context.Background(), y, nil, Config{Init: truth, MaxIter: 30, RFactors: 2})
	if err != nil {
		t.Fatal(err)
	}
	_, dg, err := FitEM(context.Background(), y, nil, Config{Init: truth, MaxIter: 30})
	if err != nil {
		t.Fatal(err)
	}
	a, b := lr.LogLik[len(lr.LogLik)-1], dg.LogLik[len(dg.LogLik)-1]
	if !(a > b+10) {
		t.Fatalf("low-rank R log-likelihood %v, diagonal R %v: want clearly higher", a, b)

	}
}

func TestEMLowRankRConfigErrors(t *testing.T) {
	truth := randomTestModel(t, 1, 2, 5, 0, false)
	_, y, err := truth.Sample([]int{50}, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{Init: truth, RFactors: -1}, "RFactors = -1"},
		{Config{Init: truth, RFactors: 2, FullR: true}, "not both"},
		{Config{Init: truth, RFactors: 5}, "fewer than p = 5"},
		{Config{Init: truth, RFactors: 2, Fixed: Fixed{R: true}}, "Fixed.R"},
	} {
		if _, _, err := FitEM(context.Background(), y, nil, c.cfg); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("RFactors %d: error %v, want one containing %q", c.cfg.RFactors, err, c.want)
		}
	}
}
