package lowrank

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/internal/benchcpu"
)

func benchFixedPoints(b *testing.B, n, r int) {
	rng := rand.New(rand.NewPCG(uint64(n), uint64(r)))
	p, err := randomNet(rng, n, r, ReLU, "generic").PWL(nil)
	if err != nil {
		b.Fatal(err)
	}
	var res *FixedPointResult
	cpu := benchcpu.Start(b)
	for b.Loop() {
		res, err = FixedPointsPWL(context.Background(), p, FixedPointConfig{})
		if err != nil {
			b.Fatal(err)
		}
	}
	cpu.Report()
	b.ReportMetric(float64(res.Regions), "regions")
}

// target ≤ 10 ms; NumPy implementation (Python loops): 1.8 s. Measured here: 2–7 ms wall,
// 2.4 ms CPU (two workers).
func BenchmarkFixedPointsN128R2(b *testing.B) { benchFixedPoints(b, 128, 2) }

// target ≤ 10 s (22.4 million candidate regions). Measured here: 7.6 s CPU over two workers
// (≈ 4 s wall on two free cores; 16 s wall at load average 7–10).
func BenchmarkFixedPointsN512R3(b *testing.B) { benchFixedPoints(b, 512, 3) }

// Scaling over N and R; the NumPy implementation takes 0.2 s at N = 60, R = 2 and 1.8 s at
// N = 128, R = 2.
func BenchmarkFixedPointsScaling(b *testing.B) {
	for _, r := range []int{1, 2, 3} {
		for _, n := range []int{32, 64, 128, 256} {
			b.Run(fmt.Sprintf("R=%d/N=%d", r, n), func(b *testing.B) { benchFixedPoints(b, n, r) })
		}
	}
}

// One BPTT step of teacher training (oscillator: N = 20, R = 2, batch 16, T = 150).
// Peer: the shipped teachers were trained with PyTorch; no per-step figure is published.
func BenchmarkTrainOscillatorStep(b *testing.B) {
	cpu := benchcpu.Start(b)
	defer cpu.Report()
	for b.Loop() {
		if _, _, err := TrainTeacher(context.Background(), OscillationTask{Period: 50},
			TrainConfig{N: 20, R: 2, Iterations: 1, NoiseStd: 0.05}); err != nil {
			b.Fatal(err)
		}
	}
}

// 20 repeats of the approximate search with 7000 inverses on an N = 60, R = 2 network (the
// paper's Fig. 8 setting). Peer: the repo's Python implementation took 42 s for one
// 50000-inverse run at N = 128.
func BenchmarkApproxSweepN60(b *testing.B) {
	rng := rand.New(rand.NewPCG(60, 2))
	p, _ := randomNet(rng, 60, 2, ReLU, "generic").PWL(nil)
	cpu := benchcpu.Start(b)
	defer cpu.Report()
	for b.Loop() {
		if _, err := ApproxSweep(context.Background(), p, []int{1000, 7000}, 20, false, 1, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// A 1000-step noisy latent simulation of an N = 512, R = 3 model.
func BenchmarkSimulateN512R3(b *testing.B) {
	rng := rand.New(rand.NewPCG(512, 3))
	m := randomNet(rng, 512, 3, ClippedReLU, "generic")
	m.NoiseChol = eye(3)
	for b.Loop() {
		if _, err := m.Simulate([]float64{0.1, 0, 0}, nil, 1000, rand.New(rand.NewPCG(1, 1))); err != nil {
			b.Fatal(err)
		}
	}
}
