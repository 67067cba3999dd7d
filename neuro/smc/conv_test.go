package smc

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
	"github.com/neurodyn/neurodyn/neuro/internal/cpufeat"
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

// convFunc records a convolution with bias.
type convFunc func(tp *autodiff.Tape, x, w, b *autodiff.Var, spec autodiff.ConvSpec) *autodiff.Var

// convRef is autodiff's Conv1D followed by Add.
func convRef(tp *autodiff.Tape, x, w, b *autodiff.Var, spec autodiff.ConvSpec) *autodiff.Var {
	return tp.Add(tp.Conv1D(x, w, spec), b)
}

// convRun records conv on data xd, kernel wd and bias bd, and backpropagates the linear
// functional with weights gd; x is a parameter (input gradient wanted) unless xConst. The tape
// first records twice with other weights, so the gradient buffers the last recording gets
// from its arena hold stale values (a backward that assigns a fresh gradient must set every
// entry).
func convRun(t *testing.T, c convCase, xd, wd, bd, gd []float64, xConst bool, conv convFunc) (y, gx, gw, gb []float64) {
	t.Helper()
	n, k := c.B*c.T, c.spec.Kernel
	xp, _ := autodiff.NewParam("x", n, c.cin)
	wp, _ := autodiff.NewParam("w", k*c.cin, c.cout)
	bp, _ := autodiff.NewParam("b", 1, c.cout)
	copy(xp.Data(), xd)
	copy(wp.Data(), wd)
	copy(bp.Data(), bd)
	other := make([]float64, len(gd))
	for i, v := range gd {
		other[i] = 1 - 3*v
	}
	tp := autodiff.NewTape()
	var out *autodiff.Var
	for _, weights := range [][]float64{other, other, gd} {
		tp.Reset()
		for _, p := range []*autodiff.Param{xp, wp, bp} {
			p.ZeroGrad()
		}
		x := tp.Param(xp)
		if xConst {
			x = tp.Input(n, c.cin, xd)
		}
		out = conv(tp, x, tp.Param(wp), tp.Param(bp), c.spec)
		if err := tp.Backward(tp.Sum(tp.Mul(out, tp.Input(n, c.cout, weights)))); err != nil {
			t.Fatal(err)
		}
	}
	return append([]float64(nil), out.Data()...), xp.GradData(), wp.GradData(), bp.GradData()
}

// convData returns a random kernel, bias and output weights for c.
func convData(rng *rand.Rand, c convCase) (wd, bd, gd []float64) {
	wd, bd, gd = make([]float64, c.spec.Kernel*c.cin*c.cout), make([]float64, c.cout), make([]float64, c.B*c.T*c.cout)
	for _, s := range [][]float64{wd, bd, gd} {
		for i := range s {
			s[i] = rng.NormFloat64()
		}
	}
	return wd, bd, gd
}

// TestConv1DMatchesAutodiff compares the micro-kernel convolution with autodiff's Conv1D and
// Add: values and the gradients of a random linear functional w.r.t. input, kernel and bias.
// The second run recycles the first run's scratch buffers, poisoned with NaN.
func TestConv1DMatchesAutodiff(t *testing.T) {
	if !haveKern {
		t.Skip("no AVX2/FMA")
	}
	rng := rand.New(rand.NewPCG(14, 15))
	for _, c := range convCases() {
		xd := make([]float64, c.B*c.T*c.cin)
		for i := range xd {
			xd[i] = rng.NormFloat64()
		}
		wd, bd, gd := convData(rng, c)
		ws := &scratch{}
		mine := func(tp *autodiff.Tape, x, w, b *autodiff.Var, spec autodiff.ConvSpec) *autodiff.Var {
			return conv1D(tp, x, w, b, spec, ws)
		}
		convRun(t, c, xd, wd, bd, gd, false, mine)
		for i := range ws.bufs {
			for j := range ws.bufs[i] {
				ws.bufs[i][j] = math.NaN()
			}
		}
		ws.reset()
		y, gx, gw, gb := convRun(t, c, xd, wd, bd, gd, false, mine)
		ry, rgx, rgw, rgb := convRun(t, c, xd, wd, bd, gd, false, convRef)
		convCompare(t, c, map[string][2][]float64{"y": {y, ry}, "∂x": {gx, rgx}, "∂w": {gw, rgw}, "∂b": {gb, rgb}})
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
// with the dense micro-kernel path and autodiff's Conv1D and Add (values, kernel and bias
// gradients), for densities 0, 5 %, 50 % and 100 %, on every case of convCases and with the
// micro-kernels on each path the CPU has (AVX-512, AVX2, portable Go).
func TestConv1DSparseMatchesDense(t *testing.T) {
	if !haveKern {
		t.Skip("no AVX2/FMA")
	}
	avx2, avx512 := cpufeat.AVX2FMA, cpufeat.AVX512
	defer func() { cpufeat.AVX2FMA, cpufeat.AVX512 = avx2, avx512 }()
	for _, path := range []struct {
		name         string
		avx2, avx512 bool
	}{{"avx512", true, true}, {"avx2", true, false}, {"go", false, false}} {
		if path.avx512 && !avx512 {
			continue
		}
		cpufeat.AVX2FMA, cpufeat.AVX512 = path.avx2, path.avx512
		rng := rand.New(rand.NewPCG(16, 17))
		for _, c := range convCases() {
			for _, dens := range []float64{0, 0.05, 0.5, 1} {
				xd := make([]float64, c.B*c.T*c.cin)
				for i := range xd {
					if rng.Float64() < dens {
						xd[i] = float64(1 + rng.IntN(3))
					}
				}
				wd, bd, gd := convData(rng, c)
				with := func(sparseMax float64) convFunc {
					return func(tp *autodiff.Tape, x, w, b *autodiff.Var, spec autodiff.ConvSpec) *autodiff.Var {
						return conv1DSparse(tp, x, w, b, spec, nil, sparseMax)
					}
				}
				y, _, gw, gb := convRun(t, c, xd, wd, bd, gd, true, with(1))
				dy, _, dgw, dgb := convRun(t, c, xd, wd, bd, gd, true, with(-1))
				ry, _, rgw, rgb := convRun(t, c, xd, wd, bd, gd, true, convRef)
				convCompare(t, c, map[string][2][]float64{path.name + " sparse y": {y, ry}, path.name + " sparse ∂w": {gw, rgw},
					path.name + " sparse ∂b": {gb, rgb}, path.name + " dense y": {dy, ry}, path.name + " dense ∂w": {dgw, rgw},
					path.name + " dense ∂b": {dgb, rgb}})
			}
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
	xd := make([]float64, c.B*c.T*c.cin)
	for i := range xd {
		if rng.IntN(5) == 0 {
			xd[i] = 1
		}
	}
	wd, bd, gd := convData(rng, c)
	conv := func(tp *autodiff.Tape, x, w, b *autodiff.Var, spec autodiff.ConvSpec) *autodiff.Var {
		return conv1D(tp, x, w, b, spec, nil)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var ref [][]float64
	for _, procs := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(procs)
		y, gx, gw, gb := convRun(t, c, xd, wd, bd, gd, false, conv)
		sy, _, sgw, sgb := convRun(t, c, xd, wd, bd, gd, true, conv)
		got := [][]float64{y, gx, gw, gb, sy, sgw, sgb}
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
