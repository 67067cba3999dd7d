package lds

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/linalg"
	"gonum.org/v1/gonum/mat"
)

func TestModesOfKnownRotation(t *testing.T) {
	md := randomTestModel(t, 1, 2, 3, 0, false)
	md.A = Rotation(2*math.Pi/20, 0.9) // 20 bins per cycle
	modes, err := md.Modes(0.01)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range modes {
		if math.Abs(m.Radius-0.9) > 1e-12 || math.Abs(m.Frequency-0.05) > 1e-12 || math.Abs(m.FrequencyHz-5) > 1e-10 {
			t.Fatalf("mode %+v, want radius 0.9, 0.05 cycles/bin, 5 Hz", m)
		}
		if want := -1 / math.Log(0.9); math.Abs(m.DecayBins-want) > 1e-12 || math.Abs(m.DecaySeconds-0.01*want) > 1e-12 {
			t.Fatalf("decay %v bins, want %v", m.DecayBins, want)
		}
	}
	if ok, _ := md.IsStable(); !ok {
		t.Fatal("0.9 rotation reported unstable")
	}
	if _, err := md.Modes(0); err == nil {
		t.Fatal("dt = 0 accepted")
	}
}

func TestBlockDynamicsAndRandomEigenvalues(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	eigs, err := RandomEigenvalues(7, 0.2, 0.9, rng)
	if err != nil {
		t.Fatal(err)
	}
	a, err := BlockDynamics(eigs)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := eigenvalues(a)
	for _, want := range eigs {
		if cmplx.Abs(want) < 0.2-1e-12 || cmplx.Abs(want) > 0.9+1e-12 {
			t.Fatalf("eigenvalue %v outside the annulus", want)
		}
		best := math.Inf(1)
		for _, g := range got {
			best = math.Min(best, cmplx.Abs(g-want))
		}
		if best > 1e-12 {
			t.Fatalf("eigenvalue %v missing from BlockDynamics", want)
		}
	}
	if _, err := BlockDynamics([]complex128{complex(0.5, 0.1)}); err == nil {
		t.Fatal("unpaired complex eigenvalue accepted")
	}
	// Area-uniform radii: the fraction inside radius 0.5 of the unit disk is 1/4.
	rng = rand.New(rand.NewPCG(5, 6))
	inside, total := 0, 0
	for range 2000 {
		e, _ := RandomEigenvalues(2, 0, 1, rng)
		if cmplx.Abs(e[0]) < 0.5 {
			inside++
		}
		total++
	}
	if f := float64(inside) / float64(total); math.Abs(f-0.25) > 0.03 {
		t.Fatalf("fraction of radii below 0.5 is %v, want 0.25 for area-uniform poles", f)
	}
}

func TestTransformPreservesLikelihoodAndModalFormIsCanonical(t *testing.T) {
	md := randomTestModel(t, 4, 4, 7, 1, false)
	u := randomInputs(4, []int{50}, 1)
	_, y, err := md.Sample([]int{50}, u, 3)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(8, 8))
	tr := mat.NewDense(4, 4, nil)
	for i := range 4 {
		for j := range 4 {
			tr.Set(i, j, rng.NormFloat64())
		}
	}
	other, err := md.Transform(tr)
	if err != nil {
		t.Fatal(err)
	}
	l1, _ := md.LogLikelihood(y, u)
	l2, _ := other.LogLikelihood(y, u)
	if math.Abs(l1-l2) > 1e-8*math.Abs(l1) {
		t.Fatalf("similarity transform changed the log-likelihood: %v vs %v", l1, l2)
	}
	m1, _, err := md.ModalForm()
	if err != nil {
		t.Fatal(err)
	}
	m2, _, err := other.ModalForm()
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]mat.Matrix{{m1.A, m2.A}, {m1.C, m2.C}, {m1.Q, m2.Q}, {m1.B, m2.B}} {
		if d := maxAbsDiff(pair[0], pair[1]); d > 1e-8 {
			t.Fatalf("modal forms of equivalent models differ by %g", d)
		}
	}
	// A is block diagonal in modal form.
	modes, _ := md.Modes(1)
	for i := range 4 {
		for j := range 4 {
			if i/2 != j/2 && math.Abs(m1.A.At(i, j)) > 1e-10 && modes[0].Angle != 0 {
				t.Fatalf("modal A is not block diagonal:\n%v", mat.Formatted(m1.A))
			}
		}
	}
}

func TestFlowFieldOfRotation(t *testing.T) {
	md := randomTestModel(t, 1, 2, 3, 0, false)
	md.A = Rotation(0.1, 0.95)
	ff, err := md.FlowField(FlowConfig{Basis: mat.NewDense(2, 2, []float64{1, 0, 0, 1}), Points: 5, Extent: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(ff.X) != 5 || len(ff.DX) != 5 || len(ff.DX[0]) != 5 {
		t.Fatalf("grid %d×%d, want 5×5", len(ff.X), len(ff.DX))
	}
	for r, y := range ff.Y {
		for c, x := range ff.X {
			wantU := (md.A.At(0, 0)-1)*x + md.A.At(0, 1)*y
			wantV := md.A.At(1, 0)*x + (md.A.At(1, 1)-1)*y
			if math.Abs(ff.DX[r][c]-wantU) > 1e-12 || math.Abs(ff.DY[r][c]-wantV) > 1e-12 {
				t.Fatalf("flow at (%v, %v) is (%v, %v), want (%v, %v)", x, y, ff.DX[r][c], ff.DY[r][c], wantU, wantV)
			}
		}
	}
	// A 4-state model: the default plane is the rotation plane, where the flow is a rotation.
	big := randomTestModel(t, 2, 4, 5, 0, false)
	blk, _ := BlockDynamics([]complex128{cmplx.Rect(0.9, 0.3), cmplx.Rect(0.9, -0.3), 0.5, 0.2})
	o := linalg.RandomOrthogonal(4, rand.New(rand.NewPCG(1, 1)))
	big.A.Product(o, blk, o.T())
	ff, err = big.FlowField(FlowConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for r, y := range ff.Y {
		for c, x := range ff.X {
			// In the invariant plane of a 0.9·rotation, x·Δx = (0.9 cos 0.3 − 1)|x|².
			want := (0.9*math.Cos(0.3) - 1) * (x*x + y*y)
			if got := x*ff.DX[r][c] + y*ff.DY[r][c]; math.Abs(got-want) > 1e-9 {
				t.Fatalf("radial flow %v, want %v", got, want)
			}
		}
	}
}

func TestPerturbationsWithinAndOutsideManifold(t *testing.T) {
	md := randomTestModel(t, 6, 3, 8, 0, false)
	within, outside, err := md.ManifoldBases()
	if err != nil {
		t.Fatal(err)
	}
	if _, c := within.Dims(); c != 3 {
		t.Fatalf("manifold dimension %d, want 3", c)
	}
	if _, c := outside.Dims(); c != 5 {
		t.Fatalf("complement dimension %d, want 5", c)
	}
	in, err := md.PerturbationResponse(mat.Col(nil, 0, within), 10)
	if err != nil {
		t.Fatal(err)
	}
	out, err := md.PerturbationResponse(mat.Col(nil, 0, outside), 10)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(in.WithinFraction-1) > 1e-10 || out.WithinFraction > 1e-10 {
		t.Fatalf("within fractions %v and %v, want 1 and 0", in.WithinFraction, out.WithinFraction)
	}
	// Within-manifold: Δy(1) = C A C⁺ Δy; outside: nothing after the first bin.
	if math.Abs(out.Norm[0]-1) > 1e-12 || out.Norm[1] > 1e-10 {
		t.Fatalf("outside-manifold response norms %v", out.Norm[:2])
	}
	var ax, want mat.VecDense
	ax.MulVec(md.A, in.Latent.RowView(0))
	want.MulVec(md.C, &ax)
	if d := maxAbsDiff(in.Neural.RowView(1), &want); d > 1e-10 {
		t.Fatalf("within-manifold response off by %g", d)
	}
	if in.Norm[1] < 1e-3 {
		t.Fatal("within-manifold perturbation vanished")
	}
}

func TestScaleRotationCoolAndLesion(t *testing.T) {
	md := randomTestModel(t, 2, 4, 6, 0, false)
	blk, _ := BlockDynamics([]complex128{cmplx.Rect(0.95, 0.4), cmplx.Rect(0.95, -0.4), 0.7, 0.3})
	o := linalg.RandomOrthogonal(4, rand.New(rand.NewPCG(2, 2)))
	md.A.Product(o, blk, o.T())
	slow, err := ScaleRotation(md, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	modes, _ := slow.Modes(1)
	if math.Abs(modes[0].Radius-0.95) > 1e-10 || math.Abs(math.Abs(modes[0].Angle)-0.2) > 1e-10 {
		t.Fatalf("ScaleRotation(0.5): mode %v, want radius 0.95 angle ±0.2", modes[0].Eigenvalue)
	}
	cooled, err := Cool(md, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	modes, _ = cooled.Modes(1)
	if math.Abs(modes[0].Radius-math.Sqrt(0.95)) > 1e-10 || math.Abs(math.Abs(modes[0].Angle)-0.2) > 1e-10 {
		t.Fatalf("Cool(0.5): mode %v, want radius √0.95 angle ±0.2", modes[0].Eigenvalue)
	}
	if md.A.At(0, 0) == slow.A.At(0, 0) && md.A.At(0, 1) == slow.A.At(0, 1) {
		t.Fatal("ScaleRotation did not change A")
	}
	neg := md.Clone()
	neg.A = mat.NewDense(4, 4, nil)
	for i := range 4 {
		neg.A.Set(i, i, -0.5+0.2*float64(i))
	}
	if _, err := Cool(neg, 0.5); err == nil {
		t.Fatal("Cool accepted a negative real eigenvalue")
	}
	les, err := Lesion(md, []int{0, 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, p, _ := les.Dims(); p != 4 || les.C.At(0, 0) != md.C.At(1, 0) || les.R.At(2, 2) != md.R.At(4, 4) {
		t.Fatal("Lesion kept the wrong channels")
	}
	if _, err := Lesion(md, []int{7}); err == nil {
		t.Fatal("Lesion accepted an out-of-range channel")
	}
}

func TestFixedPoint(t *testing.T) {
	md := randomTestModel(t, 12, 3, 4, 2, false)
	u := []float64{0.5, -1}
	x, err := md.FixedPoint(u)
	if err != nil {
		t.Fatal(err)
	}
	// A x* + B u = x*.
	var ax, bu mat.VecDense
	ax.MulVec(md.A, mat.NewVecDense(3, x))
	bu.MulVec(md.B, mat.NewVecDense(2, u))
	ax.AddVec(&ax, &bu)
	if d := maxAbsDiff(&ax, mat.NewVecDense(3, x)); d > 1e-12 {
		t.Fatalf("A x* + B u − x* = %g", d)
	}
	md.A = mat.NewDense(3, 3, []float64{1, 0, 0, 0, 0.5, 0, 0, 0, 0.2})
	if _, err := md.FixedPoint(u); err == nil {
		t.Fatal("eigenvalue at 1 accepted")
	}
}
