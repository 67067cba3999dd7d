package lowrank

import (
	"context"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// pulseRun simulates c for steps from rest after the oscillation task's input pulse and returns
// the readout.
func pulseRun(c *Continuous, steps, pulse int) []float64 {
	n, _ := c.M.Dims()
	u := mat.NewDense(steps, 1, nil)
	for i := range pulse {
		u.Set(i, 0, 1)
	}
	x, err := c.Simulate(make([]float64, n), u, steps, nil)
	if err != nil {
		panic(err)
	}
	y, err := c.Outputs(x)
	if err != nil {
		panic(err)
	}
	return mat.Col(nil, 0, y)
}

// A trained oscillator keeps oscillating with the requested period long after the training
// horizon (3 periods): measured over periods 10–20 of a noise-free run.
func TestTrainOscillatorPeriod(t *testing.T) {
	for _, period := range []float64{30, 50} {
		c, losses, err := TrainTeacher(context.Background(), OscillationTask{Period: period},
			TrainConfig{N: 20, R: 2, Iterations: 400, NoiseStd: 0.05, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if last := losses[len(losses)-1]; !(last < losses[0]/10) {
			t.Errorf("period %v: loss %.3g → %.3g, want a tenfold decrease", period, losses[0], last)
		}
		y := pulseRun(c, int(20*period), 5)
		late := y[int(10*period):]
		got, err := Period(late)
		if err != nil {
			t.Fatalf("period %v: %v", period, err)
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range late {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		t.Logf("requested period %v: measured %.2f, amplitude %.2f, loss %.3g → %.3g", period, got, (hi-lo)/2, losses[0], losses[len(losses)-1])
		if math.Abs(got-period) > 0.04*period {
			t.Errorf("measured period %.2f, want %v ± 4%%", got, period)
		}
		if (hi-lo)/2 < 0.5 {
			t.Errorf("amplitude %.2f after 10 periods, want a sustained oscillation (≥ 0.5)", (hi-lo)/2)
		}
	}
}

// The shipped oscillator teacher (period 50 steps by construction) measures 50 ± 2 with the
// same estimator and conventions, which checks FromTeacher, Latent and Period together.
func TestShippedOscillatorPeriod(t *testing.T) {
	lat, err := loadTeacher(t, "teacher_osc_rnn").Latent()
	if err != nil {
		t.Fatal(err)
	}
	z, err := lat.Simulate([]float64{0.5, 0.5}, mat.NewDense(2000, 1, nil), 2000, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Period(mat.Col(nil, 0, z)[1000:])
	if err != nil || math.Abs(got-50) > 2 {
		t.Errorf("shipped oscillator period %.2f (%v), want 50 ± 2", got, err)
	}
}

func TestTrainErrors(t *testing.T) {
	ctx := context.Background()
	if _, _, err := TrainTeacher(ctx, OscillationTask{Period: 2}, TrainConfig{N: 5, R: 1}); err == nil || !strings.Contains(err.Error(), "Period") {
		t.Errorf("short period: %v", err)
	}
	if _, _, err := TrainTeacher(ctx, OscillationTask{Period: 20}, TrainConfig{N: 2, R: 3}); err == nil || !strings.Contains(err.Error(), "R = 3") {
		t.Errorf("rank above N: %v", err)
	}
	if _, _, err := TrainTeacher(ctx, ReachTask{DelayMin: 5, DelayMax: 2}, TrainConfig{N: 5, R: 1}); err == nil {
		t.Error("DelayMax < DelayMin accepted")
	}
	if _, _, err := TrainTeacher(ctx, nil, TrainConfig{N: 5, R: 1}); err == nil {
		t.Error("nil task accepted")
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := TrainTeacher(cctx, OscillationTask{Period: 20}, TrainConfig{N: 5, R: 1}); err == nil {
		t.Error("cancelled context ignored")
	}
	calls, lastLoss := 0, 0.0
	_, losses, err := TrainTeacher(ctx, OscillationTask{Period: 20}, TrainConfig{N: 5, R: 1, Iterations: 3,
		Progress: func(step, total int, m map[string]float64) { calls, lastLoss = step, m["loss"] }})
	if err != nil || calls != 3 || len(losses) != 3 || lastLoss != losses[2] {
		t.Errorf("progress: %d calls, last loss %v, losses %v, err %v", calls, lastLoss, losses, err)
	}
	a, _, _ := TrainTeacher(ctx, ReachTask{}, TrainConfig{N: 8, R: 2, Iterations: 2, Seed: 4})
	b, _, _ := TrainTeacher(ctx, ReachTask{}, TrainConfig{N: 8, R: 2, Iterations: 2, Seed: 4})
	if !mat.Equal(a.N, b.N) || !mat.Equal(a.WIn, b.WIn) {
		t.Error("same seed, different teachers")
	}
	if _, err := Period([]float64{1, 2, 1, 2}); err == nil {
		t.Error("Period of two crossings accepted")
	}
}

// A teacher trained on the 8-angle delayed-reach task (N = 60, R = 2, the reach teacher's
// sizes) holds every cue through a delay four times the longest trained one, and its latent map
// has a ring of stable fixed points, one per cue (the shipped teacher: 8 stable, 9 unstable).
func TestTrainReachRing(t *testing.T) {
	c, losses, err := TrainTeacher(context.Background(), ReachTask{},
		TrainConfig{N: 60, R: 2, Iterations: 1000, NoiseStd: 0.05, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	const steps = 600
	for k := range 8 {
		th := 2 * math.Pi * float64(k) / 8
		u := mat.NewDense(steps, 2, nil)
		for i := 10; i < 30; i++ {
			u.Set(i, 0, math.Cos(th))
			u.Set(i, 1, math.Sin(th))
		}
		x, _ := c.Simulate(make([]float64, 60), u, steps, nil)
		y, _ := c.Outputs(x)
		got := math.Atan2(y.At(steps, 1), y.At(steps, 0))
		if d := math.Abs(math.Remainder(got-th, 2*math.Pi)); d > 15*math.Pi/180 {
			t.Errorf("cue %v°: reported %.0f° after %d steps", 45*k, got*180/math.Pi, steps)
		}
	}
	lat, _ := c.Latent()
	res, err := lat.FixedPoints(context.Background(), []float64{0, 0}, FixedPointConfig{})
	if err != nil {
		t.Fatal(err)
	}
	stable := 0
	for _, fp := range res.Points {
		if fp.Stability == Stable {
			stable++
		}
	}
	t.Logf("loss %.3g → %.3g; %d fixed points, %d stable", losses[0], losses[len(losses)-1], len(res.Points), stable)
	if stable < 7 {
		t.Errorf("%d stable fixed points, want a ring of about 8", stable)
	}
}
