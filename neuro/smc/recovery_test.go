package smc

import (
	"context"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/neurodyn/neurodyn/neuro/autodiff"
	"github.com/neurodyn/neurodyn/neuro/linalg"
	"github.com/neurodyn/neurodyn/neuro/metrics"
)

func generateTrials(t *testing.T, m *Model, n, T int, seed uint64) []*mat.Dense {
	t.Helper()
	out := make([]*mat.Dense, n)
	for i := range out {
		s, err := m.Generate(T, nil, nil, seed+uint64(i))
		if err != nil {
			t.Fatal(err)
		}
		out[i] = s.X
	}
	return out
}

// Teacher–student, Gaussian (Fig 3a): the rank-2 oscillator teacher (N = 20) observed through
// its currents with noise; the student starts at decay 0.7 and is trained with the optimal
// proposal on 200 trials of 75 steps.
func TestTeacherStudentGaussian(t *testing.T) {
	teach := loadTeacher(t, "osc_rnn", 0.2, 0.1)
	data := generateTrials(t, teach, 200, 75, 100)
	st, err := NewModel(ModelConfig{N: 20, R: 2, Dx: 20, Decay0: 0.7, NoiseX0: 0.1, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Fit(context.Background(), st, data, nil, Config{Epochs: 30, LR: 1e-2, LREnd: 1e-3, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	fresh := generateTrials(t, teach, 5, 1000, 5000)
	gen := generateTrials(t, st, 5, 1000, 900)
	r, err := metrics.Dstsp(linalg.StackRows(fresh), linalg.StackRows(gen), metrics.DstspConfig{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	dh, _, err := metrics.DH(fresh, gen, metrics.SpectrumConfig{})
	if err != nil {
		t.Fatal(err)
	}
	rel := func(x, y float64) float64 { return math.Abs(x-y) / y }
	t.Logf("D_stsp %.4f, D_H %.3f, decay %.3f (teacher 0.9), current noise %.3f (0.2)",
		r.KL, dh, st.Decay(), st.CurrentNoiseStd())
	if r.KL > 0.05 {
		t.Errorf("D_stsp = %v, want ≤ 0.05", r.KL)
	}
	if rel(st.Decay(), 0.9) > 0.2 {
		t.Errorf("decay %v, want within 20%% of 0.9", st.Decay())
	}
	if rel(st.CurrentNoiseStd(), 0.2) > 0.2 {
		t.Errorf("latent noise scale %v, want within 20%% of 0.2", st.CurrentNoiseStd())
	}
	// The per-unit observation noise is not part of the acceptance; it is still settling after
	// 30 epochs (units range 0.1–0.16 here), so only its root mean square is bounded.
	ms := 0.0
	for _, s := range st.ObsStd() {
		ms += s * s / 20
	}
	t.Logf("RMS observation noise %.3f (teacher 0.1)", math.Sqrt(ms))
	if rel(math.Sqrt(ms), 0.1) > 0.5 {
		t.Errorf("RMS observation noise %v, want within 50%% of 0.1", math.Sqrt(ms))
	}
}

// Teacher–student, Poisson (Fig 3b, reduced): the N = 40 oscillator teacher emits counts with
// rate softplus(4 U z − 3); the student (bias initialised from the mean counts, trained gains)
// is fitted with the CNN-encoder proposal and its samples must reproduce the per-unit rates.
func TestTeacherStudentPoisson(t *testing.T) {
	teach := loadTeacher(t, "osc_rnn_poisson", 0.2, 0.1)
	teach.Cfg.Obs, teach.Cfg.Link, teach.LVX = Poisson, Softplus, nil
	for i := range teach.Gain.Data() {
		teach.Gain.Data()[i], teach.Bias.Data()[i] = 4, -3
	}
	data := generateTrials(t, teach, 60, 100, 300)
	st, err := NewModel(ModelConfig{N: 40, R: 2, Dx: 40, Obs: Poisson, Noise: DiagNoise, TrainGain: true, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.InitBiasFromData(data); err != nil {
		t.Fatal(err)
	}
	if st.Enc, err = NewCNN(40, 2, []int{16, 16}, []int{11, 5, 1}, 0.1, autodiff.PadZero, 5); err != nil {
		t.Fatal(err)
	}
	h, err := Fit(context.Background(), st, data, nil, Config{Proposal: Encoder, Particles: 16, BatchSize: 5, Epochs: 6, LR: 1e-2, LREnd: 3e-3, Seed: 6})
	if err != nil {
		t.Fatal(err)
	}
	rate := func(ms []*mat.Dense) []float64 {
		r, err := metrics.MeanRate(ms, 50)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := stat.Correlation(rate(generateTrials(t, teach, 40, 200, 7000)), rate(generateTrials(t, st, 40, 200, 8000)), nil)
	t.Logf("loss %.3f → %.3f; mean-rate correlation %.3f; decay %.3f", h.Loss[0], h.Loss[len(h.Loss)-1], r, st.Decay())
	if r < 0.95 || !(h.Loss[len(h.Loss)-1] < h.Loss[0]) {
		t.Errorf("mean-rate correlation %v (want ≥ 0.95), loss %v → %v", r, h.Loss[0], h.Loss[len(h.Loss)-1])
	}
}

// Teacher–student, Poisson, longer fit (notebook 03's setting): beyond the rates, the student's
// samples reproduce the teacher's spike-train dynamics — per-unit ISI coefficients of variation
// and the pairwise count correlations (Fig 3b).
func TestTeacherStudentPoissonSpikeStatistics(t *testing.T) {
	teach := loadTeacher(t, "osc_rnn_poisson", 0.2, 0.1)
	teach.Cfg.Obs, teach.Cfg.Link, teach.LVX = Poisson, Softplus, nil
	for i := range teach.Gain.Data() {
		teach.Gain.Data()[i], teach.Bias.Data()[i] = 4, -3
	}
	data := generateTrials(t, teach, 100, 200, 300)
	st, err := NewModel(ModelConfig{N: 40, R: 2, Dx: 40, Obs: Poisson, Noise: DiagNoise, TrainGain: true, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.InitBiasFromData(data); err != nil {
		t.Fatal(err)
	}
	if st.Enc, err = NewCNN(40, 2, []int{32, 32}, []int{21, 11, 1}, 0.1, autodiff.PadZero, 5); err != nil {
		t.Fatal(err)
	}
	if _, err := Fit(context.Background(), st, data, nil, Config{Proposal: Encoder, Particles: 16, BatchSize: 5, Epochs: 200, LR: 1e-2, LREnd: 1e-3, Seed: 6}); err != nil {
		t.Fatal(err)
	}
	stats := func(ms []*mat.Dense) (rate, cv []float64, ok []bool, corr []float64) {
		var err error
		if rate, err = metrics.MeanRate(ms, 50); err != nil {
			t.Fatal(err)
		}
		if _, cv, ok, err = metrics.ISIStats(ms, 5); err != nil {
			t.Fatal(err)
		}
		if corr, _, err = metrics.PairwiseCorrelations(ms); err != nil {
			t.Fatal(err)
		}
		return rate, cv, ok, corr
	}
	r1, c1, ok1, p1 := stats(generateTrials(t, teach, 50, 200, 7000))
	r2, c2, ok2, p2 := stats(generateTrials(t, st, 50, 200, 8000))
	var cr, cg []float64
	for i := range c1 {
		if ok1[i] && ok2[i] {
			cr, cg = append(cr, c1[i]), append(cg, c2[i])
		}
	}
	rr, rc, rp := stat.Correlation(r1, r2, nil), stat.Correlation(cr, cg, nil), stat.Correlation(p1, p2, nil)
	t.Logf("correlations with the teacher: rates %.3f, ISI CVs %.3f (%d units), pairwise correlations %.3f; decay %.3f", rr, rc, len(cr), rp, st.Decay())
	if !(rr >= 0.95 && rc >= 0.9 && rp >= 0.9 && len(cr) >= 30) {
		t.Errorf("rates r = %v (want ≥ 0.95), ISI CVs r = %v over %d units (want ≥ 0.9 over ≥ 30), pairwise correlations r = %v (want ≥ 0.9)", rr, rc, len(cr), rp)
	}
}
