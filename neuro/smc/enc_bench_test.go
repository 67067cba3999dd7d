package smc

import (
	"math"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
	"github.com/neurodyn/neurodyn/neuro/internal/benchcpu"
)

// BenchmarkEncoderBatch records the forward and backward pass of the encoder alone for one batch
// of the Poisson CNN benchmark: B = 10 sequences of T = 200 spike counts (≈ 20 % nonzero),
// d_x = 40, layers conv 21 taps 40→64, GELU, conv 11 taps 64→64, GELU, conv 1 tap 64→4,
// circular padding. Dense FLOP count per batch (2000 positions): forward 197 M multiply-adds,
// weight gradients the same, input gradients of layers 2–3 another 90 M, ≈ 970 MFLOP.
// An epoch is 40 batches; target ≤ 0.8 s per epoch, i.e. ≤ 20 ms per batch on one goroutine
// (PyTorch's whole epoch, filter included: 18.7 s, spec §7).
func BenchmarkEncoderBatch(b *testing.B) {
	const B, T, dx, R = 10, 200, 40, 2
	enc, err := NewCNN(dx, R, []int{64, 64}, []int{21, 11, 1}, 0.1, autodiff.PadCircular, 1)
	if err != nil {
		b.Fatal(err)
	}
	x := make([]float64, 0, B*T*dx)
	for _, d := range benchData(B, T, dx, true) {
		x = append(x, d.RawMatrix().Data...)
	}
	tp := autodiff.NewTape()
	var ws scratch
	b.ResetTimer()
	cpu := benchcpu.Start(b)
	for range b.N {
		tp.Reset()
		ws.reset()
		mu, lv := enc.forward(tp, tp.Input(B*T, dx, x), T, R, &ws)
		if err := tp.Backward(tp.Add(tp.Sum(mu), tp.Sum(tp.Exp(lv)))); err != nil {
			b.Fatal(err)
		}
	}
	cpu.ReportPer(1, "batch")
}

// BenchmarkEncoderSparseLayer times the first layer of BenchmarkEncoderBatch alone (21 taps,
// 40→64, 20 % nonzero spike counts, circular padding): its forward pass and its kernel
// gradient from the nonzeros (target: together ≤ 20 % of the ≤ 20 ms batch).
func BenchmarkEncoderSparseLayer(b *testing.B) {
	const B, T, dx, k, cout = 10, 200, 40, 21, 64
	var x []float64
	for _, d := range benchData(B, T, dx, true) {
		x = append(x, d.RawMatrix().Data...)
	}
	spec := autodiff.Causal(T, k, autodiff.PadCircular)
	g := convGeom{T: T, k: k, left: spec.Left, B: B, cin: dx, cout: cout, pad: spec.Pad}
	w, bias, y, gw := make([]float64, k*dx*cout), make([]float64, cout), make([]float64, B*T*cout), make([]float64, k*dx*cout)
	for i := range w {
		w[i] = float64(i%7) - 3
	}
	var ws scratch
	for _, part := range []string{"forward", "kernelgrad"} {
		b.Run(part, func(b *testing.B) {
			cpu := benchcpu.Start(b)
			for range b.N {
				ws.reset()
				s, ok := g.sparseInput(x, convSparseMax, &ws)
				if !ok {
					b.Fatal("input not sparse")
				}
				if part == "forward" {
					g.sparseForward(y, w, bias, s, &ws)
				} else {
					g.sparseWeightGrad(gw, y, s, &ws)
				}
			}
			cpu.ReportPer(1, "batch")
		})
	}
}

// BenchmarkEncoderDenseLayer times the second layer of BenchmarkEncoderBatch alone (11 taps,
// 64→64, B = 10, T = 200, circular padding), forward and backward with all three gradients:
// 270 M multiply-adds, ≈ 10 ms at the micro-kernel's peak (the layer's share of the ≤ 20 ms
// batch).
func BenchmarkEncoderDenseLayer(b *testing.B) {
	const B, T, c, k = 10, 200, 64, 11
	x, _ := autodiff.NewParam("x", B*T, c)
	w, _ := autodiff.NewParam("w", k*c, c)
	bias, _ := autodiff.NewParam("b", 1, c)
	for i := range x.Data() {
		x.Data()[i] = math.Sin(float64(i))
	}
	for i := range w.Data() {
		w.Data()[i] = math.Cos(float64(i)) / 20
	}
	tp := autodiff.NewTape()
	var ws scratch
	cpu := benchcpu.Start(b)
	for range b.N {
		tp.Reset()
		ws.reset()
		y := conv1D(tp, tp.Param(x), tp.Param(w), tp.Param(bias), autodiff.Causal(T, k, autodiff.PadCircular), &ws)
		if err := tp.Backward(tp.Sum(y)); err != nil {
			b.Fatal(err)
		}
	}
	cpu.ReportPer(1, "batch")
}

// BenchmarkEncoderHeadLayer times the heads of BenchmarkEncoderBatch alone (1 tap, 64→4,
// B = 10, T = 200), forward and backward with all three gradients: 0.5 M multiply-adds each, a
// small share of the ≤ 20 ms batch.
func BenchmarkEncoderHeadLayer(b *testing.B) {
	const B, T, c, co = 10, 200, 64, 4
	x, _ := autodiff.NewParam("x", B*T, c)
	w, _ := autodiff.NewParam("w", c, co)
	bias, _ := autodiff.NewParam("b", 1, co)
	for i := range x.Data() {
		x.Data()[i] = math.Sin(float64(i))
	}
	for i := range w.Data() {
		w.Data()[i] = math.Cos(float64(i)) / 20
	}
	tp := autodiff.NewTape()
	var ws scratch
	cpu := benchcpu.Start(b)
	for range b.N {
		tp.Reset()
		ws.reset()
		y := conv1D(tp, tp.Param(x), tp.Param(w), tp.Param(bias), autodiff.Causal(T, 1, autodiff.PadCircular), &ws)
		if err := tp.Backward(tp.Sum(y)); err != nil {
			b.Fatal(err)
		}
	}
	cpu.ReportPer(1, "batch")
}
