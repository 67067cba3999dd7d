package plotting

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// Series is one named line of a line plot.
type Series struct {
	Name string
	X, Y []float64
}

// Lines draws each series as a line in the colour cycle, with a legend for named series.
func Lines(title, xlabel, ylabel string, series ...Series) (*plot.Plot, error) {
	p := New(title, xlabel, ylabel)
	for i, s := range series {
		if err := addLine(p, i, s); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func addLine(p *plot.Plot, i int, s Series) error {
	xy, err := pairs(s.X, s.Y)
	if err != nil {
		return fmt.Errorf("plotting: series %d (%q): %w", i, s.Name, err)
	}
	l, err := plotter.NewLine(xy)
	if err != nil {
		return fmt.Errorf("plotting: series %d (%q): %w", i, s.Name, err)
	}
	l.LineStyle = lineStyle(i)
	p.Add(l)
	if s.Name != "" {
		p.Legend.Add(s.Name, l)
	}
	return nil
}

// pairs zips x and y; a nil x means 0, 1, 2, …. Non-finite points are dropped (gaps are not
// interpolated by gonum/plot, so a NaN would otherwise be an error).
func pairs(x, y []float64) (plotter.XYs, error) {
	if x != nil && len(x) != len(y) {
		return nil, fmt.Errorf("len(X) = %d but len(Y) = %d", len(x), len(y))
	}
	xy := make(plotter.XYs, 0, len(y))
	for i, v := range y {
		xv := float64(i)
		if x != nil {
			xv = x[i]
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || math.IsNaN(xv) || math.IsInf(xv, 0) {
			continue
		}
		xy = append(xy, plotter.XY{X: xv, Y: v})
	}
	if len(xy) == 0 {
		return nil, fmt.Errorf("no finite points")
	}
	return xy, nil
}

// Traces draws the columns of y (one row per time sample, one column per channel) against t as
// vertically stacked traces, each channel offset by spacing (0 picks 3 pooled standard
// deviations). names labels the channels on the y axis (optional; at most 40 labels are shown).
func Traces(title string, t []float64, y mat.Matrix, names []string, spacing float64) (*plot.Plot, error) {
	if y == nil {
		return nil, fmt.Errorf("plotting: Traces: y is nil")
	}
	r, c := y.Dims()
	if t != nil && len(t) != r {
		return nil, fmt.Errorf("plotting: Traces: len(t) = %d but y has %d rows", len(t), r)
	}
	if names != nil && len(names) != c {
		return nil, fmt.Errorf("plotting: Traces: %d names for %d channels", len(names), c)
	}
	if spacing <= 0 {
		var ss float64
		var n int
		for j := 0; j < c; j++ {
			var m float64
			for i := 0; i < r; i++ {
				m += y.At(i, j)
			}
			m /= float64(r)
			for i := 0; i < r; i++ {
				if d := y.At(i, j) - m; !math.IsNaN(d) {
					ss += d * d
					n++
				}
			}
		}
		spacing = 3 * math.Sqrt(ss/float64(max(n, 1)))
		if spacing == 0 || math.IsNaN(spacing) {
			spacing = 1
		}
	}
	p := New(title, "time", "channel")
	ticks := make([]plot.Tick, 0, c)
	col := make([]float64, r)
	for j := 0; j < c; j++ {
		var m float64
		for i := 0; i < r; i++ {
			col[i] = y.At(i, j)
			m += col[i]
		}
		m /= float64(r)
		off := -float64(j) * spacing
		for i := range col {
			col[i] = col[i] - m + off
		}
		if err := addLine(p, j, Series{X: t, Y: col}); err != nil {
			return nil, err
		}
		label := fmt.Sprint(j)
		if names != nil {
			label = names[j]
		}
		if c <= 40 || j%((c+39)/40) == 0 {
			ticks = append(ticks, plot.Tick{Value: off, Label: label})
		}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	return p, nil
}
