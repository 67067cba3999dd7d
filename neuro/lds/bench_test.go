package lds

import (
	"runtime"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/internal/benchcpu"
	"gonum.org/v1/gonum/mat"
)

func benchModel(b *testing.B, n, p, T int) (*Model, []*mat.Dense) {
	b.Helper()
	md, err := RandomModel(RandomConfig{States: n, Channels: p, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	_, y, err := md.Sample([]int{T}, nil, 2)
	if err != nil {
		b.Fatal(err)
	}
	return md, y
}

// One EM iteration (E-step: filter + smoother + sufficient statistics; closed-form M-step) for
// T = 1000, p = 300 channels, n = 20 states, diagonal R, single goroutine.
// Target ≤ 15 ms; NumPy information form: 0.21 s; NumPy naive: 2.4 s.
func BenchmarkEMIteration(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	md, y := benchModel(b, 20, 300, 1000)
	cfg := Config{Init: md}
	if err := cfg.defaults(); err != nil {
		b.Fatal(err)
	}
	ed, err := newEMData(y, nil, md, cfg)
	if err != nil {
		b.Fatal(err)
	}
	cpu := benchcpu.Start(b)
	for b.Loop() {
		s, err := ed.estep(md, y, nil, false)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ed.mstep(md, s, &cfg); err != nil {
			b.Fatal(err)
		}
	}
	cpu.Report()
}

// reportSteps adds per-time-step wall and CPU figures for T steps per op.
func reportSteps(b *testing.B, cpu benchcpu.Timer, T int) {
	cpu.Report()
	cpu.ReportPer(T, "step")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*T), "ns/step")
}

// Steady-state filter, 6 states, 30 channels, per step (single goroutine).
// Target ≤ 1 µs/step; PyPSID Python loop: 7 µs/step.
func BenchmarkSteadyStateFilter(b *testing.B) {
	const T = 10000
	md, y := benchModel(b, 6, 30, T)
	ss, err := md.SteadyState()
	if err != nil {
		b.Fatal(err)
	}
	cpu := benchcpu.Start(b)
	for b.Loop() {
		if _, err := ss.Filter(y[0], nil); err != nil {
			b.Fatal(err)
		}
	}
	reportSteps(b, cpu, T)
}

// Exact (time-varying) Kalman filter and RTS smoother, 6 states, 30 channels, T = 10000, fully
// observed: the covariance recursion is shared once converged, so this is O(n² + n p) per step.
func BenchmarkSmooth(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	const T = 10000
	md, y := benchModel(b, 6, 30, T)
	cpu := benchcpu.Start(b)
	for b.Loop() {
		if _, err := md.Smooth(y, nil); err != nil {
			b.Fatal(err)
		}
	}
	reportSteps(b, cpu, T)
}

// One EM iteration with 20% of entries missing at random (every step has its own observation
// pattern, so every step runs its own O(n³) covariance update): T = 1000, p = 300, n = 20.
// No peer figure: dynamax has no missing-data EM; ssm's masked Laplace-EM is approximate.
func BenchmarkEMIterationMissing(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	md, y := benchModel(b, 20, 300, 1000)
	maskRandom(y, 0.2, 1)
	cfg := Config{Init: md}
	if err := cfg.defaults(); err != nil {
		b.Fatal(err)
	}
	ed, err := newEMData(y, nil, md, cfg)
	if err != nil {
		b.Fatal(err)
	}
	cpu := benchcpu.Start(b)
	for b.Loop() {
		s, err := ed.estep(md, y, nil, false)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ed.mstep(md, s, &cfg); err != nil {
			b.Fatal(err)
		}
	}
	cpu.Report()
}
