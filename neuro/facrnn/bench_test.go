package facrnn

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/internal/benchcpu"
	"gonum.org/v1/gonum/mat"
)

var (
	benchOnce  sync.Once
	benchSynth *Synthetic
	benchErr   error
)

// testSynthetic is the benchmark generator with a shortened ground-truth fit (1500 full-batch
// AdamW epochs at lr 1e-2 reach the paper's one-step MSE of about 1e-3), shared by the tests.
func testSynthetic(tb testing.TB) *Synthetic {
	benchOnce.Do(func() {
		benchSynth, benchErr = NewSynthetic(context.Background(), SynthConfig{FitEpochs: 1500, FitLR: 1e-2})
	})
	if benchErr != nil {
		tb.Fatal(benchErr)
	}
	return benchSynth
}

// BenchmarkFitFacRNN is one synthetic training run at paper scale: 5000 epochs, batch 128,
// 1000 samples, N = 20, K = 6 (G = 2, H = 3, β = 20).
// Target ≤ 20 s on one core; measured 14.9 s (14.75 CPU-s) with -cpu 1 -benchtime=1x.
func BenchmarkFitFacRNN(b *testing.B) {
	s := testSynthetic(b)
	train, _, _, err := s.Split()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu := benchcpu.Start(b)
	for i := 0; i < b.N; i++ {
		if _, err := Fit(context.Background(), train, Config{K: 6, H: 3, Beta: 20, Seed: uint64(i)}); err != nil {
			b.Fatal(err)
		}
	}
	cpu.ReportPer(1, "run")
}

// BenchmarkStep is one training step (forward, PC estimator, backward) at batch 128, N = 20,
// K = 6, G = 2: 8 steps make an epoch, so 5000 epochs need ≤ 0.5 ms per step for the 20 s
// target; measured 0.37 ms.
func BenchmarkStep(b *testing.B) {
	s := testSynthetic(b)
	train, _, _, err := s.Split()
	if err != nil {
		b.Fatal(err)
	}
	cfg, _ := Config{K: 6, H: 3, Beta: 20}.withDefaults(1000, 20)
	m := NewModel(20, cfg, rand.New(rand.NewPCG(1, 1)))
	obj := newObjective(m, 20, 0, 1000, 128)
	n := 128
	u, x, e := train.U.RawMatrix().Data[:n*20], train.X.RawMatrix().Data[:n*20], train.E.RawMatrix().Data[:n*20]
	eps := make([]float64, n*6)
	rng := rand.New(rand.NewPCG(2, 2))
	for i := range eps {
		eps[i] = rng.NormFloat64()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		obj.eval(u, x, e, eps, n, true)
	}
}

// BenchmarkPartialCorrelation is the evaluation estimator on a 1000-point test set with 10
// Monte-Carlo samples (10⁷ kernel pairs, all cores); measured 79 ms on 2 cores.
func BenchmarkPartialCorrelation(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 3))
	mu := mat.NewDense(1000, 6, nil)
	for i := range mu.RawMatrix().Data {
		mu.RawMatrix().Data[i] = rng.NormFloat64()
	}
	for i := 0; i < b.N; i++ {
		if _, err := PartialCorrelation(mu, 0.5, ContiguousGroups(6, 3), 10, 1); err != nil {
			b.Fatal(err)
		}
	}
}
