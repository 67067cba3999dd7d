package microkernel

import (
	"math/rand/v2"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/internal/cpufeat"
)

// BenchmarkGather32 runs the sparse forward product of the encoder benchmark's first layer for
// one sequence as neuro/smc runs it: 200 output rows, 21 taps over 40 channels at 20 % density,
// a 64-wide kernel, two taps per call (their 32-wide slice of the kernel stays in L1).
// Part of BenchmarkEncoderBatch in neuro/smc (target ≤ 20 ms per batch; PyTorch epoch 18.7 s).
func BenchmarkGather32(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	const T, k, cin, ld, tb = 200, 21, 40, 64, 2
	s := randSparse(rng, T, cin, ld, 0.2, T, k)
	s.RowStride = k
	for i := range s.Rows {
		s.Rows[i] = int32(rng.IntN(T))
	}
	w := make([]float64, k*s.Step+ld)
	y := make([]float64, T*ld)
	nnz := float64(len(s.Idx)) * k
	avx2, avx512 := cpufeat.AVX2FMA, cpufeat.AVX512
	defer func() { cpufeat.AVX2FMA, cpufeat.AVX512 = avx2, avx512 }()
	for _, p := range []struct {
		name         string
		avx2, avx512 bool
	}{{"avx2", avx2, false}, {"avx512", avx2, avx512}} {
		cpufeat.AVX2FMA, cpufeat.AVX512 = p.avx2, p.avx512
		b.Run(p.name, func(b *testing.B) {
			for range b.N {
				for h := 0; h < ld; h += 32 {
					for j0 := 0; j0 < k; j0 += tb {
						t := s
						t.Rows, t.Taps = s.Rows[j0:], min(tb, k-j0)
						Gather32(y[h:], ld, T, w[j0*s.Step+h:], t)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(nnz*ld/4), "ns/fma4")
		})
	}
}

// BenchmarkGemm6x8Sum runs one tile of the encoder benchmark's second layer (11 taps, 64 input
// channels) as neuro/smc's forward pass does; flop/ns is its rate.
func BenchmarkGemm6x8Sum(b *testing.B) {
	const tp, cin, k = 210, 64, 11
	a := make([]float64, cin*tp+8)
	w := make([]float64, k*cin*8)
	var acc [48]float64
	for range b.N {
		for t0 := 0; t0+6 <= 200; t0 += 6 {
			Gemm6x8Sum(a[t0:], tp, 1, w, 8, cin*8, cin, k, &acc)
		}
	}
	b.ReportMetric(float64(2*48*cin*k*(200/6))*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "flop/ns")
}
