package facrnn

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/optim"
)

// SynthConfig configures the synthetic benchmark; zero values mean the paper's settings.
type SynthConfig struct {
	Steps     int     // time points; 0 means 2000
	DT        float64 // RK4 step; 0 means 0.1
	N         int     // neurons; 0 means 20
	InputStd  float64 // std of the known input e_t; 0 means 5e-3
	ObsStd    float64 // observation noise std; 0 means 0.1
	FitEpochs int     // full-batch epochs fitting the ground-truth RNN; 0 means 10000
	FitLR     float64 // its AdamW learning rate; 0 means 1e-3
	Seed      uint64
	Progress  func(step, total int, metrics map[string]float64)
}

// Synthetic is the ground truth of the benchmark: latents Z (T×6: Lorenz then Thomas, each
// coordinate z-scored), a rank-6 tanh RNN z_{t+1} ≈ BTrue[tanh(ATrue z_t + ABias) + e_t] + BBias
// fitted to them, observations X = Z ATrueᵀ + ABias + ObsStd·ε and the known input E.
type Synthetic struct {
	Z, X, E      *mat.Dense
	ATrue, BTrue *mat.Dense // N×6, 6×N
	ABias, BBias []float64
	FitMSE       float64 // final one-step MSE of the ground-truth RNN
	Groups       [][]int // {0,1,2} Lorenz, {3,4,5} Thomas
}

// Lorenz is the Lorenz-63 vector field with σ = 10, ρ = 28, β = 8/3.
func Lorenz(s []float64, ds []float64) {
	ds[0] = 10 * (s[1] - s[0])
	ds[1] = s[0]*(28-s[2]) - s[1]
	ds[2] = s[0]*s[1] - 8.0/3*s[2]
}

// Thomas is the dissipationless (b = 0) cyclically symmetric Thomas field in the sign
// convention of the paper's generator: ẋ = −sin y, ẏ = sin z, ż = sin x.
func Thomas(s []float64, ds []float64) {
	ds[0] = -math.Sin(s[1])
	ds[1] = math.Sin(s[2])
	ds[2] = math.Sin(s[0])
}

// RK4 integrates ṡ = f(s) from s0 with the classical Runge–Kutta scheme and returns the steps
// states (the first is s0) as rows.
func RK4(f func(s, ds []float64), s0 []float64, dt float64, steps int) *mat.Dense {
	d := len(s0)
	out := mat.NewDense(steps, d, nil)
	s := append([]float64(nil), s0...)
	k1, k2, k3, k4, tmp := make([]float64, d), make([]float64, d), make([]float64, d), make([]float64, d), make([]float64, d)
	for t := 0; t < steps; t++ {
		out.SetRow(t, s)
		f(s, k1)
		for i := range s {
			tmp[i] = s[i] + dt/2*k1[i]
		}
		f(tmp, k2)
		for i := range s {
			tmp[i] = s[i] + dt/2*k2[i]
		}
		f(tmp, k3)
		for i := range s {
			tmp[i] = s[i] + dt*k3[i]
		}
		f(tmp, k4)
		for i := range s {
			s[i] += dt / 6 * (k1[i] + 2*k2[i] + 2*k3[i] + k4[i])
		}
	}
	return out
}

// NewSynthetic generates the benchmark: both attractors, the fitted ground-truth RNN and
// noisy observations.
func NewSynthetic(ctx context.Context, cfg SynthConfig) (*Synthetic, error) {
	def := func(x *int, d int) {
		if *x == 0 {
			*x = d
		}
	}
	deff := func(x *float64, d float64) {
		if *x == 0 {
			*x = d
		}
	}
	def(&cfg.Steps, 2000)
	def(&cfg.N, 20)
	def(&cfg.FitEpochs, 10000)
	deff(&cfg.DT, 0.1)
	deff(&cfg.InputStd, 5e-3)
	deff(&cfg.ObsStd, 0.1)
	deff(&cfg.FitLR, 1e-3)
	switch {
	case cfg.Steps < 10:
		return nil, fmt.Errorf("facrnn: SynthConfig.Steps = %d, want ≥ 10", cfg.Steps)
	case cfg.N < 6:
		return nil, fmt.Errorf("facrnn: SynthConfig.N = %d, want ≥ 6 (rank 6)", cfg.N)
	case cfg.FitEpochs < 0:
		return nil, fmt.Errorf("facrnn: SynthConfig.FitEpochs = %d, want ≥ 0", cfg.FitEpochs)
	case !(cfg.DT > 0), !(cfg.InputStd >= 0), !(cfg.ObsStd >= 0), !(cfg.FitLR > 0):
		return nil, fmt.Errorf("facrnn: SynthConfig: DT, FitLR must be positive and InputStd, ObsStd non-negative")
	}
	T, N, K := cfg.Steps, cfg.N, 6
	lor := RK4(Lorenz, []float64{1, 1, 1}, cfg.DT, T)
	tho := RK4(Thomas, []float64{0.1, 1, 1}, cfg.DT, T)
	Z := mat.NewDense(T, K, nil)
	Z.Slice(0, T, 0, 3).(*mat.Dense).Copy(lor)
	Z.Slice(0, T, 3, 6).(*mat.Dense).Copy(tho)
	if err := zscore(Z); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5ee))
	E := mat.NewDense(T, N, nil)
	for i, d := 0, E.RawMatrix().Data; i < len(d); i++ {
		d[i] = cfg.InputStd * rng.NormFloat64()
	}
	s := &Synthetic{Z: Z, E: E, Groups: ContiguousGroups(K, 3)}
	if err := s.fitTruth(ctx, cfg, rng); err != nil {
		return nil, err
	}
	X := mat.NewDense(T, N, nil)
	X.Mul(Z, s.ATrue.T())
	for t := 0; t < T; t++ {
		row := X.RawRowView(t)
		for i := range row {
			row[i] += s.ABias[i] + cfg.ObsStd*rng.NormFloat64()
		}
	}
	s.X = X
	return s, nil
}

// fitTruth fits z_{t+1} ≈ B[tanh(A z_t + a) + e_t] + b by full-batch AdamW on the MSE.
func (s *Synthetic) fitTruth(ctx context.Context, cfg SynthConfig, rng *rand.Rand) error {
	T, K := s.Z.Dims()
	N := cfg.N
	uni := func(n int, b float64) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = (2*rng.Float64() - 1) * b
		}
		return v
	}
	A, a := uni(N*K, 1/math.Sqrt(float64(K))), uni(N, 1/math.Sqrt(float64(K)))
	B, b := uni(K*N, 1/math.Sqrt(float64(N))), uni(K, 1/math.Sqrt(float64(N)))
	gA, ga, gB, gb := make([]float64, N*K), make([]float64, N), make([]float64, K*N), make([]float64, K)
	opt, err := optim.NewSlices([][]float64{A, a, B, b}, [][]float64{gA, ga, gB, gb},
		optim.Config{Method: optim.AdamW, LR: cfg.FitLR, WeightDecay: 0.01})
	if err != nil {
		return err
	}
	z, e := s.Z.RawMatrix().Data, s.E.RawMatrix().Data
	M := float64((T - 1) * K)
	r := make([]float64, N)
	dh := make([]float64, N)
	mse := 0.0
	step := func(grad bool) float64 {
		loss := 0.0
		for t := 0; t+1 < T; t++ {
			zt, zn := z[t*K:(t+1)*K], z[(t+1)*K:(t+2)*K]
			for i := 0; i < N; i++ {
				h := a[i]
				for k, v := range zt {
					h += A[i*K+k] * v
				}
				r[i] = math.Tanh(h)
			}
			clear(dh)
			for k := 0; k < K; k++ {
				p := b[k]
				Bk := B[k*N : (k+1)*N]
				et := e[t*N : (t+1)*N]
				for i, v := range r {
					p += Bk[i] * (v + et[i])
				}
				res := p - zn[k]
				loss += res * res
				if grad {
					d := 2 * res / M
					gb[k] += d
					gBk := gB[k*N : (k+1)*N]
					for i, v := range r {
						gBk[i] += d * (v + et[i])
						dh[i] += d * Bk[i]
					}
				}
			}
			if grad {
				for i, v := range r {
					d := dh[i] * (1 - v*v)
					ga[i] += d
					for k, zv := range zt {
						gA[i*K+k] += d * zv
					}
				}
			}
		}
		return loss / M
	}
	for ep := 0; ep < cfg.FitEpochs; ep++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		opt.ZeroGrad()
		mse = step(true)
		if err := opt.Step(); err != nil {
			return fmt.Errorf("facrnn: ground-truth fit: %w", err)
		}
		if cfg.Progress != nil {
			cfg.Progress(ep+1, cfg.FitEpochs, map[string]float64{"mse": mse})
		}
	}
	s.FitMSE = step(false)
	s.ATrue, s.ABias = mat.NewDense(N, K, A), a
	s.BTrue, s.BBias = mat.NewDense(K, N, B), b
	return nil
}

// WTrue returns the ground-truth connectivity ATrue BTrue (N×N).
func (s *Synthetic) WTrue() *mat.Dense {
	w := &mat.Dense{}
	w.Mul(s.ATrue, s.BTrue)
	return w
}

// SubWTrue returns the ground-truth sub-connectivities ATrue[:, g] BTrue[g, :], one per group.
func (s *Synthetic) SubWTrue() []*mat.Dense {
	out := make([]*mat.Dense, len(s.Groups))
	N, _ := s.ATrue.Dims()
	for g, S := range s.Groups {
		w := mat.NewDense(N, N, nil)
		for _, k := range S {
			for i := 0; i < N; i++ {
				row := w.RawRowView(i)
				a := s.ATrue.At(i, k)
				for j := range row {
					row[j] += a * s.BTrue.At(k, j)
				}
			}
		}
		out[g] = w
	}
	return out
}

// Split returns the interleaved training (even t) and test (odd t) samples and the test
// latents.
func (s *Synthetic) Split() (train, test Dataset, zTest *mat.Dense, err error) {
	d, err := NewDataset([]*mat.Dense{s.X}, []*mat.Dense{s.E})
	if err != nil {
		return
	}
	if train, test, err = d.Interleave(); err != nil {
		return
	}
	T, K := s.Z.Dims()
	zTest = mat.NewDense(T/2, K, nil)
	for r := 0; r < T/2; r++ {
		zTest.SetRow(r, s.Z.RawRowView(2*r+1))
	}
	return
}

// zscore standardises every column in place.
func zscore(a *mat.Dense) error {
	r, c := a.Dims()
	for j := 0; j < c; j++ {
		m, v := 0.0, 0.0
		for i := 0; i < r; i++ {
			m += a.At(i, j)
		}
		m /= float64(r)
		for i := 0; i < r; i++ {
			d := a.At(i, j) - m
			v += d * d
		}
		sd := math.Sqrt(v / float64(r))
		if !(sd > 0) || math.IsInf(sd, 0) {
			return fmt.Errorf("facrnn: z-score: column %d has standard deviation %v", j, sd)
		}
		for i := 0; i < r; i++ {
			a.Set(i, j, (a.At(i, j)-m)/sd)
		}
	}
	return nil
}
