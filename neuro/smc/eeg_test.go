package smc

import (
	"context"
	"os"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/metrics"
)

func loadEEG(t testing.TB) *mat.Dense {
	t.Helper()
	rec, err := sharedStore(t).EEGSmoothed(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rec.Trials[0]
}

// evalEEG generates T steps after a burn-in, smooths (Hann 15) and z-scores them, and scores
// them against the data with D_stsp (float64 and the repo's float32 mode) and D_H.
func evalEEG(m *Model, data *mat.Dense, burn int, seed uint64) (dstsp, dstsp32, dh float64, err error) {
	T, _ := data.Dims()
	s, err := m.Generate(burn+T, nil, nil, seed)
	if err != nil {
		return 0, 0, 0, err
	}
	sm, err := SmoothHann(s.X.Slice(burn, burn+T, 0, m.Cfg.Dx).(*mat.Dense), 15)
	if err != nil {
		return 0, 0, 0, err
	}
	gen, err := ZScore(sm)
	if err != nil {
		return 0, 0, 0, err
	}
	r, err := metrics.Dstsp(data, gen, metrics.DstspConfig{Seed: seed})
	if err != nil {
		return 0, 0, 0, err
	}
	r32, err := metrics.Dstsp(data, gen, metrics.DstspConfig{Seed: seed, Float32Drop: true})
	if err != nil {
		return 0, 0, 0, err
	}
	dh, _, err = metrics.DH([]*mat.Dense{data}, []*mat.Dense{gen}, metrics.SpectrumConfig{Cutoff: -1})
	return r.KL, r32.KL, dh, err
}

// EEG (Table 1), opt-in (NEURODYN_LONG=1): a rank-3 clipped-ReLU model with an affine readout,
// optimal proposal, K = 10, windows of 50 samples. The paper trains on the z-scored raw recording;
// reading that EDF file needs the datasets package, which neuro packages do not import, so this
// test trains on the preprocessed (already smoothed) file. That reaches the D_stsp criterion but
// not D_H (≈ 0.2–0.3: smoothing the samples of a model of smoothed data smooths twice), so D_H is
// only logged here; notebook 03 runs the paper's pipeline (raw input) and reaches both.
func TestEEGRank3(t *testing.T) {
	if os.Getenv("NEURODYN_LONG") == "" {
		t.Skip("long EEG fit: set NEURODYN_LONG=1")
	}
	data := loadEEG(t)
	m, err := NewModel(ModelConfig{N: eegN, R: 3, Dx: 64, Readout: Affine, Phi: ClippedReLU, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.InitReadoutPCA([]*mat.Dense{data}); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Particles: 10, BatchSize: 10, Window: 50, TrialsPerEpoch: 500, Epochs: eegEpochs, LR: 1e-2, LREnd: 1e-3, Seed: 2,
		Progress: func(s, tot int, mm map[string]float64) {
			if s%10 == 0 || s == tot {
				d, d32, dh, _ := evalEEG(m, data, 2400, 7)
				t.Logf("epoch %d loss %.3f decay %.3f  D_stsp %.3f (float32 %.3f)  D_H %.3f", s, mm["loss"], m.Decay(), d, d32, dh)
			}
		}}
	if _, err := Fit(context.Background(), m, []*mat.Dense{data}, nil, cfg); err != nil {
		t.Fatal(err)
	}
	d, d32, dh, err := evalEEG(m, data, 2400, 11)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("final: D_stsp %.3f (float32-drop %.3f), D_H %.3f", d, d32, dh)
	if d > 2.6 {
		t.Errorf("D_stsp %.3f, want ≤ 2.6", d)
	}
}
