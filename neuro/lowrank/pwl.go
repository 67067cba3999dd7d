package lowrank

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Hinge is one kink of a piecewise-linear activation: the rate of unit Unit gains slope Weight
// for currents above Break, i.e. it contributes Weight·max(c_Unit − Break, 0).
type Hinge struct {
	Unit          int
	Break, Weight float64
}

// PWL is the latent map of a low-rank RNN with a piecewise-linear activation, at a constant
// (filtered) input:
//
//	c    = U z + Offset
//	F(z) = a z + V (Slope ∘ c + Const) + Σ_j Weight_j V_{:,Unit_j} max(c_{Unit_j} − Break_j, 0) + Bias
//
// Each hinge j switches on the hyperplane u_{Unit_j}·z = Break_j − Offset_{Unit_j} of the latent
// space. ReLU is one hinge per unit (Break = h_i, Weight = 1); clipped ReLU two parallel ones
// (Break = −h_i, Weight = 1 and Break = 0, Weight = −1); any other piecewise-linear φ is given by
// its breakpoints and slope changes.
type PWL struct {
	U, V   *mat.Dense // N×R and R×N
	Decay  float64    // a
	Offset []float64  // N constant currents W v (nil for zero)
	Slope  []float64  // N linear slopes of φ below all its hinges (nil for zero)
	Const  []float64  // N constant parts of φ (nil for zero)
	Hinges []Hinge
	Bias   []float64 // R constant latent drive (nil for zero)
}

// PWL returns the model's latent map at the constant input v (nil for none; for a model with
// InputFilter this is the filtered input, equal to u at steady state) as a piecewise-linear
// system. Tanh has no such form.
func (m *Model) PWL(v []float64) (*PWL, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	n, _, du := m.Dims()
	p := &PWL{U: m.U, V: m.V, Decay: m.Decay, Bias: m.Bias}
	if v != nil {
		if len(v) != du {
			return nil, fmt.Errorf("lowrank: input v has length %d, want d_u = %d", len(v), du)
		}
		if err := finiteVec("v", v); err != nil {
			return nil, err
		}
		p.Offset = make([]float64, n)
		mat.NewVecDense(n, p.Offset).MulVec(m.W, mat.NewVecDense(du, v))
	}
	switch m.Phi {
	case ReLU:
		for i, h := range m.H {
			p.Hinges = append(p.Hinges, Hinge{i, h, 1})
		}
	case ClippedReLU:
		for i, h := range m.H {
			p.Hinges = append(p.Hinges, Hinge{i, -h, 1}, Hinge{i, 0, -1})
		}
	case Linear:
		p.Slope, p.Const = make([]float64, n), make([]float64, n)
		for i, h := range m.H {
			p.Slope[i], p.Const[i] = 1, -h
		}
	default:
		return nil, fmt.Errorf("lowrank: activation %v is not piecewise linear", m.Phi)
	}
	return p, nil
}

// Validate checks shapes and values.
func (p *PWL) Validate() error {
	if p == nil || p.U == nil || p.V == nil {
		return fmt.Errorf("lowrank: PWL needs U and V")
	}
	n, r := p.U.Dims()
	if a, b := p.V.Dims(); a != r || b != n {
		return fmt.Errorf("lowrank: V is %d×%d, want R×N = %d×%d", a, b, r, n)
	}
	if r == 0 {
		return fmt.Errorf("lowrank: rank R = 0")
	}
	for _, f := range []struct {
		name string
		x    []float64
		n    int
	}{{"Offset", p.Offset, n}, {"Slope", p.Slope, n}, {"Const", p.Const, n}, {"Bias", p.Bias, r}} {
		if f.x != nil && len(f.x) != f.n {
			return fmt.Errorf("lowrank: %s has length %d, want %d", f.name, len(f.x), f.n)
		}
		if err := finiteVec(f.name, f.x); err != nil {
			return err
		}
	}
	for j, h := range p.Hinges {
		if h.Unit < 0 || h.Unit >= n {
			return fmt.Errorf("lowrank: Hinges[%d].Unit = %d out of range [0, %d)", j, h.Unit, n)
		}
		if math.IsNaN(h.Break) || math.IsInf(h.Break, 0) || math.IsNaN(h.Weight) || math.IsInf(h.Weight, 0) {
			return fmt.Errorf("lowrank: Hinges[%d] has a non-finite break or weight", j)
		}
	}
	if math.IsNaN(p.Decay) || math.IsInf(p.Decay, 0) {
		return fmt.Errorf("lowrank: Decay is %v", p.Decay)
	}
	if err := finiteDense("U", p.U); err != nil {
		return err
	}
	return finiteDense("V", p.V)
}

// Eval writes F(z) into dst (length R) and returns it.
func (p *PWL) Eval(dst, z []float64) []float64 {
	n, r := p.U.Dims()
	if dst == nil {
		dst = make([]float64, r)
	}
	rate := make([]float64, n)
	cur := make([]float64, n)
	for i := range n {
		s := 0.0
		for k, x := range p.U.RawRowView(i) {
			s += x * z[k]
		}
		if p.Offset != nil {
			s += p.Offset[i]
		}
		cur[i] = s
		if p.Slope != nil {
			rate[i] += p.Slope[i] * s
		}
		if p.Const != nil {
			rate[i] += p.Const[i]
		}
	}
	for _, h := range p.Hinges {
		rate[h.Unit] += h.Weight * math.Max(cur[h.Unit]-h.Break, 0)
	}
	for k := range r {
		s := p.Decay * z[k]
		for i, x := range p.V.RawRowView(k) {
			s += x * rate[i]
		}
		if p.Bias != nil {
			s += p.Bias[k]
		}
		dst[k] = s
	}
	return dst
}

// system is a PWL in flat arrays: hinge j has normal u_j (row of U), threshold θ_j and
// feedback vw_j = Weight_j V_{:,Unit_j}. On the region with active set D,
//
//	F(z) = J_D z + c_D,  J_D = J0 + Σ_{j∈D} vw_j u_jᵀ,  c_D = c0 − Σ_{j∈D} vw_j θ_j.
type system struct {
	pwl    *PWL
	r, p   int
	u, vw  []float64 // p×r
	th     []float64 // p
	unorm  []float64 // |u_j|
	hinges []Hinge   // merged hinges, in system order
	j0, c0 []float64 // r×r and r
	tol    float64   // relative boundary tolerance
}

// newSystem merges hinges with the same unit and break, drops zero-weight ones and orders them
// by unit then break.
func newSystem(p *PWL, tol float64) *system {
	n, r := p.U.Dims()
	hs := slices.Clone(p.Hinges)
	slices.SortStableFunc(hs, func(a, b Hinge) int {
		if a.Unit != b.Unit {
			return a.Unit - b.Unit
		}
		switch {
		case a.Break < b.Break:
			return -1
		case a.Break > b.Break:
			return 1
		}
		return 0
	})
	var merged []Hinge
	for _, h := range hs {
		if k := len(merged) - 1; k >= 0 && merged[k].Unit == h.Unit && merged[k].Break == h.Break {
			merged[k].Weight += h.Weight
			continue
		}
		merged = append(merged, h)
	}
	merged = slices.DeleteFunc(merged, func(h Hinge) bool { return h.Weight == 0 })
	s := &system{pwl: p, r: r, p: len(merged), hinges: merged, tol: tol}
	s.u, s.vw = make([]float64, s.p*r), make([]float64, s.p*r)
	s.th, s.unorm = make([]float64, s.p), make([]float64, s.p)
	for j, h := range merged {
		copy(s.u[j*r:], p.U.RawRowView(h.Unit))
		for k := range r {
			s.vw[j*r+k] = h.Weight * p.V.At(k, h.Unit)
		}
		s.th[j] = h.Break
		if p.Offset != nil {
			s.th[j] -= p.Offset[h.Unit]
		}
		s.unorm[j] = math.Sqrt(dot(s.u[j*r:(j+1)*r], s.u[j*r:(j+1)*r]))
	}
	// J0 = a I + V diag(Slope) U, c0 = Bias + V (Slope ∘ Offset + Const).
	s.j0, s.c0 = make([]float64, r*r), make([]float64, r)
	for k := range r {
		s.j0[k*r+k] = p.Decay
		if p.Bias != nil {
			s.c0[k] = p.Bias[k]
		}
	}
	for i := range n {
		sl, cst := 0.0, 0.0
		if p.Slope != nil {
			sl = p.Slope[i]
			if p.Offset != nil {
				cst = sl * p.Offset[i]
			}
		}
		if p.Const != nil {
			cst += p.Const[i]
		}
		if sl == 0 && cst == 0 {
			continue
		}
		ui := p.U.RawRowView(i)
		for k := range r {
			vk := p.V.At(k, i)
			s.c0[k] += vk * cst
			for l := range r {
				s.j0[k*r+l] += vk * sl * ui[l]
			}
		}
	}
	return s
}

// add adds sign × the contribution of hinge j to J (r×r) and c (r); unrolled for r = 2, 3, the
// hot path of the sweep.
func (s *system) add(j int, sign float64, J, c []float64) {
	r := s.r
	if r == 3 {
		vw, u, th := s.vw[3*j:3*j+3], s.u[3*j:3*j+3], s.th[j]
		J, c = J[:9], c[:3]
		v0, v1, v2 := sign*vw[0], sign*vw[1], sign*vw[2]
		u0, u1, u2 := u[0], u[1], u[2]
		J[0] += v0 * u0
		J[1] += v0 * u1
		J[2] += v0 * u2
		J[3] += v1 * u0
		J[4] += v1 * u1
		J[5] += v1 * u2
		J[6] += v2 * u0
		J[7] += v2 * u1
		J[8] += v2 * u2
		c[0] -= v0 * th
		c[1] -= v1 * th
		c[2] -= v2 * th
		return
	}
	if r == 2 {
		vw, u, th := s.vw[2*j:2*j+2], s.u[2*j:2*j+2], s.th[j]
		J, c = J[:4], c[:2]
		v0, v1 := sign*vw[0], sign*vw[1]
		J[0] += v0 * u[0]
		J[1] += v0 * u[1]
		J[2] += v1 * u[0]
		J[3] += v1 * u[1]
		c[0] -= v0 * th
		c[1] -= v1 * th
		return
	}
	vw, u := s.vw[j*r:(j+1)*r], s.u[j*r:(j+1)*r]
	for k, v := range vw {
		v *= sign
		row := J[k*r : (k+1)*r]
		for l, x := range u {
			row[l] += v * x
		}
		c[k] -= v * s.th[j]
	}
}

// value returns u_j·z − θ_j and its boundary tolerance.
func (s *system) value(j int, z []float64, znorm float64) (v, tol float64) {
	return dot(s.u[j*s.r:(j+1)*s.r], z) - s.th[j], s.tol * (1 + s.unorm[j]*znorm + math.Abs(s.th[j]))
}

// consistent reports whether z lies in the closure of the region with the given states,
// checking the hinges in first before all others.
func (s *system) consistent(z []float64, state []bool, first []int) bool {
	zn := math.Sqrt(dot(z, z))
	for _, j := range first {
		if v, tol := s.value(j, z, zn); (state[j] && v < -tol) || (!state[j] && v > tol) {
			return false
		}
	}
	for j := range s.p {
		if v, tol := s.value(j, z, zn); (state[j] && v < -tol) || (!state[j] && v > tol) {
			return false
		}
	}
	return true
}

// pattern returns the active set at z: hinge j is active when u_j·z − θ_j exceeds its boundary
// tolerance; onBoundary reports a hinge within tolerance.
func (s *system) pattern(z []float64) (state []bool, onBoundary bool) {
	zn := math.Sqrt(dot(z, z))
	state = make([]bool, s.p)
	for j := range s.p {
		v, tol := s.value(j, z, zn)
		state[j] = v > tol
		if math.Abs(v) <= tol && s.unorm[j] > 0 {
			onBoundary = true
		}
	}
	return state, onBoundary
}

// regionMap returns J_D and c_D for the active set state.
func (s *system) regionMap(state []bool) (J, c []float64) {
	J, c = slices.Clone(s.j0), slices.Clone(s.c0)
	for j, on := range state {
		if on {
			s.add(j, 1, J, c)
		}
	}
	return J, c
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i, x := range a {
		s += x * b[i]
	}
	return s
}
