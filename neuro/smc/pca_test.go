package smc

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// The PCA readout reproduces every channel's mean and variance (explained + residual), and the
// residual of a noisy rank-2 signal is the part of the added noise outside the top components.
func TestInitReadoutPCA(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	const T, dx = 4000, 6
	x := mat.NewDense(T, dx, nil)
	for i := range T {
		a, b := 2*rng.NormFloat64(), 2*rng.NormFloat64()
		for j := range dx {
			x.Set(i, j, 1+a*float64(j%3)-b*float64(j%2)+0.3*rng.NormFloat64())
		}
	}
	m, err := NewModel(ModelConfig{N: 8, R: 2, Dx: dx, Readout: Affine})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.InitReadoutPCA([]*mat.Dense{x}); err != nil {
		t.Fatal(err)
	}
	tot := 0.0
	for j := range dx {
		mean, v := stat.MeanVariance(mat.Col(nil, j, x), nil)
		expl := 0.0
		for r := range 2 {
			expl += m.C.Value.At(r, j) * m.C.Value.At(r, j)
		}
		res := math.Exp(m.LVX.Data()[j])
		if math.Abs(m.Bias.Data()[j]-mean) > 1e-9 || math.Abs(expl+res-v) > 1e-6*v {
			t.Errorf("channel %d: bias %v (mean %v), explained %v + residual %v ≠ variance %v", j, m.Bias.Data()[j], mean, expl, res, v)
		}
		tot += res / dx
	}
	// Isotropic noise 0.3² leaves (dx − R)/dx of its variance outside the top-2 components.
	if want := 0.09 * (dx - 2) / dx; math.Abs(tot-want) > 0.1*want {
		t.Errorf("mean residual variance %v, want ≈ %v", tot, want)
	}
	p, _ := NewModel(ModelConfig{N: 6, R: 2, Dx: 6})
	if err := p.InitReadoutPCA([]*mat.Dense{x}); err == nil {
		t.Error("one-to-one readout: want an error")
	}
}

func TestInitBiasFromData(t *testing.T) {
	x := mat.NewDense(4, 2, []float64{0, 1, 1, 3, 0, 2, 1, 2})
	m, _ := NewModel(ModelConfig{N: 2, R: 1, Dx: 2, Obs: Poisson})
	if err := m.InitBiasFromData([]*mat.Dense{x}); err != nil {
		t.Fatal(err)
	}
	for j, want := range []float64{0.5, 2} {
		if got, _ := linkOf(Softplus, m.Bias.Data()[j]); math.Abs(got-want) > 1e-5 {
			t.Errorf("channel %d: rate at zero current %v, want %v", j, got, want)
		}
	}
	if err := m.InitBiasFromData(nil); err == nil {
		t.Error("no data: want an error")
	}
}
