package smc

import (
	"testing"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
)

// The encoder's gradients match finite differences when its first convolution runs on the
// nonzeros of sparse spike counts (below convSparseMax), for zero and circular padding.
func TestGradEncoderSparseInput(t *testing.T) {
	cfg := ModelConfig{N: 5, R: 2, Dx: 5, Obs: Poisson, Noise: DiagNoise, TrainGain: true, Seed: 5}
	bt := tinyBatch(cfg, 2, 6, 6)
	nnz := 0
	for i := range bt.x {
		if i%4 != 0 {
			bt.x[i] = 0
		}
		if bt.x[i] != 0 {
			nnz++
		}
	}
	if nnz == 0 || float64(nnz) > convSparseMax*float64(len(bt.x)) {
		t.Fatalf("%d of %d counts nonzero: not a sparse-path input", nnz, len(bt.x))
	}
	bt.lcc = poissonConst(bt.x, cfg.Dx)
	for _, pad := range []autodiff.PadMode{autodiff.PadZero, autodiff.PadCircular} {
		m := tinyModel(t, cfg)
		enc, err := NewCNN(5, 2, []int{4}, []int{3, 2}, 0.5, pad, 9)
		if err != nil {
			t.Fatal(err)
		}
		m.Enc = enc
		gradCheck(t, m, Encoder, bt, 5)
	}
}
