package lowrank

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func randDense(rng *rand.Rand, r, c int, scale float64) *mat.Dense {
	d := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			d.Set(i, j, scale*rng.NormFloat64())
		}
	}
	return d
}

func randVec(rng *rand.Rand, n int, scale float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = scale * rng.NormFloat64()
	}
	return v
}

// The latent form reproduces a noise-free continuous run exactly, with filtered inputs.
func TestContinuousLatentEquivalence(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n, r, du, steps = 30, 2, 2, 120
	c := &Continuous{
		M: randDense(rng, n, r, 1), N: randDense(rng, r, n, 3), B: randVec(rng, n, 0.5),
		WIn: randDense(rng, n, du, 1), Dt: 10, Tau: 100, Phi: ReLU,
	}
	lat, err := c.Latent()
	if err != nil {
		t.Fatal(err)
	}
	u := randDense(rng, steps, du, 1)
	z0 := []float64{0.3, -0.7}
	x0 := lat.Currents(nil, z0, nil)
	xs, err := c.Simulate(x0, u, steps, nil)
	if err != nil {
		t.Fatal(err)
	}
	zs, err := lat.Simulate(z0, u, steps, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Rebuild the filtered input and compare x_t with U z_t + W v_t.
	v := make([]float64, du)
	maxErr := 0.0
	for tt := 0; tt <= steps; tt++ {
		if tt > 0 {
			for k := range v {
				v[k] = lat.Decay*v[k] + (1-lat.Decay)*u.At(tt-1, k)
			}
		}
		want := lat.Currents(nil, zs.RawRowView(tt), v)
		for i, w := range want {
			maxErr = math.Max(maxErr, math.Abs(w-xs.At(tt, i)))
		}
	}
	if maxErr > 1e-10 {
		t.Fatalf("latent and continuous runs differ by %g", maxErr)
	}
}

func TestOrthonormalEquivalence(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const n, r, steps = 25, 3, 50
	m := &Model{U: randDense(rng, n, r, 1), V: randDense(rng, r, n, 0.2), Decay: 0.8,
		H: randVec(rng, n, 0.3), Bias: randVec(rng, r, 0.1), Phi: ClippedReLU}
	o, tm, err := m.Orthonormal()
	if err != nil {
		t.Fatal(err)
	}
	var utu mat.Dense
	utu.Mul(o.U.T(), o.U)
	if !mat.EqualApprox(&utu, eye(r), 1e-12) {
		t.Fatalf("UᵀU is not the identity:\n%v", mat.Formatted(&utu))
	}
	var vvt mat.Dense
	vvt.Mul(o.V, o.V.T())
	for i := range r {
		for j := range r {
			if i != j && math.Abs(vvt.At(i, j)) > 1e-10 {
				t.Fatalf("rows of V are not orthogonal: %v", mat.Formatted(&vvt))
			}
		}
		if i > 0 && vvt.At(i, i) > vvt.At(i-1, i-1) {
			t.Fatalf("rows of V are not ordered by norm")
		}
	}
	z0 := []float64{0.5, -1, 0.2}
	a, _ := m.Simulate(z0, nil, steps, nil)
	zn := mat.NewVecDense(r, nil)
	zn.MulVec(tm, mat.NewVecDense(r, z0))
	b, _ := o.Simulate(zn.RawVector().Data, nil, steps, nil)
	var mapped mat.Dense
	mapped.Mul(a, tm.T())
	if !mat.EqualApprox(&mapped, b, 1e-10) {
		t.Fatalf("orthonormal model does not reproduce the trajectory")
	}
}

func eye(n int) *mat.Dense {
	d := mat.NewDense(n, n, nil)
	for i := range n {
		d.Set(i, i, 1)
	}
	return d
}

// With U = 0 and a = 0, z_{t+1} = ε_t: the sample covariance recovers L Lᵀ; the same seed
// gives the same run.
func TestSimulateNoise(t *testing.T) {
	const n, r, steps = 4, 2, 40000
	l := mat.NewDense(r, r, []float64{0.5, 0, -0.3, 0.2})
	m := &Model{U: mat.NewDense(n, r, nil), V: mat.NewDense(r, n, nil), H: make([]float64, n), NoiseChol: l}
	z, err := m.Simulate([]float64{0, 0}, nil, steps, rand.New(rand.NewPCG(7, 7)))
	if err != nil {
		t.Fatal(err)
	}
	var cov mat.SymDense
	cov.SymOuterK(1.0/steps, z.Slice(1, steps+1, 0, r).T())
	var want mat.Dense
	want.Mul(l, l.T())
	if !mat.EqualApprox(&cov, &want, 0.01) {
		t.Fatalf("noise covariance %v, want %v", mat.Formatted(&cov), mat.Formatted(&want))
	}
	z2, _ := m.Simulate([]float64{0, 0}, nil, steps, rand.New(rand.NewPCG(7, 7)))
	if !mat.Equal(z, z2) {
		t.Fatal("same seed gave different runs")
	}
}

func TestModelErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	good := func() *Model {
		return &Model{U: randDense(rng, 5, 2, 1), V: randDense(rng, 2, 5, 1), Decay: 0.9, H: make([]float64, 5)}
	}
	cases := []struct {
		name string
		mod  func(*Model)
		want string
	}{
		{"V shape", func(m *Model) { m.V = randDense(rng, 2, 4, 1) }, "V is 2×4"},
		{"H length", func(m *Model) { m.H = make([]float64, 3) }, "H has length 3"},
		{"NaN H", func(m *Model) { m.H[2] = math.NaN() }, "H[2] is NaN"},
		{"Inf U", func(m *Model) { m.U.Set(1, 1, math.Inf(1)) }, "U[1,1]"},
		{"bias", func(m *Model) { m.Bias = []float64{1} }, "Bias has length 1"},
		{"noise", func(m *Model) { m.NoiseChol = eye(3) }, "NoiseChol is 3×3"},
	}
	for _, c := range cases {
		m := good()
		c.mod(m)
		_, err := m.Simulate([]float64{0, 0}, nil, 3, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want error containing %q", c.name, err, c.want)
		}
	}
	m := good()
	if _, err := m.Simulate([]float64{0}, nil, 3, nil); err == nil || !strings.Contains(err.Error(), "z0") {
		t.Errorf("short z0: %v", err)
	}
	if _, err := m.Simulate([]float64{0, 0}, mat.NewDense(3, 1, nil), 3, nil); err == nil {
		t.Error("inputs to a model without W accepted")
	}
	m.W = mat.NewDense(5, 2, nil)
	if _, err := m.Simulate([]float64{0, 0}, mat.NewDense(2, 2, nil), 3, nil); err == nil || !strings.Contains(err.Error(), "u is 2×2") {
		t.Errorf("short inputs: %v", err)
	}
	if _, err := FromTeacher(randDense(rng, 5, 2, 1), randDense(rng, 2, 5, 1), make([]float64, 5), nil, nil, 10, 0); err == nil {
		t.Error("tau = 0 accepted")
	}
}

func TestLatentContinuousRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	c := &Continuous{M: randDense(rng, 10, 2, 1), N: randDense(rng, 2, 10, 1), B: randVec(rng, 10, 1),
		WIn: randDense(rng, 10, 3, 1), Dt: 10, Tau: 100, Phi: ReLU}
	lat, _ := c.Latent()
	back, err := lat.Continuous(10)
	if err != nil {
		t.Fatal(err)
	}
	if !mat.EqualApprox(back.N, c.N, 1e-12) || !mat.Equal(back.M, c.M) || !mat.Equal(back.WIn, c.WIn) ||
		math.Abs(back.Tau-100) > 1e-9 || back.B[3] != c.B[3] {
		t.Error("Latent then Continuous does not return the network")
	}
	lat.Bias = []float64{0.1, 0}
	if _, err := lat.Continuous(10); err == nil || !strings.Contains(err.Error(), "Bias") {
		t.Errorf("bias: %v", err)
	}
	lat.Bias, lat.Decay = nil, 1.2
	if _, err := lat.Continuous(10); err == nil || !strings.Contains(err.Error(), "Decay") {
		t.Errorf("decay: %v", err)
	}
}
