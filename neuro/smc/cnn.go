package smc

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
)

// CNN is the encoder of the encoder proposal: a stack of 1-D convolutions over time with GELU
// activations, followed by one convolution whose 2R output channels are the mean μ_e(t) and
// the log-variance log σ_e²(t) of a diagonal Gaussian e(z_t | x).
type CNN struct {
	Kernels []int             // taps per layer; the last entry is the heads' kernel size
	Pad     autodiff.PadMode  // padding beyond the sequence start (PadZero is truly causal)
	Causal  bool              // output t sees x_{≤t}; otherwise centred
	W       []*autodiff.Param // layer weights, (k·C_in)×C_out
	B       []*autodiff.Param // layer biases, 1×C_out
}

// NewCNN returns an encoder from d_x observed channels to R latents with hidden channel counts
// channels and kernel sizes kernels (len(channels)+1 entries). Weights are uniform on
// ±1/√(k·C_in); the log-variance head's bias starts at 2 log(initScale).
func NewCNN(dx, R int, channels, kernels []int, initScale float64, pad autodiff.PadMode, seed uint64) (*CNN, error) {
	if dx < 1 || R < 1 {
		return nil, fmt.Errorf("smc: NewCNN: dx = %d and R = %d must be ≥ 1", dx, R)
	}
	if len(kernels) != len(channels)+1 {
		return nil, fmt.Errorf("smc: NewCNN: %d kernels for %d hidden layers, want %d", len(kernels), len(channels), len(channels)+1)
	}
	if !(initScale > 0) {
		return nil, fmt.Errorf("smc: NewCNN: initScale = %v, want > 0", initScale)
	}
	rng := rand.New(rand.NewPCG(seed, 0xc22))
	e := &CNN{Kernels: append([]int(nil), kernels...), Pad: pad, Causal: true}
	cin := dx
	outs := append(append([]int(nil), channels...), 2*R)
	for l, cout := range outs {
		k := kernels[l]
		if k < 1 || cout < 1 {
			return nil, fmt.Errorf("smc: NewCNN: layer %d has kernel %d and %d channels, want ≥ 1", l, k, cout)
		}
		w, _ := autodiff.NewParam(fmt.Sprintf("enc.W%d", l), k*cin, cout)
		b, _ := autodiff.NewParam(fmt.Sprintf("enc.b%d", l), 1, cout)
		s := 1 / math.Sqrt(float64(k*cin))
		for i := range w.Data() {
			w.Data()[i] = s * (2*rng.Float64() - 1)
		}
		for i := range b.Data() {
			b.Data()[i] = s * (2*rng.Float64() - 1)
		}
		e.W, e.B = append(e.W, w), append(e.B, b)
		cin = cout
	}
	last := e.B[len(e.B)-1].Data()
	for j := R; j < 2*R; j++ {
		last[j] = 2 * math.Log(initScale)
	}
	return e, nil
}

// Params returns the encoder's parameters.
func (e *CNN) Params() []*autodiff.Param {
	return append(append([]*autodiff.Param(nil), e.W...), e.B...)
}

// forward maps x ((B·T)×d_x, B sequences of length T) to the mean and log-variance, (B·T)×R each
// (convolution buffers from ws).
func (e *CNN) forward(tp *autodiff.Tape, x *autodiff.Var, T, R int, ws *scratch) (mean, logvar *autodiff.Var) {
	h := x
	for l, w := range e.W {
		k := e.Kernels[l]
		spec := autodiff.ConvSpec{SeqLen: T, Kernel: k, Left: k / 2, Pad: e.Pad}
		if e.Causal {
			spec = autodiff.Causal(T, k, e.Pad)
		}
		h = conv1D(tp, h, tp.Param(w), tp.Param(e.B[l]), spec, ws)
		if l < len(e.W)-1 {
			h = tp.GELU(h)
		}
	}
	return tp.SliceCols(h, 0, R), tp.SliceCols(h, R, 2*R)
}
