package cropldm

import (
	"math"
	"testing"

	"github.com/neurodyn/neurodyn/neuro/metrics"
	"gonum.org/v1/gonum/mat"
)

func meanCC(t testing.TB, z, zhat []*mat.Dense) float64 {
	t.Helper()
	cc, err := metrics.CC(z, zhat)
	if err != nil {
		t.Fatal(err)
	}
	return metrics.Mean(cc)
}

func sample(t testing.TB, s *ThreeBlock, T int, seed uint64) ([]*mat.Dense, []*mat.Dense) {
	t.Helper()
	y, z, err := s.Sample(T, seed)
	if err != nil {
		t.Fatal(err)
	}
	return []*mat.Dense{y}, []*mat.Dense{z}
}

// Setup A: 30 source / 20 target channels, 3 cross, 3 within-source, 4 within-target states,
// noise equal to signal, 20,000 training and 20,000 test samples.
func TestSetupAMatchesIdeal(t *testing.T) {
	sim, err := NewThreeBlock(SimConfig{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ytr, ztr := sample(t, sim, 20000, 1)
	yte, zte := sample(t, sim, 20000, 2)
	truth, err := sim.Truth()
	if err != nil {
		t.Fatal(err)
	}
	zi, _ := truth.Predict(yte)
	ideal := meanCC(t, zte, zi)
	for _, c := range []Config{{N1: 3}, {N1: 3, NX: 6}, {N1: 3, NX: 6, ZeroWithinSourceReadout: true}} {
		m, err := Fit(ytr, ztr, c)
		if err != nil {
			t.Fatal(err)
		}
		zh, err := m.Predict(yte)
		if err != nil {
			t.Fatal(err)
		}
		got := meanCC(t, zte, zh)
		ev, _ := m.CrossEigenvalues()
		e, _ := metrics.EigenvalueError(sim.CrossEig, ev)
		t.Logf("n1=%d nx=%d: target CC %.4f, ideal %.4f, eigenvalue error %.4f", c.N1, c.NX, got, ideal, e)
		if c.ZeroWithinSourceReadout {
			for r := range 20 {
				for col := 3; col < 6; col++ {
					if m.Sys.Cz.At(r, col) != 0 {
						t.Fatalf("Cz[%d][%d] = %v with the within-source readout constrained", r, col, m.Sys.Cz.At(r, col))
					}
				}
			}
		}
		if got < ideal-0.01 {
			t.Errorf("n1=%d nx=%d: CC %.4f more than 0.01 below ideal %.4f", c.N1, c.NX, got, ideal)
		}
	}
}

// Setup B: 2 cross, 4 within-source, 4 within-target states, within loadings 1.5×, noise 20 %.
func TestSetupBMasking(t *testing.T) {
	sim, err := NewThreeBlock(SimConfig{NCross: 2, NWithinSource: 4, NWithinTarget: 4, WithinGain: 1.5, NoiseFrac: 0.2, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	ytr, ztr := sample(t, sim, 20000, 3)
	yte, zte := sample(t, sim, 20000, 4)
	truth, _ := sim.Truth()
	zi, _ := truth.Predict(yte)
	ideal := meanCC(t, zte, zi)
	crop, err := Fit(ytr, ztr, Config{N1: 1})
	if err != nil {
		t.Fatal(err)
	}
	sid, err := Fit(ytr, ztr, Config{N1: 0, NX: 1})
	if err != nil {
		t.Fatal(err)
	}
	zc, _ := crop.Predict(yte)
	zs, _ := sid.Predict(yte)
	cc, cs := meanCC(t, zte, zc), meanCC(t, zte, zs)
	t.Logf("1 state: CroP-LDM CC %.4f, source SID CC %.4f, ideal %.4f", cc, cs, ideal)
	if cc < cs+0.1 {
		t.Errorf("CroP-LDM CC %.4f does not beat SID %.4f by 0.1", cc, cs)
	}
	if math.IsNaN(cc) {
		t.Fatal("NaN")
	}
}
