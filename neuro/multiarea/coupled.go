package multiarea

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// CoupledLDS is a multi-area linear dynamical system
// x_i(t+1) = A[i][i] x_i(t) + B[i] u_i(t) + Σ_{j≠i} A[i][j] x_j(t) + NoiseStd[i]·ε_i(t).
type CoupledLDS struct {
	A        [][]*mat.Dense // A[i][j] is n_i×n_j; A[i][i] is required, A[i][j] = nil means no coupling j→i
	B        []*mat.Dense   // B[i] is n_i×m_i; nil (or a nil entry) means no input into area i
	NoiseStd []float64      // process-noise standard deviation of each area; nil means no noise
}

// Dims returns the state dimension of each area.
func (m *CoupledLDS) Dims() []int {
	d := make([]int, len(m.A))
	for i := range m.A {
		if m.A[i] != nil && i < len(m.A[i]) && m.A[i][i] != nil {
			d[i], _ = m.A[i][i].Dims()
		}
	}
	return d
}

// Validate checks shapes and finiteness.
func (m *CoupledLDS) Validate() error {
	M := len(m.A)
	if M == 0 {
		return fmt.Errorf("multiarea: A has no areas")
	}
	dims := m.Dims()
	for i := range M {
		if len(m.A[i]) != M {
			return fmt.Errorf("multiarea: A[%d] has %d blocks, need %d", i, len(m.A[i]), M)
		}
		if dims[i] == 0 {
			return fmt.Errorf("multiarea: A[%d][%d] (within-area dynamics) is missing", i, i)
		}
	}
	for i := range M {
		for j, a := range m.A[i] {
			if a == nil {
				continue
			}
			if r, c := a.Dims(); r != dims[i] || c != dims[j] {
				return fmt.Errorf("multiarea: A[%d][%d] is %d×%d, need %d×%d", i, j, r, c, dims[i], dims[j])
			}
			if err := finite(fmt.Sprintf("A[%d][%d]", i, j), a); err != nil {
				return err
			}
		}
	}
	if m.B != nil && len(m.B) != M {
		return fmt.Errorf("multiarea: B has %d entries, need %d (one per area) or nil", len(m.B), M)
	}
	for i, b := range m.B {
		if b == nil {
			continue
		}
		if r, _ := b.Dims(); r != dims[i] {
			return fmt.Errorf("multiarea: B[%d] has %d rows, area %d has %d states", i, r, i, dims[i])
		}
		if err := finite(fmt.Sprintf("B[%d]", i), b); err != nil {
			return err
		}
	}
	if m.NoiseStd != nil && len(m.NoiseStd) != M {
		return fmt.Errorf("multiarea: NoiseStd has %d entries, need %d or nil", len(m.NoiseStd), M)
	}
	for i, s := range m.NoiseStd {
		if !(s >= 0) || math.IsInf(s, 0) {
			return fmt.Errorf("multiarea: NoiseStd[%d] = %v, need a finite value ≥ 0", i, s)
		}
	}
	return nil
}

// Joint returns the block matrix of the whole system (Σ n_i square); its eigenvalues decide
// stability.
func (m *CoupledLDS) Joint() (*mat.Dense, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	dims := m.Dims()
	off := make([]int, len(dims)+1)
	for i, d := range dims {
		off[i+1] = off[i] + d
	}
	J := mat.NewDense(off[len(dims)], off[len(dims)], nil)
	for i := range m.A {
		for j, a := range m.A[i] {
			if a != nil {
				J.Slice(off[i], off[i+1], off[j], off[j+1]).(*mat.Dense).Copy(a)
			}
		}
	}
	return J, nil
}

// SimConfig configures CoupledLDS.Simulate.
type SimConfig struct {
	T      int          // samples to return; required
	Burn   int          // samples simulated and discarded first (starting from x = 0)
	Inputs []*mat.Dense // Inputs[i] is (Burn+T)×m_i; nil entries (or nil) mean zero input
	Seed   uint64
}

// Simulate returns the states of each area, X[i] with T rows and n_i columns.
func (m *CoupledLDS) Simulate(cfg SimConfig) ([]*mat.Dense, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if cfg.T < 1 || cfg.Burn < 0 {
		return nil, fmt.Errorf("multiarea: T = %d, Burn = %d; need T ≥ 1 and Burn ≥ 0", cfg.T, cfg.Burn)
	}
	M, dims := len(m.A), m.Dims()
	total := cfg.Burn + cfg.T
	if cfg.Inputs != nil && len(cfg.Inputs) != M {
		return nil, fmt.Errorf("multiarea: Inputs has %d entries, need %d or nil", len(cfg.Inputs), M)
	}
	for i, u := range cfg.Inputs {
		if u == nil {
			continue
		}
		if m.B == nil || m.B[i] == nil {
			return nil, fmt.Errorf("multiarea: Inputs[%d] given but area %d has no B", i, i)
		}
		r, c := u.Dims()
		if _, mi := m.B[i].Dims(); r != total || c != mi {
			return nil, fmt.Errorf("multiarea: Inputs[%d] is %d×%d, need %d×%d (Burn+T × inputs)", i, r, c, total, mi)
		}
		if err := finite(fmt.Sprintf("Inputs[%d]", i), u); err != nil {
			return nil, err
		}
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xc0de))
	x := make([]*mat.VecDense, M)
	next := make([]*mat.VecDense, M)
	out := make([]*mat.Dense, M)
	for i, d := range dims {
		x[i], next[i] = mat.NewVecDense(d, nil), mat.NewVecDense(d, nil)
		out[i] = mat.NewDense(cfg.T, d, nil)
	}
	tmps := make([]*mat.VecDense, M)
	for i, d := range dims {
		tmps[i] = mat.NewVecDense(d, nil)
	}
	for t := range total {
		if t >= cfg.Burn {
			for i := range M {
				copy(out[i].RawRowView(t-cfg.Burn), x[i].RawVector().Data)
			}
		}
		for i := range M {
			tmp := tmps[i]
			next[i].Zero()
			for j, a := range m.A[i] {
				if a != nil {
					tmp.MulVec(a, x[j])
					next[i].AddVec(next[i], tmp)
				}
			}
			if cfg.Inputs != nil && cfg.Inputs[i] != nil {
				tmp.MulVec(m.B[i], cfg.Inputs[i].RowView(t))
				next[i].AddVec(next[i], tmp)
			}
			if m.NoiseStd != nil && m.NoiseStd[i] > 0 {
				for k := range dims[i] {
					next[i].SetVec(k, next[i].AtVec(k)+m.NoiseStd[i]*rng.NormFloat64())
				}
			}
		}
		x, next = next, x
	}
	return out, nil
}

func finite(name string, a mat.Matrix) error {
	r, c := a.Dims()
	for i := range r {
		for j := range c {
			if v := a.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("multiarea: %s[%d,%d] = %v is not finite", name, i, j, v)
			}
		}
	}
	return nil
}
