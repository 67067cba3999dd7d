package lowrank

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// literalRegions is Algorithm 1 of Pals et al. as written: every R-subset's vertex, the 2^R
// patterns around it, deduplicated in a set.
func literalRegions(sys *system) map[string]bool {
	r := sys.r
	set := map[string]bool{}
	S := make([]int, r)
	for i := range S {
		S[i] = i
	}
	for {
		a := mat.NewDense(r, r, nil)
		b := mat.NewVecDense(r, nil)
		for i, j := range S {
			a.SetRow(i, sys.u[j*r:(j+1)*r])
			b.SetVec(i, sys.th[j])
		}
		var v mat.VecDense
		if err := v.SolveVec(a, b); err == nil {
			z := v.RawVector().Data
			state := make([]bool, sys.p)
			for j := range sys.p {
				state[j] = dot(sys.u[j*r:(j+1)*r], z) > sys.th[j]
			}
			for combo := range 1 << r {
				for i, j := range S {
					state[j] = combo>>i&1 == 1
				}
				set[patternKey(state)] = true
			}
		}
		if !nextCombination(S, sys.p) {
			return set
		}
	}
}

// enumerated lists the patterns visited by the region enumeration, failing on a repeat.
func enumerated(t *testing.T, sys *system, workers int, seed uint64) map[string]bool {
	collect := func(w *walker, _ []int) { w.patterns = append(w.patterns, slices.Clone(w.state)) }
	ws, _, err := enumerate(context.Background(), sys, collect, workers, seed, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, w := range ws {
		for _, s := range w.patterns {
			k := patternKey(s)
			if got[k] {
				t.Errorf("region %s visited twice", k)
			}
			got[k] = true
		}
	}
	return got
}

// In general position (ReLU, random weights) the ownership enumeration visits exactly the
// regions of the literal algorithm, each once.
func TestRegionsMatchLiteralAlgorithm(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for rep := range 30 {
		r := 1 + rep%3
		n := r + 1 + rng.IntN(12)
		m, _ := RandomModel(n, r, ReLU, rng)
		p, _ := m.PWL(nil)
		sys := newSystem(p, 1e-9)
		got, want := enumerated(t, sys, 1+rep%2, uint64(rep)), literalRegions(sys)
		if len(got) != len(want) {
			t.Errorf("rep %d (N=%d R=%d): %d regions, literal algorithm %d", rep, n, r, len(got), len(want))
			continue
		}
		for k := range want {
			if !got[k] {
				t.Errorf("rep %d: region %s missed", rep, k)
			}
		}
	}
}

// On degenerate arrangements (clipped ReLU puts N hyperplanes through the origin; coincident,
// concurrent, parallel and integer-valued planes) every region hit by random points is among
// the enumerated ones, and the count stays within the bound for the hyperplanes.
func TestRegionsCoverDegenerate(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	for _, kind := range []string{"generic", "central", "coincident", "parallel", "concurrent", "integer", "lowrank"} {
		for _, phi := range []Activation{ReLU, ClippedReLU} {
			r := 2 + rng.IntN(2)
			m := randomNet(rng, 6+rng.IntN(5), r, phi, kind)
			p, _ := m.PWL(nil)
			sys := newSystem(p, 1e-9)
			got := enumerated(t, sys, 1, 7)
			bound := 0.0
			for i := 0; i <= r; i++ {
				bound += binom(sys.p, i)
			}
			if float64(len(got)) > bound {
				t.Errorf("%s %v: %d regions above the bound %v", kind, phi, len(got), bound)
			}
			z := make([]float64, r)
			for range 20000 {
				scale := []float64{0.1, 1, 10}[rng.IntN(3)]
				for k := range z {
					z[k] = scale * rng.NormFloat64()
				}
				state, boundary := sys.pattern(z)
				if !boundary && !got[patternKey(state)] {
					t.Errorf("%s %v: region of %v not enumerated", kind, phi, z)
					break
				}
			}
		}
	}
}
