package smc

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
	"github.com/neurodyn/neurodyn/neuro/internal/benchcpu"
	"gonum.org/v1/gonum/mat"
)

// benchData returns trials of Gaussian or Poisson noise of the given size (speed only).
func benchData(trials, T, dx int, poisson bool) []*mat.Dense {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]*mat.Dense, trials)
	for i := range out {
		d := mat.NewDense(T, dx, nil)
		for j := range d.RawMatrix().Data {
			if poisson {
				d.RawMatrix().Data[j] = float64(rng.IntN(10) / 8)
			} else {
				d.RawMatrix().Data[j] = rng.NormFloat64()
			}
		}
		out[i] = d
	}
	return out
}

func benchEpoch(b *testing.B, mc ModelConfig, cfg Config, trials, T int, enc bool, workers int) {
	m, err := NewModel(mc)
	if err != nil {
		b.Fatal(err)
	}
	if enc {
		if m.Enc, err = NewCNN(mc.Dx, mc.R, []int{64, 64}, []int{21, 11, 1}, 0.1, autodiff.PadCircular, 1); err != nil {
			b.Fatal(err)
		}
	}
	data := benchData(trials, T, mc.Dx, mc.Obs == Poisson)
	cfg.Epochs, cfg.Workers = 1, workers
	b.ResetTimer()
	cpu := benchcpu.Start(b)
	for range b.N {
		if _, err := Fit(context.Background(), m, data, nil, cfg); err != nil {
			b.Fatal(err)
		}
	}
	cpu.ReportPer(1, "epoch")
}

// Gaussian oscillator, optimal proposal: N = 20, R = 2, d_x = 20, K = 64, B = 10, T = 75,
// 20 batches per epoch. Target ≤ 0.3 s per epoch; PyTorch 1 thread: 3.1 s CPU (spec §7).
func BenchmarkEpochGaussianOsc(b *testing.B) {
	mc := ModelConfig{N: 20, R: 2, Dx: 20, Decay0: 0.7}
	cfg := Config{Particles: 64, BatchSize: 10}
	b.Run("1goroutine", func(b *testing.B) { benchEpoch(b, mc, cfg, 200, 75, false, 1) })
	b.Run("gomaxprocs", func(b *testing.B) { benchEpoch(b, mc, cfg, 200, 75, false, 0) })
}

// Poisson oscillator, CNN-encoder proposal: N = 40, R = 2, d_x = 40, K = 64, B = 10, T = 200,
// 40 batches; encoder [21, 11, 1] × [64, 64]. Target ≤ 2 s per epoch (particle filter ≤ 1 s,
// encoder ≤ 0.9 s of it); PyTorch: 18.7 s.
func BenchmarkEpochPoissonCNN(b *testing.B) {
	mc := ModelConfig{N: 40, R: 2, Dx: 40, Obs: Poisson, Noise: DiagNoise, TrainGain: true}
	cfg := Config{Proposal: Encoder, Particles: 64, BatchSize: 10}
	b.Run("1goroutine", func(b *testing.B) { benchEpoch(b, mc, cfg, 400, 200, true, 1) })
	b.Run("gomaxprocs", func(b *testing.B) { benchEpoch(b, mc, cfg, 400, 200, true, 0) })
}

// EEG, optimal proposal: N = 512, R = 3, d_x = 64 affine, clipped ReLU, K = 10, B = 10, T = 50,
// 50 batches. Target ≤ 0.5 s per epoch (with margin: ≤ 0.45 s); PyTorch: 4.95 s.
func BenchmarkEpochEEG(b *testing.B) {
	mc := ModelConfig{N: 512, R: 3, Dx: 64, Readout: Affine, Phi: ClippedReLU}
	cfg := Config{Particles: 10, BatchSize: 10, TrialsPerEpoch: 500, Window: 50}
	b.Run("1goroutine", func(b *testing.B) { benchEpoch(b, mc, cfg, 1, 9640, false, 1) })
	b.Run("gomaxprocs", func(b *testing.B) { benchEpoch(b, mc, cfg, 1, 9640, false, 0) })
}
