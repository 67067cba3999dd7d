package lds

import (
	"runtime"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/internal/benchcpu"
	"gonum.org/v1/gonum/mat"
)

// Kalman filter with R = diag(Ψ) + W Wᵀ, p = 300 channels, n = 20 states, k = 5 factors, single
// goroutine: the Woodbury path ("lowrank") against the same model with the dense R ("dense",
// O(p³) per set of observed channels). "full": T = 1000 fully observed steps (one pattern; both
// paths then cost O(n p) per step). "missing10": T = 100 steps with 10% of entries missing at
// random, so every step has its own pattern: O(p (n + k)²) versus O(p³) per step.
// No peer figure in the issue; the target is that the low-rank path does not grow as p³.
func BenchmarkFilterLowRankR(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	for _, c := range []struct {
		name string
		T    int
		miss float64
	}{{"full", 1000, 0}, {"missing10", 100, 0.1}} {
		md, y := benchModel(b, 20, 300, c.T)
		withLowRankR(b, md, 5, 1)
		if c.miss > 0 {
			maskRandom(y, c.miss, 3)
		}
		for _, v := range []struct {
			name string
			md   *Model
		}{{"lowrank", md}, {"dense", denseTwin(md)}} {
			b.Run(c.name+"/"+v.name, func(b *testing.B) {
				cpu := benchcpu.Start(b)
				for b.Loop() {
					if _, err := v.md.Filter([]*mat.Dense{y[0]}, nil); err != nil {
						b.Fatal(err)
					}
				}
				reportSteps(b, cpu, c.T)
			})
		}
	}
}

// One EM iteration with R = diag(Ψ) + W Wᵀ (Config.RFactors = 5): T = 1000 fully observed steps,
// p = 300, n = 20, single goroutine; the full-R iteration on the same data for comparison.
// No peer figure in the issue; BenchmarkEMIteration (diagonal R) targets ≤ 15 ms.
func BenchmarkEMIterationLowRankR(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	md, y := benchModel(b, 20, 300, 1000)
	withLowRankR(b, md, 5, 1)
	for _, c := range []struct {
		name string
		cfg  Config
	}{{"lowrank", Config{Init: md, RFactors: 5}}, {"fullR", Config{Init: denseTwin(md), FullR: true}}} {
		b.Run(c.name, func(b *testing.B) {
			cfg := c.cfg
			if err := cfg.defaults(); err != nil {
				b.Fatal(err)
			}
			md := cfg.Init
			ed, err := newEMData(y, nil, md, cfg)
			if err != nil {
				b.Fatal(err)
			}
			cpu := benchcpu.Start(b)
			for b.Loop() {
				s, err := ed.estep(md, y, nil, true)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := ed.mstep(md, s, &cfg); err != nil {
					b.Fatal(err)
				}
			}
			cpu.Report()
		})
	}
}
