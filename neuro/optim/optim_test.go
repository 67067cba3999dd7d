package optim

import (
	"math"
	"testing"
)

var methods = []Method{Adam, RAdam, AdamW}

// run minimises f from x0 with gradient grad for steps steps, calling EndEpoch every epochLen
// steps, and returns the final point.
func run(t *testing.T, cfg Config, x0 []float64, grad func(x, g []float64), steps, epochLen int) []float64 {
	t.Helper()
	x := append([]float64(nil), x0...)
	g := make([]float64, len(x))
	o, err := NewSlices([][]float64{x}, [][]float64{g}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for s := 1; s <= steps; s++ {
		grad(x, g)
		if err := o.Step(); err != nil {
			t.Fatal(err)
		}
		if s%epochLen == 0 {
			o.EndEpoch()
		}
	}
	return x
}

func dist(x, y []float64) float64 {
	s := 0.0
	for i := range x {
		s += (x[i] - y[i]) * (x[i] - y[i])
	}
	return math.Sqrt(s)
}

// Convex quadratic f(x) = ½ Σ aᵢ (xᵢ − cᵢ)² with curvatures spanning two decades: Adam and RAdam
// must reach the minimiser to 1e-4 (AdamW with decay 0.01: to 1e-2) with an exponentially decaying rate (Adam, AdamW: 3000 steps;
// RAdam: 10000, since its first steps are plain momentum SGD, stable only for η·max aᵢ < 2, and
// its rectification warms the rate up over ~1/(1−β₂) = 1000 steps).
func TestQuadratic(t *testing.T) {
	a := []float64{100, 10, 1, 0.3, 1}
	c := []float64{1, -2, 0.5, 3, -1}
	grad := func(x, g []float64) {
		for i := range x {
			g[i] = a[i] * (x[i] - c[i])
		}
	}
	for _, m := range methods {
		lr, epochs := 0.1, 30
		if m == RAdam {
			lr, epochs = 0.01, 100
		}
		sched, err := ExponentialTo(lr, 1e-5, epochs)
		if err != nil {
			t.Fatal(err)
		}
		// AdamW uses PyTorch's default decay λ = 0.01, which moves its fixed point to
		// m̂/(√v̂ + ε) = −λθ; as √v̂ remembers the early, large gradients, the limit is only within
		// 1e-2 of x*.
		x := run(t, Config{Method: m, LR: lr, Schedule: sched, WeightDecay: wdFor(m)}, make([]float64, 5), grad, 100*epochs, 100)
		tol := 1e-4
		if m == AdamW {
			tol = 1e-2
		}
		if d := dist(x, c); d > tol {
			t.Errorf("%v: ‖x − x*‖ = %.3g after %d steps, want ≤ %g", m, d, 100*epochs, tol)
		} else {
			t.Logf("%v: ‖x − x*‖ = %.3g", m, d)
		}
	}
}

// Rosenbrock f(x, y) = (1 − x)² + 100(y − x²)² from (−1.5, 2): every method must reach (1, 1)
// to 1e-3 (Adam, AdamW: 20000 steps; RAdam: 50000 at a smaller rate, because its first steps
// are momentum SGD on gradients of size ~150).
func TestRosenbrock(t *testing.T) {
	grad := func(x, g []float64) {
		g[0] = -2*(1-x[0]) - 400*x[0]*(x[1]-x[0]*x[0])
		g[1] = 200 * (x[1] - x[0]*x[0])
	}
	for _, m := range methods {
		lr, epochs := 0.02, 200
		if m == RAdam {
			lr, epochs = 2e-3, 500
		}
		sched, _ := ExponentialTo(lr, 1e-5, epochs)
		x := run(t, Config{Method: m, LR: lr, Schedule: sched, WeightDecay: wdFor(m)}, []float64{-1.5, 2}, grad, 100*epochs, 100)
		if d := dist(x, []float64{1, 1}); d > 1e-3 {
			t.Errorf("%v: distance to (1, 1) = %.3g after %d steps, want ≤ 1e-3", m, d, 100*epochs)
		} else {
			t.Logf("%v: distance to (1, 1) = %.3g", m, d)
		}
	}
}

func wdFor(m Method) float64 {
	if m == AdamW {
		return 0.01
	}
	return 0
}

// Adam with L2 weight decay λ minimises f(x) + λ‖x‖²/2, whose minimiser for the quadratic is
// xᵢ = aᵢcᵢ/(aᵢ + λ).
func TestAdamL2Ridge(t *testing.T) {
	a := []float64{10, 1, 0.5}
	c := []float64{1, -2, 3}
	const lambda = 0.5
	grad := func(x, g []float64) {
		for i := range x {
			g[i] = a[i] * (x[i] - c[i])
		}
	}
	sched, _ := ExponentialTo(0.1, 1e-5, 30)
	x := run(t, Config{LR: 0.1, WeightDecay: lambda, Schedule: sched}, make([]float64, 3), grad, 3000, 100)
	want := make([]float64, 3)
	for i := range want {
		want[i] = a[i] * c[i] / (a[i] + lambda)
	}
	if d := dist(x, want); d > 1e-6 {
		t.Errorf("‖x − x_ridge‖ = %.3g, want ≤ 1e-6 (x = %v, ridge %v)", d, x, want)
	}
}

// One step from zero moments, checked against the closed forms: m̂ = g and v̂ = g², so Adam moves
// by η g/(|g| + ε); AdamW first shrinks θ by (1 − ηλ); Adam with λ uses g + λθ; RAdam's first step
// (ρ₁ = 1 ≤ 5) is plain SGD with momentum, θ − ηg; clipping scales g by c/(‖g‖ + 1e-6).
func TestFirstStepClosedForm(t *testing.T) {
	theta0 := []float64{0.5, -1, 2}
	g0 := []float64{0.3, -4, 1e-3}
	const lr, eps, wd = 0.01, 1e-8, 0.1
	gnorm := math.Sqrt(0.09 + 16 + 1e-6)
	cases := []struct {
		name string
		cfg  Config
		want func(th, g float64) float64
	}{
		{"Adam", Config{LR: lr}, func(th, g float64) float64 { return th - lr*g/(math.Abs(g)+eps) }},
		{"Adam+L2", Config{LR: lr, WeightDecay: wd}, func(th, g float64) float64 {
			g += wd * th
			return th - lr*g/(math.Abs(g)+eps)
		}},
		{"AdamW", Config{Method: AdamW, LR: lr, WeightDecay: wd}, func(th, g float64) float64 {
			return th*(1-lr*wd) - lr*g/(math.Abs(g)+eps)
		}},
		{"RAdam", Config{Method: RAdam, LR: lr}, func(th, g float64) float64 { return th - lr*g }},
		{"RAdam+clip", Config{Method: RAdam, LR: lr, ClipNorm: 1}, func(th, g float64) float64 {
			return th - lr*g/(gnorm+1e-6)
		}},
	}
	for _, c := range cases {
		th := append([]float64(nil), theta0...)
		g := append([]float64(nil), g0...)
		o, err := NewSlices([][]float64{th}, [][]float64{g}, c.cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := o.Step(); err != nil {
			t.Fatal(err)
		}
		for i := range th {
			if w := c.want(theta0[i], g0[i]); math.Abs(th[i]-w) > 1e-15 {
				t.Errorf("%s: θ[%d] = %.17g, want %.17g", c.name, i, th[i], w)
			}
		}
		if g[1] != g0[1] {
			t.Errorf("%s: Step modified the gradient", c.name)
		}
		if math.Abs(o.GradNorm()-gnorm) > 1e-15 {
			t.Errorf("%s: GradNorm = %v, want %v", c.name, o.GradNorm(), gnorm)
		}
	}
}

// With a constant gradient g the bias-corrected moments are exactly m̂ = g and
// √v = |g|√(1−β₂ᵗ), so RAdam's step t is η rₜ g/(|g| + ε/√(1−β₂ᵗ)) once ρₜ > 5 (from t = 6 with
// β₂ = 0.999) and ηg before. Twelve steps are compared with the sum of these closed forms.
func TestRAdamRectifiedClosedForm(t *testing.T) {
	const lr, b2, eps, g0 = 0.01, 0.999, 1e-8, -0.7
	th, g := []float64{1}, []float64{g0}
	o, err := NewSlices([][]float64{th}, [][]float64{g}, Config{Method: RAdam, LR: lr})
	if err != nil {
		t.Fatal(err)
	}
	want, rectified := 1.0, 0
	rhoInf := 2/(1-b2) - 1
	for step := 1; step <= 12; step++ {
		if err := o.Step(); err != nil {
			t.Fatal(err)
		}
		bt := math.Pow(b2, float64(step))
		rho := rhoInf - 2*float64(step)*bt/(1-bt)
		if rho > 5 {
			r := math.Sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho))
			want -= lr * r * g0 / (math.Abs(g0) + eps/math.Sqrt(1-bt))
			rectified++
		} else {
			want -= lr * g0
		}
		if math.Abs(th[0]-want) > 1e-14 {
			t.Fatalf("step %d: θ = %.17g, want %.17g", step, th[0], want)
		}
	}
	if rectified == 0 || rectified == 12 {
		t.Fatalf("%d of 12 steps rectified; the test must cover both regimes", rectified)
	}
}

func TestSchedules(t *testing.T) {
	e := Exponential{Gamma: 0.5, End: 0.1}
	for epoch, want := range []float64{1, 0.5, 0.25, 0.125, 0.0625, 0.0625, 0.0625} {
		if got := e.LR(1, epoch); got != want {
			t.Errorf("Exponential epoch %d: %v, want %v", epoch, got, want)
		}
	}
	s := StepDecay{Every: 3, Gamma: 0.1}
	for epoch, want := range []float64{2, 2, 2, 0.2, 0.2, 0.2, 0.02} {
		if got := s.LR(2, epoch); math.Abs(got-want) > 1e-15 {
			t.Errorf("StepDecay epoch %d: %v, want %v", epoch, got, want)
		}
	}
	x, _ := ExponentialTo(1e-3, 1e-5, 100)
	if got := x.LR(1e-3, 100); math.Abs(got-1e-5) > 1e-15 {
		t.Errorf("ExponentialTo after n epochs: %v, want 1e-5", got)
	}
	if got := x.LR(1e-3, 500); got > 1e-5 || got < 0.95e-5 {
		t.Errorf("ExponentialTo after 5n epochs: %v, want frozen near 1e-5", got)
	}
	o, _ := NewSlices([][]float64{{0}}, [][]float64{{0}}, Config{LR: 1, Schedule: e})
	o.EndEpoch()
	o.EndEpoch()
	if o.LR() != 0.25 || o.Epoch() != 2 {
		t.Errorf("Optimizer.LR after 2 epochs = %v, want 0.25", o.LR())
	}
}

func TestErrors(t *testing.T) {
	bad := []Config{
		{Method: 7}, {LR: -1}, {Beta1: 1}, {Beta2: -0.1}, {Eps: math.NaN()}, {WeightDecay: -1},
		{ClipNorm: math.Inf(1)}, {Schedule: Exponential{Gamma: 0}}, {Schedule: StepDecay{Every: 0, Gamma: 0.5}},
	}
	for i, c := range bad {
		if _, err := NewSlices([][]float64{{0}}, [][]float64{{0}}, c); err == nil {
			t.Errorf("config %d (%+v): want an error", i, c)
		}
	}
	if _, err := NewSlices([][]float64{{0, 1}}, [][]float64{{0}}, Config{}); err == nil {
		t.Error("length mismatch: want an error")
	}
	if _, err := NewSlices(nil, nil, Config{}); err == nil {
		t.Error("no parameters: want an error")
	}
	if _, err := ExponentialTo(1, 0, 10); err == nil {
		t.Error("ExponentialTo to 0: want an error")
	}
	th, g := []float64{1, 2}, []float64{0.5, math.NaN()}
	o, _ := NewSlices([][]float64{th}, [][]float64{g}, Config{})
	if err := o.Step(); err == nil {
		t.Fatal("NaN gradient: want an error")
	}
	if th[0] != 1 || o.Steps() != 0 {
		t.Fatalf("a rejected step changed the state: θ = %v, steps = %d", th, o.Steps())
	}
	g[1] = 0
	if err := o.Step(); err != nil || th[0] == 1 || o.Steps() != 1 {
		t.Fatalf("step after fixing the gradient: err %v, θ = %v", err, th)
	}
	o.ZeroGrad()
	if g[0] != 0 {
		t.Fatal("ZeroGrad left a gradient")
	}
}
