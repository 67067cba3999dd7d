package facrnn

import (
	"context"
	"sync"
	"testing"
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
// Target ≤ 20 s on one core (PyTorch reference on CPU: minutes per run).
func BenchmarkFitFacRNN(b *testing.B) {
	s := testSynthetic(b)
	train, _, _, err := s.Split()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := Fit(context.Background(), train, Config{K: 6, H: 3, Beta: 20, Seed: uint64(i)}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/run")
}
