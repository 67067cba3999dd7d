package plotting_test

import (
	"fmt"
	"math"

	"github.com/neurodyn/neurodyn/plotting"
)

// A rotational flow field with its fixed point, rendered to SVG.
func ExampleFlowField() {
	xs := plotting.Linspace(-1, 1, 11)
	g := plotting.SampleFlow(xs, xs, func(x, y float64) (float64, float64) { return -y - 0.1*x, x - 0.1*y })
	p, err := plotting.FlowField("damped rotation", g, []plotting.FixedPoint{{X: 0, Y: 0, Kind: plotting.Stable}})
	if err != nil {
		fmt.Println(err)
		return
	}
	svg, err := plotting.EncodePlot(p, 0, 0, "svg")
	fmt.Println(err == nil, len(svg) > 0)
	// Output: true true
}

// Several panels in one figure.
func ExampleGrid() {
	t := plotting.Linspace(0, 1, 100)
	sin, cos := make([]float64, 100), make([]float64, 100)
	for i, v := range t {
		sin[i], cos[i] = math.Sin(2*math.Pi*v), math.Cos(2*math.Pi*v)
	}
	a, _ := plotting.Lines("sine", "t", "", plotting.Series{Name: "sin", X: t, Y: sin})
	b, _ := plotting.Lines("cosine", "t", "", plotting.Series{Name: "cos", X: t, Y: cos})
	fig, err := plotting.Grid(1, 2, a, b)
	if err != nil {
		fmt.Println(err)
		return
	}
	w, h := fig.Size()
	fmt.Printf("%.1f × %.1f inches\n", w/72, h/72)
	// Output: 6.8 × 2.8 inches
}
