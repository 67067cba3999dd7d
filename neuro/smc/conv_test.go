package smc

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
)

// TestConv1DMatchesAutodiff compares the packed-gemm convolution with autodiff's Conv1D: values
// and the gradients of a random linear functional w.r.t. input and kernel, for causal and
// centred specs, every padding mode and a one-tap kernel.
func TestConv1DMatchesAutodiff(t *testing.T) {
	if !haveKern {
		t.Skip("no AVX2/FMA")
	}
	rng := rand.New(rand.NewPCG(14, 15))
	const B, T, cin, cout = 3, 23, 5, 7
	for _, pad := range []autodiff.PadMode{autodiff.PadZero, autodiff.PadCircular, autodiff.PadReflect} {
		for _, spec := range []autodiff.ConvSpec{autodiff.Causal(T, 6, pad), {SeqLen: T, Kernel: 5, Left: 2, Pad: pad}, autodiff.Causal(T, 1, pad)} {
			xd, wd, gd := make([]float64, B*T*cin), make([]float64, spec.Kernel*cin*cout), make([]float64, B*T*cout)
			for _, s := range [][]float64{xd, wd, gd} {
				for i := range s {
					s[i] = rng.NormFloat64()
				}
			}
			run := func(conv func(tp *autodiff.Tape, x, w *autodiff.Var, spec autodiff.ConvSpec) *autodiff.Var) (y, gx, gw []float64) {
				xp, _ := autodiff.NewParam("x", B*T, cin)
				wp, _ := autodiff.NewParam("w", spec.Kernel*cin, cout)
				copy(xp.Data(), xd)
				copy(wp.Data(), wd)
				tp := autodiff.NewTape()
				out := conv(tp, tp.Param(xp), tp.Param(wp), spec)
				if err := tp.Backward(tp.Sum(tp.Mul(out, tp.Input(B*T, cout, gd)))); err != nil {
					t.Fatal(err)
				}
				return append([]float64(nil), out.Data()...), xp.GradData(), wp.GradData()
			}
			ws := &scratch{}
			mine := func(tp *autodiff.Tape, x, w *autodiff.Var, spec autodiff.ConvSpec) *autodiff.Var {
				return conv1D(tp, x, w, spec, ws)
			}
			run(mine) // fills ws; the compared run recycles its buffers, poisoned with NaN
			for i := range ws.bufs {
				for j := range ws.bufs[i] {
					ws.bufs[i][j] = math.NaN()
				}
			}
			ws.reset()
			y, gx, gw := run(mine)
			ry, rgx, rgw := run((*autodiff.Tape).Conv1D)
			for name, pair := range map[string][2][]float64{"y": {y, ry}, "∂x": {gx, rgx}, "∂w": {gw, rgw}} {
				for i := range pair[1] {
					if d := math.Abs(pair[0][i] - pair[1][i]); d > 1e-12*(1+math.Abs(pair[1][i])) {
						t.Fatalf("%+v: %s[%d] = %v, autodiff %v", spec, name, i, pair[0][i], pair[1][i])
					}
				}
			}
		}
	}
}
