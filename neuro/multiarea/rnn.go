package multiarea

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// RNNConfig configures TrainRNN. The zero value is valid: CURBD's defaults with 10 passes.
type RNNConfig struct {
	DtData   float64 // sample spacing of the data in seconds; default 0.01
	DtFactor int     // RNN Euler steps per data sample; default 5
	Tau      float64 // unit time constant in seconds; default 0.01
	G        float64 // gain of the initial J = G·N(0,1)/√N; default 1.5
	P0       float64 // initial P = P0·I (inverse regulariser of RLS); default 1 (unused with TeacherPasses)
	TauWN    float64 // time constant of the input noise η in seconds; default 0.1
	AmpWN    float64 // stationary standard deviation of η; default 0.01 (negative: no noise)
	Passes   int     // training passes through the data; default 10
	// TeacherPasses of the Passes are teacher-forced (run first): J is regressed by RLS onto the
	// input each unit needs to follow the recorded rates, with ridge penalty TeacherRidge toward
	// J0; later passes are ordinary (CURBD) passes continuing with the same P. Teacher forcing
	// pins down the connectivity far better than CURBD passes alone (which reproduce the data
	// with many different J); it needs Tau to match the data's time constant and works best
	// with a small G. Default 0.
	TeacherPasses int
	TeacherRidge  float64 // ridge penalty λ of the teacher-forced regression; default 10
	Scale         float64 // data are divided by Scale; default max |data|. Then clipped to ±0.999
	Seed          uint64  // seeds J0 and η
	// Progress, if set, is called after every training pass with {"pVar": .., "chi2": ..}.
	Progress func(step, total int, metrics map[string]float64)
}

func (c RNNConfig) withDefaults() (RNNConfig, error) {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&c.DtData, 0.01)
	def(&c.Tau, 0.01)
	def(&c.G, 1.5)
	def(&c.P0, 1)
	def(&c.TauWN, 0.1)
	def(&c.AmpWN, 0.01)
	if c.DtFactor == 0 {
		c.DtFactor = 5
	}
	if c.Passes == 0 {
		c.Passes = 10
	}
	def(&c.TeacherRidge, 10)
	for _, f := range []struct {
		name string
		v    float64
	}{{"DtData", c.DtData}, {"Tau", c.Tau}, {"G", c.G}, {"P0", c.P0}, {"TauWN", c.TauWN}} {
		if !(f.v > 0) || math.IsInf(f.v, 0) {
			return c, fmt.Errorf("multiarea: %s = %v, need a finite value > 0", f.name, f.v)
		}
	}
	switch {
	case c.DtFactor < 1:
		return c, fmt.Errorf("multiarea: DtFactor = %d, need ≥ 1", c.DtFactor)
	case c.Passes < 0:
		return c, fmt.Errorf("multiarea: Passes = %d, need ≥ 0", c.Passes)
	case c.TeacherPasses < 0 || c.TeacherPasses > c.Passes:
		return c, fmt.Errorf("multiarea: TeacherPasses = %d, need 0 ≤ TeacherPasses ≤ Passes = %d", c.TeacherPasses, c.Passes)
	case !(c.TeacherRidge > 0) || math.IsInf(c.TeacherRidge, 0):
		return c, fmt.Errorf("multiarea: TeacherRidge = %v, need a finite value > 0", c.TeacherRidge)
	case c.Scale < 0 || math.IsNaN(c.Scale) || math.IsInf(c.Scale, 0):
		return c, fmt.Errorf("multiarea: Scale = %v, need a finite value ≥ 0", c.Scale)
	case math.IsNaN(c.AmpWN) || math.IsInf(c.AmpWN, 0):
		return c, fmt.Errorf("multiarea: AmpWN = %v is not finite", c.AmpWN)
	}
	if c.DtData/float64(c.DtFactor) > c.Tau {
		return c, fmt.Errorf("multiarea: Euler step DtData/DtFactor = %v exceeds Tau = %v (unstable); raise DtFactor", c.DtData/float64(c.DtFactor), c.Tau)
	}
	if c.AmpWN < 0 {
		c.AmpWN = 0
	}
	return c, nil
}

// RNN is a data-constrained rate network with one unit per recorded neuron.
type RNN struct {
	J        *mat.Dense // N×N trained recurrent weights (row = postsynaptic unit)
	J0       *mat.Dense // N×N initial weights
	Dt       float64    // Euler step (s)
	Tau      float64    // unit time constant (s)
	DtFactor int        // Euler steps per data sample
	Noise    *mat.Dense // ((T−1)·DtFactor)×N input noise η, one row per Euler step
	Scale    float64    // the data were divided by Scale
	Data     *mat.Dense // T×N scaled, clipped targets
	Rates    *mat.Dense // T×N model rates at the data times from the last training pass (one-step predictions after a teacher pass)
	PVar     []float64  // fraction of variance explained in each training pass (one-step-ahead for teacher passes)
	Chi2     []float64  // Σ_t mean_i e_i(t)² of each training pass

	p    []float64 // N×N shared RLS inverse correlation matrix
	bufs passBuffers
}

// TrainRNN fits a data-constrained RNN to data (T samples × N neurons) by recursive least
// squares.
func TrainRNN(ctx context.Context, data mat.Matrix, cfg RNNConfig) (*RNN, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	m, err := newRNN(data, cfg)
	if err != nil {
		return nil, err
	}
	for pass := 1; pass <= cfg.Passes; pass++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var chi2 float64
		if pass <= cfg.TeacherPasses {
			chi2 = m.teacherPass(cfg.DtData, m.Rates.RawMatrix().Data)
		} else {
			chi2 = m.pass(true, m.Rates.RawMatrix().Data)
		}
		pv := m.pVar(m.Rates)
		if math.IsNaN(chi2) || math.IsNaN(pv) {
			return nil, fmt.Errorf("multiarea: training diverged in pass %d (NaN error)", pass)
		}
		m.Chi2 = append(m.Chi2, chi2)
		m.PVar = append(m.PVar, pv)
		if cfg.Progress != nil {
			cfg.Progress(pass, cfg.Passes, map[string]float64{"pVar": pv, "chi2": chi2})
		}
	}
	return m, nil
}

func newRNN(data mat.Matrix, cfg RNNConfig) (*RNN, error) {
	if data == nil {
		return nil, fmt.Errorf("multiarea: data is nil")
	}
	T, N := data.Dims()
	if T < 2 || N < 1 {
		return nil, fmt.Errorf("multiarea: data is %d×%d, need at least 2 samples and 1 neuron", T, N)
	}
	A := mat.DenseCopyOf(data)
	scale := cfg.Scale
	for i := range T {
		for j, v := range A.RawRowView(i) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("multiarea: data[%d,%d] = %v is not finite", i, j, v)
			}
			if cfg.Scale == 0 {
				scale = math.Max(scale, math.Abs(v))
			}
		}
	}
	if scale == 0 {
		return nil, fmt.Errorf("multiarea: data are all zero")
	}
	for i := range T {
		row := A.RawRowView(i)
		for j, v := range row {
			row[j] = math.Max(-0.999, math.Min(0.999, v/scale))
		}
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	J0 := mat.NewDense(N, N, nil)
	s := cfg.G / math.Sqrt(float64(N))
	for i := range N {
		for j := range N {
			J0.Set(i, j, s*rng.NormFloat64())
		}
	}
	dt := cfg.DtData / float64(cfg.DtFactor)
	steps := (T - 1) * cfg.DtFactor
	noise := mat.NewDense(steps, N, nil)
	if cfg.AmpWN > 0 {
		a := math.Exp(-dt / cfg.TauWN)
		b := cfg.AmpWN * math.Sqrt(1-a*a)
		prev := make([]float64, N)
		for j := range prev {
			prev[j] = cfg.AmpWN * rng.NormFloat64()
		}
		for t := range steps {
			row := noise.RawRowView(t)
			for j := range row {
				row[j] = a*prev[j] + b*rng.NormFloat64()
			}
			prev = row
		}
	}
	p := make([]float64, N*N)
	p0 := cfg.P0
	if cfg.TeacherPasses > 0 {
		// Each teacher pass adds the data once more, so λ_eff = 1/(P0·passes) = TeacherRidge.
		p0 = 1 / (cfg.TeacherRidge * float64(cfg.TeacherPasses))
	}
	for i := range N {
		p[i*N+i] = p0
	}
	return &RNN{
		J: mat.DenseCopyOf(J0), J0: J0, Dt: dt, Tau: cfg.Tau, DtFactor: cfg.DtFactor,
		Noise: noise, Scale: scale, Data: A, Rates: mat.NewDense(T, N, nil),
		p: p, bufs: newPassBuffers(N),
	}, nil
}

// Run simulates the trained network without learning from h(0) = atanh(data(0)) with the stored
// noise and returns its rates at the data times (T×N).
func (m *RNN) Run(ctx context.Context) (*mat.Dense, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	T, N := m.Data.Dims()
	if len(m.bufs.h) != N { // e.g. a model restored from gob, which keeps exported fields only
		m.bufs = newPassBuffers(N)
	}
	out := mat.NewDense(T, N, nil)
	m.pass(false, out.RawMatrix().Data)
	return out, nil
}

// PVarOf returns the fraction of the variance of the (scaled) data explained by rates (T×N).
func (m *RNN) PVarOf(rates mat.Matrix) (float64, error) {
	T, N := m.Data.Dims()
	if r, c := rates.Dims(); r != T || c != N {
		return 0, fmt.Errorf("multiarea: rates are %d×%d, data are %d×%d", r, c, T, N)
	}
	return m.pVar(rates), nil
}

func (m *RNN) pVar(rates mat.Matrix) float64 {
	T, N := m.Data.Dims()
	var mean, ss, res float64
	for i := range T {
		for _, v := range m.Data.RawRowView(i) {
			mean += v
		}
	}
	mean /= float64(T * N)
	for i := range T {
		for j, v := range m.Data.RawRowView(i) {
			ss += (v - mean) * (v - mean)
			d := v - rates.At(i, j)
			res += d * d
		}
	}
	return 1 - res/ss
}
