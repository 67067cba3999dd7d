package optim

import (
	"math/rand/v2"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/internal/benchcpu"
)

// BenchmarkRAdamStep: one RAdam step over the 99,204 parameters of the Poisson teacher–student
// CNN encoder of Pals et al. (2024). No peer figure for the step alone (torch's whole VSMC
// epoch is 18.7 s); target ≤ 1 ms, negligible against a batch's forward + backward.
func BenchmarkRAdamStep(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	sizes := []int{21 * 40 * 64, 64, 11 * 64 * 64, 64, 64 * 2, 2, 64 * 2, 2}
	values, grads := make([][]float64, len(sizes)), make([][]float64, len(sizes))
	total := 0
	for i, n := range sizes {
		values[i], grads[i] = make([]float64, n), make([]float64, n)
		for j := range n {
			values[i][j], grads[i][j] = rng.NormFloat64(), rng.NormFloat64()
		}
		total += n
	}
	o, err := NewSlices(values, grads, Config{Method: RAdam})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu := benchcpu.Start(b)
	for range b.N {
		if err := o.Step(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(total), "params")
	cpu.Report()
}
