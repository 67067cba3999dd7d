package smc

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
)

// convCase is a convolution to compare with autodiff's Conv1D: B sequences of length T.
type convCase struct {
	B, T, cin, cout int
	spec            autodiff.ConvSpec
}

// convCases covers causal and centred specs, every padding mode, a one-tap kernel, channel
// counts that fill no whole 6×8 tile, and sequences shorter than the kernel (zero padding).
func convCases() []convCase {
	var cs []convCase
	for _, pad := range []autodiff.PadMode{autodiff.PadZero, autodiff.PadCircular, autodiff.PadReflect} {
		for _, spec := range []autodiff.ConvSpec{autodiff.Causal(23, 6, pad), {SeqLen: 23, Kernel: 5, Left: 2, Pad: pad}, autodiff.Causal(23, 1, pad)} {
			cs = append(cs, convCase{3, 23, 5, 7, spec}, convCase{2, 23, 16, 9, spec})
		}
	}
	return append(cs,
		convCase{2, 3, 4, 5, autodiff.Causal(3, 6, autodiff.PadZero)},
		convCase{3, 1, 3, 8, autodiff.ConvSpec{SeqLen: 1, Kernel: 4, Left: 1, Pad: autodiff.PadZero}},
		convCase{1, 7, 13, 17, autodiff.Causal(7, 7, autodiff.PadCircular)})
}

// convRun records conv on random data and backpropagates a random linear functional; x is a
// parameter (input gradient wanted) unless xConst.
func convRun(t *testing.T, c convCase, xd, wd, gd []float64, xConst bool,
	conv func(tp *autodiff.Tape, x, w *autodiff.Var, spec autodiff.ConvSpec) *autodiff.Var) (y, gx, gw []float64) {
	t.Helper()
	n, k := c.B*c.T, c.spec.Kernel
	xp, _ := autodiff.NewParam("x", n, c.cin)
	wp, _ := autodiff.NewParam("w", k*c.cin, c.cout)
	copy(xp.Data(), xd)
	copy(wp.Data(), wd)
	tp := autodiff.NewTape()
	x := tp.Param(xp)
	if xConst {
		x = tp.Input(n, c.cin, xd)
	}
	out := conv(tp, x, tp.Param(wp), c.spec)
	if err := tp.Backward(tp.Sum(tp.Mul(out, tp.Input(n, c.cout, gd)))); err != nil {
		t.Fatal(err)
	}
	return append([]float64(nil), out.Data()...), xp.GradData(), wp.GradData()
}

// TestConv1DMatchesAutodiff compares the micro-kernel convolution with autodiff's Conv1D: values
// and the gradients of a random linear functional w.r.t. input and kernel. The second run
// recycles the first run's scratch buffers, poisoned with NaN.
func TestConv1DMatchesAutodiff(t *testing.T) {
	if !haveKern {
		t.Skip("no AVX2/FMA")
	}
	rng := rand.New(rand.NewPCG(14, 15))
	for _, c := range convCases() {
		n, k := c.B*c.T, c.spec.Kernel
		xd, wd, gd := make([]float64, n*c.cin), make([]float64, k*c.cin*c.cout), make([]float64, n*c.cout)
		for _, s := range [][]float64{xd, wd, gd} {
			for i := range s {
				s[i] = rng.NormFloat64()
			}
		}
		ws := &scratch{}
		mine := func(tp *autodiff.Tape, x, w *autodiff.Var, spec autodiff.ConvSpec) *autodiff.Var {
			return conv1D(tp, x, w, spec, ws)
		}
		convRun(t, c, xd, wd, gd, false, mine)
		for i := range ws.bufs {
			for j := range ws.bufs[i] {
				ws.bufs[i][j] = math.NaN()
			}
		}
		ws.reset()
		y, gx, gw := convRun(t, c, xd, wd, gd, false, mine)
		ry, rgx, rgw := convRun(t, c, xd, wd, gd, false, (*autodiff.Tape).Conv1D)
		convCompare(t, c, map[string][2][]float64{"y": {y, ry}, "∂x": {gx, rgx}, "∂w": {gw, rgw}})
	}
}

func convCompare(t *testing.T, c convCase, pairs map[string][2][]float64) {
	t.Helper()
	for name, pair := range pairs {
		if len(pair[0]) != len(pair[1]) {
			t.Fatalf("%+v: %s has %d entries, reference %d", c, name, len(pair[0]), len(pair[1]))
		}
		for i := range pair[1] {
			if d := math.Abs(pair[0][i] - pair[1][i]); !(d <= 1e-12*(1+math.Abs(pair[1][i]))) {
				t.Fatalf("%+v: %s[%d] = %v, autodiff %v", c, name, i, pair[0][i], pair[1][i])
			}
		}
	}
}

// TestConv1DSparseMatchesDense compares the convolution of a constant input from its nonzeros
// with the dense micro-kernel path and autodiff's Conv1D (values and kernel gradient), for
// densities 0, 5 %, 50 % and 100 %, on every case of convCases.
func TestConv1DSparseMatchesDense(t *testing.T) {
	if !haveKern {
		t.Skip("no AVX2/FMA")
	}
	rng := rand.New(rand.NewPCG(16, 17))
	for _, c := range convCases() {
		for _, dens := range []float64{0, 0.05, 0.5, 1} {
			n, k := c.B*c.T, c.spec.Kernel
			xd, wd, gd := make([]float64, n*c.cin), make([]float64, k*c.cin*c.cout), make([]float64, n*c.cout)
			for i := range xd {
				if rng.Float64() < dens {
					xd[i] = float64(1 + rng.IntN(3))
				}
			}
			for _, s := range [][]float64{wd, gd} {
				for i := range s {
					s[i] = rng.NormFloat64()
				}
			}
			with := func(sparseMax float64) func(tp *autodiff.Tape, x, w *autodiff.Var, spec autodiff.ConvSpec) *autodiff.Var {
				return func(tp *autodiff.Tape, x, w *autodiff.Var, spec autodiff.ConvSpec) *autodiff.Var {
					return conv1DSparse(tp, x, w, spec, nil, sparseMax)
				}
			}
			y, _, gw := convRun(t, c, xd, wd, gd, true, with(1))
			dy, _, dgw := convRun(t, c, xd, wd, gd, true, with(-1))
			ry, _, rgw := convRun(t, c, xd, wd, gd, true, (*autodiff.Tape).Conv1D)
			convCompare(t, c, map[string][2][]float64{"sparse y": {y, ry}, "sparse ∂w": {gw, rgw}, "dense y": {dy, ry}, "dense ∂w": {dgw, rgw}})
		}
	}
}

// The goroutines share out tiles with one writer each, so the results do not depend on
// GOMAXPROCS, bit for bit, on the dense and the sparse path.
func TestConv1DIndependentOfGOMAXPROCS(t *testing.T) {
	if !haveKern {
		t.Skip("no AVX2/FMA")
	}
	rng := rand.New(rand.NewPCG(18, 19))
	c := convCase{4, 31, 12, 40, autodiff.Causal(31, 7, autodiff.PadCircular)}
	n, k := c.B*c.T, c.spec.Kernel
	xd, wd, gd := make([]float64, n*c.cin), make([]float64, k*c.cin*c.cout), make([]float64, n*c.cout)
	for i := range xd {
		if rng.IntN(5) == 0 {
			xd[i] = 1
		}
	}
	for _, s := range [][]float64{wd, gd} {
		for i := range s {
			s[i] = rng.NormFloat64()
		}
	}
	conv := func(tp *autodiff.Tape, x, w *autodiff.Var, spec autodiff.ConvSpec) *autodiff.Var {
		return conv1D(tp, x, w, spec, nil)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var ref [][]float64
	for _, procs := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(procs)
		y, gx, gw := convRun(t, c, xd, wd, gd, false, conv)
		sy, _, sgw := convRun(t, c, xd, wd, gd, true, conv)
		got := [][]float64{y, gx, gw, sy, sgw}
		if ref == nil {
			ref = got
			continue
		}
		for i := range got {
			for j := range got[i] {
				if got[i][j] != ref[i][j] {
					t.Fatalf("GOMAXPROCS %d: output %d entry %d = %v, with 1: %v", procs, i, j, got[i][j], ref[i][j])
				}
			}
		}
	}
}
