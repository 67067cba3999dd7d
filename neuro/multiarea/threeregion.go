package multiarea

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// ThreeRegionConfig configures the three-region benchmark. The zero value is valid.
type ThreeRegionConfig struct {
	N        int     // units per region; default 100
	Duration float64 // recorded seconds; default 10
	Lead     float64 // discarded settling time in seconds; default 2
	Dt       float64 // integration and sample step in seconds; default 0.01
	Tau      float64 // unit time constant in seconds; default 0.1
	GA       float64 // gain of the chaotic region A; default 1.8
	GB, GC   float64 // gains of the driven regions B and C; default 1.5
	BumpAmp  float64 // amplitude of the bump driving B; default 2
	FixedAmp float64 // amplitude of the fixed patterns driving C; default 2
	Switch   float64 // seconds between pattern switches in C; default 2
	// Coupling[target][source] is the amplitude of the index-matched input from source to
	// target region (0 = A, 1 = B, 2 = C); the diagonal is ignored. Nil means A→B, B→C and
	// C→A coupled with amplitude 1.5 and the reverse pairs uncoupled.
	Coupling *[3][3]float64
	Density  float64 // fraction of target units receiving each coupling; default 0.5
	Seed     uint64
}

// ThreeRegion is a simulated recording from the three-region benchmark.
type ThreeRegion struct {
	Rates    *mat.Dense    // T×3N rates, each region divided by its maximum |rate|
	Regions  []Region      // A (chaotic), B (sequence-driven), C (fixed-point-driven)
	Coupling [3][3]float64 // amplitudes used, [target][source]
	Masks    [3][3][]bool  // Masks[i][j][u]: unit u of region i receives unit u of region j
	J        [3]*mat.Dense // intrinsic weights of each region (N×N, gain included)
	Bump     *mat.Dense    // T×N input into B (already masked to its driven units)
	Fixed    *mat.Dense    // T×N input into C (already masked)
	Dt       float64
}

func (c ThreeRegionConfig) withDefaults() (ThreeRegionConfig, error) {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	if c.N == 0 {
		c.N = 100
	}
	def(&c.Duration, 10)
	def(&c.Lead, 2)
	def(&c.Dt, 0.01)
	def(&c.Tau, 0.1)
	def(&c.GA, 1.8)
	def(&c.GB, 1.5)
	def(&c.GC, 1.5)
	def(&c.BumpAmp, 2)
	def(&c.FixedAmp, 2)
	def(&c.Switch, 2)
	def(&c.Density, 0.5)
	if c.Coupling == nil {
		c.Coupling = &[3][3]float64{{0, 0, 1.5}, {1.5, 0, 0}, {0, 1.5, 0}}
	}
	switch {
	case c.N < 2:
		return c, fmt.Errorf("multiarea: N = %d units per region, need ≥ 2", c.N)
	case !(c.Density > 0 && c.Density <= 1):
		return c, fmt.Errorf("multiarea: Density = %v, need 0 < Density ≤ 1", c.Density)
	case c.Lead < 0:
		return c, fmt.Errorf("multiarea: Lead = %v, need ≥ 0", c.Lead)
	case !(c.Dt > 0) || !(c.Tau > 0) || c.Dt > c.Tau:
		return c, fmt.Errorf("multiarea: need 0 < Dt ≤ Tau, got Dt = %v, Tau = %v", c.Dt, c.Tau)
	case c.Duration < 2*c.Dt:
		return c, fmt.Errorf("multiarea: Duration = %v is shorter than two steps", c.Duration)
	}
	for _, v := range []float64{c.GA, c.GB, c.GC, c.BumpAmp, c.FixedAmp, c.Switch} {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return c, fmt.Errorf("multiarea: gains, amplitudes and Switch must be finite and ≥ 0, got %v", v)
		}
	}
	for i := range 3 {
		for j := range 3 {
			if v := c.Coupling[i][j]; math.IsNaN(v) || math.IsInf(v, 0) {
				return c, fmt.Errorf("multiarea: Coupling[%d][%d] = %v is not finite", i, j, v)
			}
		}
	}
	return c, nil
}

// NewThreeRegion simulates the three-region benchmark.
func NewThreeRegion(cfg ThreeRegionConfig) (*ThreeRegion, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x3e9))
	N := cfg.N
	out := &ThreeRegion{Coupling: *cfg.Coupling, Dt: cfg.Dt}
	out.Coupling[0][0], out.Coupling[1][1], out.Coupling[2][2] = 0, 0, 0
	gains := [3]float64{cfg.GA, cfg.GB, cfg.GC}
	for i := range out.J {
		out.J[i] = randomWeights(rng, N, gains[i])
	}
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if i != j && out.Coupling[i][j] != 0 {
				out.Masks[i][j] = randomMask(rng, N, cfg.Density)
			}
		}
	}
	driveB, driveC := randomMask(rng, N, 0.5), randomMask(rng, N, 0.5)
	patterns := [2][]float64{make([]float64, N), make([]float64, N)}
	for _, p := range patterns {
		for u := range p {
			p[u] = rng.NormFloat64()
		}
	}
	lead := int(math.Round(cfg.Lead / cfg.Dt))
	T := int(math.Round(cfg.Duration / cfg.Dt))
	out.Rates = mat.NewDense(T, 3*N, nil)
	out.Bump = mat.NewDense(T, N, nil)
	out.Fixed = mat.NewDense(T, N, nil)
	sim := newThreeSim(out, rng, N)
	alpha := cfg.Dt / cfg.Tau
	for t := range lead + T {
		// Time since the end of the lead (inputs are frozen at their t = 0 value during the lead).
		tt := math.Max(0, float64(t-lead)*cfg.Dt)
		sim.inputs(cfg, tt, driveB, driveC, patterns[int(tt/cfg.Switch)%2])
		if t >= lead {
			sim.record(out, t-lead)
		}
		sim.step(out, alpha)
	}
	normalizeRegions(out.Rates, N)
	out.Regions = []Region{
		{Name: "A", Units: span(0, N)},
		{Name: "B", Units: span(N, 2*N)},
		{Name: "C", Units: span(2*N, 3*N)},
	}
	return out, nil
}

func randomMask(rng *rand.Rand, n int, frac float64) []bool {
	m := make([]bool, n)
	k := max(1, int(math.Round(frac*float64(n))))
	for _, u := range rng.Perm(n)[:k] {
		m[u] = true
	}
	return m
}

// threeSim is the state of the three-region simulation: currents h, rates r and inputs per region.
type threeSim struct {
	h, r, in []*mat.VecDense
	cur      *mat.VecDense
	n        int
}

func newThreeSim(out *ThreeRegion, rng *rand.Rand, n int) *threeSim {
	s := &threeSim{n: n, cur: mat.NewVecDense(n, nil)}
	for range 3 {
		h, r := mat.NewVecDense(n, nil), mat.NewVecDense(n, nil)
		for u := range n {
			h.SetVec(u, rng.NormFloat64())
			r.SetVec(u, math.Tanh(h.AtVec(u)))
		}
		s.h, s.r, s.in = append(s.h, h), append(s.r, r), append(s.in, mat.NewVecDense(n, nil))
	}
	return s
}

// inputs sets the external drive at time tt: a Gaussian bump into B, a fixed pattern into C.
func (s *threeSim) inputs(cfg ThreeRegionConfig, tt float64, driveB, driveC []bool, pat []float64) {
	centre := float64(s.n) * tt / cfg.Duration
	width := 0.1 * float64(s.n)
	for u := range s.n {
		b, c := 0.0, 0.0
		if driveB[u] {
			d := float64(u) - centre
			b = cfg.BumpAmp * math.Exp(-d*d/(2*width*width))
		}
		if driveC[u] {
			c = cfg.FixedAmp * pat[u]
		}
		s.in[1].SetVec(u, b)
		s.in[2].SetVec(u, c)
	}
}

func (s *threeSim) record(out *ThreeRegion, t int) {
	n := s.n
	row := out.Rates.RawRowView(t)
	for i, r := range s.r {
		copy(row[i*n:(i+1)*n], r.RawVector().Data)
	}
	copy(out.Bump.RawRowView(t), s.in[1].RawVector().Data)
	copy(out.Fixed.RawRowView(t), s.in[2].RawVector().Data)
}

// step advances all regions by one Euler step of size alpha = dt/τ.
func (s *threeSim) step(out *ThreeRegion, alpha float64) {
	for i, h := range s.h {
		s.cur.MulVec(out.J[i], s.r[i])
		s.cur.AddVec(s.cur, s.in[i])
		for j, mask := range out.Masks[i] {
			for u, on := range mask {
				if on {
					s.cur.SetVec(u, s.cur.AtVec(u)+out.Coupling[i][j]*s.r[j].AtVec(u))
				}
			}
		}
		for u := range s.n {
			h.SetVec(u, h.AtVec(u)+alpha*(s.cur.AtVec(u)-h.AtVec(u)))
		}
	}
	for i, h := range s.h {
		for u := range s.n {
			s.r[i].SetVec(u, math.Tanh(h.AtVec(u)))
		}
	}
}

// normalizeRegions divides each block of n columns by its maximum absolute value.
func normalizeRegions(R *mat.Dense, n int) {
	T, c := R.Dims()
	for lo := 0; lo < c; lo += n {
		var mx float64
		for t := range T {
			for _, v := range R.RawRowView(t)[lo : lo+n] {
				mx = math.Max(mx, math.Abs(v))
			}
		}
		if mx == 0 {
			continue
		}
		for t := range T {
			row := R.RawRowView(t)[lo : lo+n]
			for u := range row {
				row[u] /= mx
			}
		}
	}
}

// randomWeights returns an n×n matrix with entries g·N(0, 1)/√n.
func randomWeights(rng *rand.Rand, n int, g float64) *mat.Dense {
	J := mat.NewDense(n, n, nil)
	s := g / math.Sqrt(float64(n))
	for a := range n {
		for b := range n {
			J.Set(a, b, s*rng.NormFloat64())
		}
	}
	return J
}

// TrueJ returns the ground-truth 3N×3N connectivity of the benchmark in the model's convention
// (row = target unit): the intrinsic matrices on the diagonal blocks and the index-matched
// couplings (amplitude on the masked diagonal) off the diagonal. External drives are not part of it.
func (d *ThreeRegion) TrueJ() *mat.Dense {
	n, _ := d.J[0].Dims()
	J := mat.NewDense(3*n, 3*n, nil)
	for i := range d.J {
		J.Slice(i*n, (i+1)*n, i*n, (i+1)*n).(*mat.Dense).Copy(d.J[i])
		for j, mask := range d.Masks[i] {
			for u, on := range mask {
				if on {
					J.Set(i*n+u, j*n+u, d.Coupling[i][j])
				}
			}
		}
	}
	return J
}
