package autodiff

import (
	"math"
	"math/rand/v2"
	"testing"
)

// naiveConv evaluates the defining sum of Conv1D directly.
func naiveConv(x []float64, cin int, w []float64, cout int, s ConvSpec) []float64 {
	n := len(x) / cin
	y := make([]float64, n*cout)
	for r := range n {
		b, tt := r/s.SeqLen, r%s.SeqLen
		for j := range s.Kernel {
			i := tt - s.Left + j
			switch {
			case i >= 0 && i < s.SeqLen:
			case s.Pad == PadCircular:
				i = (i + s.SeqLen) % s.SeqLen
			case s.Pad == PadReflect && i < 0:
				i = -i
			case s.Pad == PadReflect:
				i = 2*(s.SeqLen-1) - i
			default:
				continue
			}
			for c := range cin {
				for o := range cout {
					y[r*cout+o] += w[(j*cin+c)*cout+o] * x[(b*s.SeqLen+i)*cin+c]
				}
			}
		}
	}
	return y
}

func convSpecs() map[string]ConvSpec {
	return map[string]ConvSpec{
		"causal zero":     Causal(7, 3, PadZero),
		"causal circular": Causal(7, 3, PadCircular),
		"centred reflect": {SeqLen: 7, Kernel: 5, Left: 2, Pad: PadReflect},
		"acausal zero":    {SeqLen: 7, Kernel: 4, Left: 0, Pad: PadZero},
		"long zero":       Causal(7, 10, PadZero), // kernel longer than the sequence
		"pointwise":       Causal(7, 1, PadCircular),
	}
}

func TestConv1DValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for name, s := range convSpecs() {
		x := randParam(rng, "x", 2*s.SeqLen, 3, -1, 1)
		w := randParam(rng, "w", s.Kernel*3, 2, -1, 1)
		tp := NewTape()
		y := tp.Conv1D(tp.Param(x), tp.Param(w), s)
		if err := tp.Err(); err != nil {
			t.Fatal(name, err)
		}
		want := naiveConv(x.Data(), 3, w.Data(), 2, s)
		for i, v := range y.Data() {
			if math.Abs(v-want[i]) > 1e-12 {
				t.Fatalf("%s: y[%d] = %v, want %v", name, i, v, want[i])
			}
		}
	}
	// Causal circular padding reads the end of the same sequence: with the kernel [1, 0]
	// (Left = 1) output t is x_{t−1}, so output 0 of each sequence is that sequence's last value.
	tp := NewTape()
	y := tp.Conv1D(tp.Input(6, 1, []float64{1, 2, 3, 4, 5, 6}), tp.Input(2, 1, []float64{1, 0}), Causal(3, 2, PadCircular))
	if want := []float64{3, 1, 2, 6, 4, 5}; !equal(y.Data(), want) {
		t.Fatalf("circular shift = %v, want %v", y.Data(), want)
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestConv1DGrad(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	for name, s := range convSpecs() {
		t.Run(name, func(t *testing.T) {
			x := randParam(rng, "x", 2*s.SeqLen, 3, -1, 1)
			w := randParam(rng, "w", s.Kernel*3, 2, -1, 1)
			gradCheck(t, []*Param{x, w}, func(tp *Tape, v []*Var) *Var { return tp.Conv1D(v[0], v[1], s) })
		})
	}
}

func TestConv1DErrors(t *testing.T) {
	for name, s := range map[string]ConvSpec{
		"seqlen":   Causal(4, 2, PadZero),
		"left":     {SeqLen: 3, Kernel: 2, Left: 2},
		"kernel":   Causal(3, 3, PadZero),
		"circular": Causal(3, 5, PadCircular),
		"mode":     {SeqLen: 3, Kernel: 2, Left: 1, Pad: 7},
	} {
		tp := NewTape()
		tp.Conv1D(tp.Const(6, 2, 1), tp.Const(4, 1, 1), s)
		if tp.Err() == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}
