package lowrank

import (
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Task generates supervised trials for teacher training.
type Task interface {
	// Dims returns the input and output dimensions and the trial length T (steps).
	Dims() (du, dout, steps int)
	// Trial fills one trial, row-major: inputs u (T×du), targets (T×dout) and mask (T; 1 where
	// the output is scored, 0 elsewhere).
	Trial(rng *rand.Rand, u, target, mask []float64)
}

// OscillationTask asks for y_t = Amplitude·sin(2π (t − Pulse)/Period) after a unit input pulse
// of Pulse steps that sets the phase (one input, one output; the oscillator teacher).
type OscillationTask struct {
	Period    float64 // in steps; required (the shipped teacher: 50)
	Steps     int     // trial length (0: 3 periods)
	Pulse     int     // input pulse length (0: 5)
	Amplitude float64 // 0: 1
}

func (o OscillationTask) defaults() OscillationTask {
	if o.Steps == 0 {
		o.Steps = int(math.Ceil(3 * o.Period))
	}
	if o.Pulse == 0 {
		o.Pulse = 5
	}
	if o.Amplitude == 0 {
		o.Amplitude = 1
	}
	return o
}

// Dims implements Task.
func (o OscillationTask) Dims() (du, dout, steps int) { return 1, 1, o.defaults().Steps }

// Trial implements Task.
func (o OscillationTask) Trial(_ *rand.Rand, u, target, mask []float64) {
	o = o.defaults()
	for t := range o.Steps {
		u[t], target[t], mask[t] = 0, 0, 0
		if t < o.Pulse {
			u[t] = 1
			continue
		}
		target[t] = o.Amplitude * math.Sin(2*math.Pi*float64(t-o.Pulse)/o.Period)
		mask[t] = 1
	}
}

// initialLoop returns A for the initial connectivity N = A Mᵀ: since (1/N) Mᵀ φ(M κ) ≈ κ/2
// for Gaussian M and ReLU, the latent state then starts as κ_{t+1} ≈ κ_t + α(−κ_t + Aκ_t/2), and
// A is chosen so that this rotates by 2π/Period per step with a slight growth (|λ| = 1.02).
func (o OscillationTask) initialLoop(r int, alpha float64) *mat.Dense {
	a := mat.NewDense(r, r, nil)
	for k := range r {
		a.Set(k, k, 1)
	}
	if r >= 2 {
		lam := cmplx.Rect(1.02, 2*math.Pi/o.Period)
		w := 2 * (1 + (lam-1)/complex(alpha, 0))
		a.Set(0, 0, real(w))
		a.Set(1, 1, real(w))
		a.Set(0, 1, -imag(w))
		a.Set(1, 0, imag(w))
	}
	return a
}

func (o OscillationTask) validate() error {
	if !(o.Period >= 4) || math.IsInf(o.Period, 0) {
		return fmt.Errorf("lowrank: oscillation Period = %v steps, need at least 4", o.Period)
	}
	d := o.defaults()
	if d.Steps <= d.Pulse || d.Pulse < 0 || math.IsNaN(d.Amplitude) || math.IsInf(d.Amplitude, 0) {
		return fmt.Errorf("lowrank: oscillation task Steps = %d, Pulse = %d, Amplitude = %v", d.Steps, d.Pulse, d.Amplitude)
	}
	return nil
}

// ReachTask is the delayed-reach task: after Fix steps a cue (cos θ, sin θ) at one of Angles
// equally spaced angles is shown for Cue steps, then removed; after a random delay of
// DelayMin..DelayMax steps the output must report (cos θ, sin θ) until the end of the trial
// (Response steps after the longest delay). Memorising θ through the delay makes the network
// form a ring of attractors.
type ReachTask struct {
	Angles             int // 0: 8
	Fix, Cue           int // 0: 10 and 20
	DelayMin, DelayMax int // 0: 20 and 150
	Response           int // 0: 50
}

func (r ReachTask) defaults() ReachTask {
	def := func(x *int, d int) {
		if *x == 0 {
			*x = d
		}
	}
	def(&r.Angles, 8)
	def(&r.Fix, 10)
	def(&r.Cue, 20)
	def(&r.DelayMin, 20)
	def(&r.DelayMax, 150)
	def(&r.Response, 50)
	return r
}

// Dims implements Task.
func (r ReachTask) Dims() (du, dout, steps int) {
	d := r.defaults()
	return 2, 2, d.Fix + d.Cue + d.DelayMax + d.Response
}

// Trial implements Task.
func (r ReachTask) Trial(rng *rand.Rand, u, target, mask []float64) {
	d := r.defaults()
	_, _, steps := r.Dims()
	theta := 2 * math.Pi * float64(rng.IntN(d.Angles)) / float64(d.Angles)
	delay := d.DelayMin + rng.IntN(d.DelayMax-d.DelayMin+1)
	c, s := math.Cos(theta), math.Sin(theta)
	for t := range steps {
		u[2*t], u[2*t+1], target[2*t], target[2*t+1], mask[t] = 0, 0, 0, 0, 0
		if t >= d.Fix && t < d.Fix+d.Cue {
			u[2*t], u[2*t+1] = c, s
		}
		if t >= d.Fix+d.Cue+delay {
			target[2*t], target[2*t+1], mask[t] = c, s, 1
		}
	}
}

// initialLoop returns A = 1.9 I: the linearised latent dynamics start close to marginal in
// every direction (A = 2I would be a continuum of fixed points), which training breaks into the
// ring of cue attractors.
func (r ReachTask) initialLoop(rank int, _ float64) *mat.Dense {
	a := mat.NewDense(rank, rank, nil)
	for k := range rank {
		a.Set(k, k, 1.9)
	}
	return a
}

func (r ReachTask) validate() error {
	d := r.defaults()
	if d.Angles < 1 || d.Fix < 0 || d.Cue < 1 || d.DelayMin < 0 || d.DelayMax < d.DelayMin || d.Response < 1 {
		return fmt.Errorf("lowrank: reach task needs Angles, Cue, Response ≥ 1 and 0 ≤ DelayMin ≤ DelayMax (got %+v)", d)
	}
	return nil
}

// Period estimates the period (in steps) of an oscillating series from its upward crossings
// of the mean, located by linear interpolation: the mean spacing between the first and last
// crossing. It needs at least three crossings.
func Period(y []float64) (float64, error) {
	if len(y) < 3 {
		return 0, fmt.Errorf("lowrank: Period needs a longer series (%d samples)", len(y))
	}
	mean := 0.0
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("lowrank: Period: y[%d] is %v", i, v)
		}
		mean += v / float64(len(y))
	}
	var cross []float64
	for i := 1; i < len(y); i++ {
		a, b := y[i-1]-mean, y[i]-mean
		if a < 0 && b >= 0 {
			cross = append(cross, float64(i-1)+a/(a-b))
		}
	}
	if len(cross) < 3 {
		return 0, fmt.Errorf("lowrank: Period: only %d upward mean crossings", len(cross))
	}
	return (cross[len(cross)-1] - cross[0]) / float64(len(cross)-1), nil
}
