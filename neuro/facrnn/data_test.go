package facrnn

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestNewDataset(t *testing.T) {
	a := mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6})
	b := mat.NewDense(2, 2, []float64{7, 8, 9, 10})
	d, err := NewDataset([]*mat.Dense{a, b}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 5 {
		t.Fatalf("Len %d", d.Len())
	}
	// Each trial starts with u = 0; then u_t = tanh(x_{t−1}) within the trial.
	if d.U.At(0, 0) != 0 || d.U.At(3, 1) != 0 || d.U.At(1, 1) != math.Tanh(2) || d.U.At(4, 0) != math.Tanh(7) {
		t.Errorf("inputs %v", mat.Formatted(d.U))
	}
	tr, te, err := d.Interleave()
	if err != nil || tr.Len() != 3 || te.Len() != 2 || te.X.At(0, 0) != 3 {
		t.Errorf("interleave: %v %d %d", err, tr.Len(), te.Len())
	}
	bad := mat.NewDense(2, 2, []float64{1, math.NaN(), 0, 0})
	if _, err := NewDataset([]*mat.Dense{bad}, nil); err == nil {
		t.Error("NaN accepted")
	}
	if _, err := NewDataset([]*mat.Dense{a, mat.NewDense(2, 3, nil)}, nil); err == nil {
		t.Error("neuron mismatch accepted")
	}
	if _, err := NewDataset([]*mat.Dense{a}, []*mat.Dense{b}); err == nil {
		t.Error("ext shape mismatch accepted")
	}
}

func TestFitRejectsBadConfig(t *testing.T) {
	d, _ := NewDataset([]*mat.Dense{mat.NewDense(10, 3, nil)}, nil)
	for _, c := range []Config{{K: 0}, {K: 4, H: 3}, {K: 5}, {K: 2, Beta: -1}, {K: 2, Alpha: 1, Hidden: 4}, {K: 2, Batch: -1}} {
		if _, err := Fit(t.Context(), d, c); err == nil {
			t.Errorf("config %+v accepted", c)
		}
	}
}

// TestSyntheticGenerator checks the attractors and the fitted ground-truth RNN.
func TestSyntheticGenerator(t *testing.T) {
	s := testSynthetic(t)
	T, K := s.Z.Dims()
	if T != 2000 || K != 6 {
		t.Fatalf("Z is %d×%d", T, K)
	}
	for k := 0; k < K; k++ {
		m, v := 0.0, 0.0
		for i := 0; i < T; i++ {
			m += s.Z.At(i, k) / float64(T)
		}
		for i := 0; i < T; i++ {
			v += (s.Z.At(i, k) - m) * (s.Z.At(i, k) - m) / float64(T)
		}
		if math.Abs(m) > 1e-10 || math.Abs(v-1) > 1e-10 {
			t.Errorf("latent %d: mean %v var %v", k, m, v)
		}
	}
	// The paper's AR net reaches a one-step MSE of about 1e-3.
	if s.FitMSE > 2e-3 {
		t.Errorf("ground-truth RNN one-step MSE %v", s.FitMSE)
	}
	// Lorenz stays on its attractor (|x| < 25 before z-scoring): check the raw RK4 trajectory.
	raw := RK4(Lorenz, []float64{1, 1, 1}, 0.1, 2000)
	if mx := mat.Max(raw); mx > 60 || math.IsNaN(mx) {
		t.Errorf("Lorenz max %v", mx)
	}
	W := s.WTrue()
	var svd mat.SVD
	svd.Factorize(W, mat.SVDNone)
	if sv := svd.Values(nil); sv[6] > 1e-10*sv[0] {
		t.Errorf("W_true is not rank 6: singular values %v", sv[:8])
	}
	sum := mat.NewDense(20, 20, nil)
	for _, w := range s.SubWTrue() {
		sum.Add(sum, w)
	}
	if !mat.EqualApprox(sum, W, 1e-12) {
		t.Error("sub-connectivities do not sum to W")
	}
}
