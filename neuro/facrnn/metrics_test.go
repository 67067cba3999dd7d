package facrnn

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestGroupR2Recovery: a prediction that mixes coordinates only within groups, with the groups
// swapped and an offset, aligns perfectly; a prediction mixing across groups does not.
func TestGroupR2Recovery(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	n := 500
	z := mat.NewDense(n, 4, nil)
	for i := range z.RawMatrix().Data {
		z.RawMatrix().Data[i] = rng.NormFloat64()
	}
	groups := [][]int{{0, 1}, {2, 3}}
	// Within-group mixing, groups swapped: pred = [z2..3 M1, z0..1 M2] + c.
	within := mat.NewDense(4, 4, []float64{
		0, 0, 1, 2,
		0, 0, -1, 1,
		3, 1, 0, 0,
		1, -2, 0, 0})
	across := mat.NewDense(4, 4, []float64{
		1, 1, 0, 0,
		0, 0, 1, 1,
		1, -1, 0, 0,
		0, 0, 1, -1})
	for _, tc := range []struct {
		name string
		M    *mat.Dense
		want func(float64) bool
		cmp  func(float64) bool
	}{
		{"within", within, func(r float64) bool { return r > 1-1e-12 }, func(r float64) bool { return r < 0.9 }},
		{"across", across, func(r float64) bool { return r < 0.6 }, func(r float64) bool { return r < 0.6 }},
	} {
		var p mat.Dense
		p.Mul(z, tc.M)
		for i := 0; i < n; i++ {
			p.Set(i, 0, p.At(i, 0)+5)
		}
		al, err := GroupR2(z, &p, groups, groups)
		if err != nil {
			t.Fatal(err)
		}
		comp, err := ComponentR2(z, &p)
		if err != nil {
			t.Fatal(err)
		}
		if !tc.want(al.R2) || !tc.cmp(comp.R2) {
			t.Errorf("%s: group R² %.4f, component R² %.4f", tc.name, al.R2, comp.R2)
		}
		if tc.name == "within" && (al.Assign[0] != 1 || al.Assign[1] != 0) {
			t.Errorf("within: assignment %v, want [1 0]", al.Assign)
		}
	}
}

func TestGroupings(t *testing.T) {
	for _, tc := range []struct{ K, H, want int }{{4, 2, 3}, {6, 3, 10}, {6, 2, 15}, {8, 2, 105}, {9, 3, 280}, {8, 4, 35}} {
		gs, err := Groupings(tc.K, tc.H)
		if err != nil {
			t.Fatal(err)
		}
		if len(gs) != tc.want {
			t.Errorf("K=%d H=%d: %d groupings, want %d", tc.K, tc.H, len(gs), tc.want)
		}
		seen := map[string]bool{}
		for _, g := range gs {
			if err := checkPartition(g, tc.K); err != nil {
				t.Fatal(err)
			}
			key := ""
			for _, s := range g {
				for _, c := range s {
					key += string(rune('a' + c))
				}
				key += "|"
			}
			if seen[key] {
				t.Fatalf("duplicate grouping %v", g)
			}
			seen[key] = true
		}
	}
	if _, err := Groupings(6, 4); err == nil {
		t.Error("H not dividing K accepted")
	}
}

func TestCompareConn(t *testing.T) {
	W := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	c, err := CompareConn(W, W)
	if err != nil || c.MAE != 0 || c.RMSE != 0 || math.Abs(c.R2-1) > 1e-15 || math.Abs(c.Corr-1) > 1e-15 {
		t.Errorf("self comparison %+v, %v", c, err)
	}
	V := mat.NewDense(2, 2, []float64{2, 3, 4, 5}) // offset by one: corr 1, MAE 1, R² = 1 − 4/5
	c, _ = CompareConn(V, W)
	if math.Abs(c.MAE-1) > 1e-15 || math.Abs(c.Corr-1) > 1e-12 || math.Abs(c.R2-0.2) > 1e-12 {
		t.Errorf("offset comparison %+v", c)
	}
	if _, err := CompareConn(mat.NewDense(2, 3, nil), W); err == nil {
		t.Error("shape mismatch accepted")
	}
}

// TestPairedT against a hand-computed value: differences {1,2,3,4} → t = 2.5/(1.291/2) = 3.873,
// p = 0.0305 (3 degrees of freedom).
func TestPairedT(t *testing.T) {
	tt, p, err := PairedT([]float64{2, 4, 6, 8}, []float64{1, 2, 3, 4})
	if err != nil || math.Abs(tt-3.8730) > 1e-3 || math.Abs(p-0.0305) > 5e-4 {
		t.Errorf("t = %v, p = %v, err %v", tt, p, err)
	}
	if Stars(p) != "*" || Stars(1e-5) != "****" || Stars(0.2) != "ns" {
		t.Error("stars")
	}
}

// TestFastICA recovers two independent uniform sources mixed linearly (up to sign and order).
func TestFastICA(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	n := 3000
	S := mat.NewDense(n, 3, nil)
	for i := 0; i < n; i++ {
		S.Set(i, 0, rng.Float64()*2-1)
		S.Set(i, 1, math.Sin(float64(i)*0.05))
		S.Set(i, 2, rng.ExpFloat64())
	}
	Mix := mat.NewDense(3, 3, []float64{1, 0.5, 0.2, 0.3, 1, -0.4, 0.6, 0.1, 1})
	var X mat.Dense
	X.Mul(S, Mix)
	ica, err := FastICA(&X, ICAConfig{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var rec mat.Dense
	rec.Mul(&X, ica.Unmix.T())
	comp, err := ComponentR2(S, &rec)
	if err != nil {
		t.Fatal(err)
	}
	if comp.R2 < 0.99 {
		t.Errorf("component R² of the sources %.4f, want > 0.99 (%d iterations)", comp.R2, ica.Iter)
	}
	var I mat.Dense
	I.Mul(ica.Unmix, ica.Mix)
	if !mat.EqualApprox(&I, eye(3), 1e-9) {
		t.Errorf("Unmix·Mix = %v", mat.Formatted(&I))
	}
}

// TestBaselinesPreserveModel: ICA and LINT re-parameterise a model without changing its
// decoder output or its connectivity.
func TestBaselinesPreserveModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	N, T := 8, 300
	cfg, _ := Config{K: 3}.withDefaults(T, N)
	m := NewModel(N, cfg, rng)
	U := mat.NewDense(T, N, nil)
	for i := range U.RawMatrix().Data {
		U.RawMatrix().Data[i] = math.Tanh(rng.NormFloat64())
	}
	ica, err := WithICA(m, U, ICAConfig{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	lint, err := WithLINT(m)
	if err != nil {
		t.Fatal(err)
	}
	mu, _ := m.Encode(U)
	want, _ := m.Decode(mu, nil)
	W, _ := m.W()
	for name, b := range map[string]*Model{"ICA": ica, "LINT": lint} {
		mb, _ := b.Encode(U)
		got, _ := b.Decode(mb, nil)
		Wb, _ := b.W()
		if !mat.EqualApprox(got, want, 1e-9) || !mat.EqualApprox(Wb, W, 1e-9) {
			t.Errorf("%s changes the model", name)
		}
	}
	// ICA sources are decorrelated with unit variance.
	s, _ := ica.Encode(U)
	var c mat.SymDense
	cov(&c, s)
	if !mat.EqualApprox(&c, eye(3), 1e-6) {
		t.Errorf("ICA source covariance %v", mat.Formatted(&c))
	}
}

func eye(n int) *mat.Dense {
	I := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		I.Set(i, i, 1)
	}
	return I
}

func cov(dst *mat.SymDense, x *mat.Dense) {
	n, k := x.Dims()
	c := mat.DenseCopyOf(x)
	for j := 0; j < k; j++ {
		m := 0.0
		for i := 0; i < n; i++ {
			m += c.At(i, j) / float64(n)
		}
		for i := 0; i < n; i++ {
			c.Set(i, j, c.At(i, j)-m)
		}
	}
	dst.SymOuterK(1/float64(n), c.T())
}
