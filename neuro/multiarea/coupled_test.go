package multiarea

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestTwoAreaStructure(t *testing.T) {
	for _, al := range []Alignment{AlignHigh, AlignLow, AlignRandom} {
		m, err := NewTwoArea(TwoAreaConfig{Align: al, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		// The communication matrix reads exactly the Comm subspace: A21 (I − Comm Commᵀ) = 0.
		A21 := m.A[1][0]
		var P, R mat.Dense
		P.Mul(m.Comm, m.Comm.T())
		R.Mul(A21, &P)
		R.Sub(A21, &R)
		if mat.Norm(&R, math.Inf(1)) > 1e-10 {
			t.Fatalf("align %d: A21 reads outside Comm", al)
		}
		J, _ := m.Joint()
		var eig mat.Eigen
		eig.Factorize(J, mat.EigenNone)
		for _, v := range eig.Values(nil) {
			if math.Hypot(real(v), imag(v)) >= 1 {
				t.Fatalf("align %d: unstable eigenvalue %v", al, v)
			}
		}
		// High alignment reads the top PCs, low the bottom ones.
		var top mat.Dense
		top.Mul(m.PCs.Slice(0, 30, 0, 2).T(), m.Comm)
		overlap := mat.Norm(&top, 2) / math.Sqrt2
		switch al {
		case AlignHigh:
			if overlap < 1-1e-9 {
				t.Fatalf("high alignment overlaps top PCs by %g", overlap)
			}
		case AlignLow:
			if overlap > 1e-9 {
				t.Fatalf("low alignment overlaps top PCs by %g", overlap)
			}
		}
	}
}

func TestCoupledLDSSimulateStationaryVariance(t *testing.T) {
	m, err := NewTwoArea(TwoAreaConfig{Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	X, err := m.Simulate(SimConfig{T: 20000, Burn: 200, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	// Variance of the source along each principal direction matches 1/(1−λ²).
	var proj mat.Dense
	proj.Mul(X[0], m.PCs)
	for _, k := range []int{0, 29} {
		var s float64
		for i := range 20000 {
			s += proj.At(i, k) * proj.At(i, k)
		}
		s /= 20000
		if math.Abs(s-m.PCVar[k]) > 0.15*m.PCVar[k] {
			t.Fatalf("PC %d variance %g, want %g", k, s, m.PCVar[k])
		}
	}
	// The same seed reproduces the run.
	Y, _ := m.Simulate(SimConfig{T: 20000, Burn: 200, Seed: 3})
	if !mat.Equal(X[1], Y[1]) {
		t.Fatal("same seed, different simulation")
	}
}

func TestCoupledLDSInputsAndErrors(t *testing.T) {
	A := [][]*mat.Dense{{mat.NewDense(1, 1, []float64{0.5})}}
	m := &CoupledLDS{A: A, B: []*mat.Dense{mat.NewDense(1, 1, []float64{2})}}
	u := mat.NewDense(3, 1, []float64{1, 0, 0})
	X, err := m.Simulate(SimConfig{T: 3, Inputs: []*mat.Dense{u}})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0, 2, 1}
	for i, w := range want {
		if X[0].At(i, 0) != w {
			t.Fatalf("x(%d) = %g, want %g", i, X[0].At(i, 0), w)
		}
	}
	if _, err := m.Simulate(SimConfig{T: 4, Inputs: []*mat.Dense{u}}); err == nil {
		t.Fatal("expected input length error")
	}
	bad := &CoupledLDS{A: [][]*mat.Dense{{mat.NewDense(2, 2, nil), mat.NewDense(2, 3, nil)}, {nil, mat.NewDense(2, 2, nil)}}}
	if _, err := bad.Simulate(SimConfig{T: 2}); err == nil {
		t.Fatal("expected block shape error")
	}
	if _, err := NewTwoArea(TwoAreaConfig{Rank: 25}); err == nil {
		t.Fatal("expected rank error")
	}
}
