package cropldm

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/neurodyn/neurodyn/neuro/linalg"
	"gonum.org/v1/gonum/mat"
)

// MultiRegionConfig describes a network of regions with known directed couplings. Region r has
// States latent states with its own dynamics; Coupling[a][b] ≥ 0 scales the input that the
// states of region a send to the states of region b one step later:
//
//	x_b(k+1) = A_b x_b(k) + Σ_a Coupling[a][b] G_ab x_a(k) + w_b(k),   y_r = C_r x_r + noise,
//
// with G_ab Gaussian with entries of variance 1/States.
type MultiRegionConfig struct {
	Channels         []int       // channels per region
	States           int         // latent states per region (default 4)
	Coupling         [][]float64 // R×R, Coupling[a][b] = strength of a → b (diagonal ignored)
	NoiseFrac        float64     // observation noise variance / signal variance (default 1)
	PoleMin, PoleMax float64     // default 0.5, 0.95
	Seed             uint64
}

// MultiRegion is a simulated multi-region network.
type MultiRegion struct {
	Cfg   MultiRegionConfig
	A     *mat.Dense   // full dynamics, region blocks in order
	QDiag []float64    // state noise variances
	C     []*mat.Dense // C[r]: channels of region r × all states (nonzero on region r only)
	Noise [][]float64  // observation noise variances per region
}

// NewMultiRegion draws a random network; it fails if the coupled dynamics are unstable.
func NewMultiRegion(cfg MultiRegionConfig) (*MultiRegion, error) {
	if cfg.States == 0 {
		cfg.States = 4
	}
	if cfg.NoiseFrac == 0 {
		cfg.NoiseFrac = 1
	}
	if cfg.PoleMin == 0 && cfg.PoleMax == 0 {
		cfg.PoleMin, cfg.PoleMax = 0.5, 0.95
	}
	nr := len(cfg.Channels)
	if nr < 2 {
		return nil, fmt.Errorf("cropldm: MultiRegion needs at least 2 regions, got %d", nr)
	}
	if len(cfg.Coupling) != nr {
		return nil, fmt.Errorf("cropldm: Coupling has %d rows, need %d", len(cfg.Coupling), nr)
	}
	for a, row := range cfg.Coupling {
		if len(row) != nr {
			return nil, fmt.Errorf("cropldm: Coupling row %d has %d entries, need %d", a, len(row), nr)
		}
		for b, v := range row {
			if !(v >= 0) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("cropldm: Coupling[%d][%d] = %v, need finite ≥ 0", a, b, v)
			}
		}
		if cfg.Channels[a] < 1 {
			return nil, fmt.Errorf("cropldm: region %d has %d channels", a, cfg.Channels[a])
		}
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x3e610))
	ns := cfg.States
	n := nr * ns
	m := &MultiRegion{Cfg: cfg, A: mat.NewDense(n, n, nil)}
	sc := SimConfig{PoleMin: cfg.PoleMin, PoleMax: cfg.PoleMax, ComplexFrac: 0.75}
	for r := range nr {
		eig := drawPoles(rng, ns, sc)
		m.A.Slice(r*ns, (r+1)*ns, r*ns, (r+1)*ns).(*mat.Dense).Copy(poleBlock(eig))
		for _, l := range eig {
			m.QDiag = append(m.QDiag, 1-real(l)*real(l)-imag(l)*imag(l))
		}
	}
	for a := range nr {
		for b := range nr {
			if a == b || cfg.Coupling[a][b] == 0 {
				continue
			}
			g := cfg.Coupling[a][b] / math.Sqrt(float64(ns))
			for i := range ns {
				for j := range ns {
					m.A.Set(b*ns+i, a*ns+j, g*rng.NormFloat64())
				}
			}
		}
	}
	rho, err := linalg.SpectralRadius(m.A)
	if err != nil {
		return nil, err
	}
	if rho >= 1 {
		return nil, fmt.Errorf("cropldm: coupled dynamics are unstable (spectral radius %.4g); weaken the couplings", rho)
	}
	xcov, err := linalg.SolveDiscreteLyapunov(m.A, diagSym(m.QDiag))
	if err != nil {
		return nil, err
	}
	for r := range nr {
		c := mat.NewDense(cfg.Channels[r], n, nil)
		for i := range cfg.Channels[r] {
			for j := range ns {
				c.Set(i, r*ns+j, rng.NormFloat64())
			}
		}
		m.C = append(m.C, c)
		m.Noise = append(m.Noise, noiseFor(c, xcov, cfg.NoiseFrac))
	}
	return m, nil
}

// Sample draws one trial of T samples: one T×Channels[r] matrix per region.
func (m *MultiRegion) Sample(T int, seed uint64) ([]*mat.Dense, error) {
	if T < 1 {
		return nil, fmt.Errorf("cropldm: T = %d samples, need at least 1", T)
	}
	rng := rand.New(rand.NewPCG(seed, 0x77a1))
	x := simulateLDS(rng, m.A, m.QDiag, T)
	out := make([]*mat.Dense, len(m.C))
	for r, c := range m.C {
		out[r] = observe(rng, x, c, m.Noise[r])
	}
	return out, nil
}
