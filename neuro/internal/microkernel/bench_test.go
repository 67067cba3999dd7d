package microkernel

import (
	"math/rand/v2"
	"testing"
)

// sparseConv returns the nonzeros of a T×cin matrix at density dens as Band32 lists over padded
// positions p < T + k − 1 (offsets p·cin·ld + c·ld), one per position.
func sparseConv(rng *rand.Rand, T, k, cin, ld int, dens float64) (ptr, idx []int32, val []float64) {
	ptr = []int32{0}
	for p := range T + k - 1 {
		for c := range cin {
			if rng.Float64() < dens {
				idx = append(idx, int32((p*cin+c)*ld))
				val = append(val, rng.NormFloat64())
			}
		}
		ptr = append(ptr, int32(len(idx)))
	}
	return ptr, idx, val
}

// BenchmarkBand32 runs the sparse forward product of neuro/smc's encoder benchmark's first
// layer for one sequence as smc runs it: 200 output rows, 21 taps over 40 channels at 20 %
// density, a 64-wide kernel, two taps per call (their 32-wide slice of the kernel stays in L1).
// Part of BenchmarkEncoderBatch (target ≤ 20 ms per batch; PyTorch epoch 18.7 s).
func BenchmarkBand32(b *testing.B) {
	const T, k, cin, ld, tb = 200, 21, 40, 64, 2
	ptr, idx, val := sparseConv(rand.New(rand.NewPCG(1, 2)), T, k, cin, ld, 0.2)
	w := make([]float64, k*cin*ld)
	y := make([]float64, T*ld)
	for path := range kernelPaths(b) {
		b.Run(path, func(b *testing.B) {
			for range b.N {
				for h := 0; h < ld; h += 32 {
					for j0 := 0; j0 < k; j0 += tb {
						Band32(y[h:], ld, T, w[j0*cin*ld+h:], cin*ld, j0, min(tb, k-j0), ptr[j0:], idx, val)
					}
				}
			}
		})
	}
}

// BenchmarkGatherTaps32 runs the sparse kernel gradient of the same layer for one sequence as
// smc runs it: per block of 64 padded positions, four taps of all 40 channels per call.
func BenchmarkGatherTaps32(b *testing.B) {
	const T, k, cin, ld, blk = 200, 21, 40, 64, 64
	rng := rand.New(rand.NewPCG(3, 4))
	nb := (T + k - 1 + blk - 1) / blk
	ptr := []int32{0} // list (block, c): positions of the block with a nonzero in channel c
	var idx []int32
	var val []float64
	for bl := range nb {
		for range cin {
			for p := bl * blk; p < min((bl+1)*blk, T+k-1); p++ {
				if rng.Float64() < 0.2 {
					idx = append(idx, int32((T+k-2-p)*ld))
					val = append(val, rng.NormFloat64())
				}
			}
			ptr = append(ptr, int32(len(idx)))
		}
	}
	gz := make([]float64, (T+2*k)*ld)
	gw := make([]float64, k*cin*ld)
	for path := range kernelPaths(b) {
		b.Run(path, func(b *testing.B) {
			for range b.N {
				for bl := range nb {
					for j := 0; j < k; j += 4 {
						for h := 0; h < ld; h += 32 {
							GatherTaps32(gw[j*cin*ld+h:], ld, cin*ld, cin, min(4, k-j), gz[j*ld+h:], ld, ptr[bl*cin:], idx, val)
						}
					}
				}
			}
		})
	}
}

// BenchmarkGemm6x8Sum runs one tile of the encoder benchmark's second layer (11 taps, 64 input
// channels) as neuro/smc's forward pass does; flop/ns is its rate (Zen 4 peak: 16 flop per
// cycle, ≈ 59 flop/ns at 3.7 GHz).
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
