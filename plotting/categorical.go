package plotting

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Group is a named set of values (e.g. one method's scores over seeds).
type Group struct {
	Name   string
	Values []float64
}

// Bars draws one bar per group at the mean of its values, with ± one standard error when a
// group has several values.
func Bars(title, ylabel string, groups ...Group) (*plot.Plot, error) {
	p := New(title, "", ylabel)
	names := make([]string, len(groups))
	for i, g := range groups {
		mean, sem, err := meanSEM(g)
		if err != nil {
			return nil, err
		}
		bar, err := plotter.NewBarChart(plotter.Values{mean}, vg.Points(28))
		if err != nil {
			return nil, err
		}
		bar.XMin = float64(i)
		bar.Color = Color(i)
		bar.LineStyle.Width = 0
		p.Add(bar)
		if sem > 0 {
			eb, err := plotter.NewYErrorBars(errPoints{{X: float64(i), Y: mean, Low: sem, High: sem}})
			if err != nil {
				return nil, err
			}
			p.Add(eb)
		}
		names[i] = g.Name
	}
	p.NominalX(names...)
	return p, nil
}

type errPoint struct{ X, Y, Low, High float64 }
type errPoints []errPoint

func (e errPoints) Len() int                        { return len(e) }
func (e errPoints) XY(i int) (float64, float64)     { return e[i].X, e[i].Y }
func (e errPoints) YError(i int) (float64, float64) { return e[i].Low, e[i].High }

func meanSEM(g Group) (mean, sem float64, err error) {
	if len(g.Values) == 0 {
		return 0, 0, fmt.Errorf("plotting: group %q has no values", g.Name)
	}
	for i, v := range g.Values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, 0, fmt.Errorf("plotting: group %q value %d is %v", g.Name, i, v)
		}
		mean += v
	}
	n := float64(len(g.Values))
	mean /= n
	if len(g.Values) > 1 {
		var ss float64
		for _, v := range g.Values {
			ss += (v - mean) * (v - mean)
		}
		sem = math.Sqrt(ss/(n-1)) / math.Sqrt(n)
	}
	return mean, sem, nil
}

// Significance is an annotation between two groups of a box plot, such as "***" for p < 0.001.
type Significance struct {
	A, B  int    // group indices
	Label string // e.g. Stars(p)
}

// Stars returns the usual significance label of a p-value: "***" (p < 0.001), "**" (< 0.01),
// "*" (< 0.05) or "n.s.".
func Stars(p float64) string {
	switch {
	case p < 0.001:
		return "***"
	case p < 0.01:
		return "**"
	case p < 0.05:
		return "*"
	default:
		return "n.s."
	}
}

// BoxPlots draws one box (median, quartiles, whiskers at 1.5 IQR, outliers) per group with the
// individual values as dots, and brackets with labels for the given significance comparisons.
func BoxPlots(title, ylabel string, groups []Group, sig ...Significance) (*plot.Plot, error) {
	p := New(title, "", ylabel)
	names := make([]string, len(groups))
	top := math.Inf(-1)
	bottom := math.Inf(1)
	for i, g := range groups {
		if _, _, err := meanSEM(g); err != nil {
			return nil, err
		}
		b, err := plotter.NewBoxPlot(vg.Points(22), float64(i), plotter.Values(g.Values))
		if err != nil {
			return nil, err
		}
		b.BoxStyle.Color = Color(i)
		b.FillColor = nil
		p.Add(b)
		xs := make([]float64, len(g.Values))
		for k := range xs {
			xs[k] = float64(i) + 0.12*(float64(k%5)-2)/2
			top, bottom = math.Max(top, g.Values[k]), math.Min(bottom, g.Values[k])
		}
		if err := Scatter(p, i, "", xs, g.Values); err != nil {
			return nil, err
		}
		names[i] = g.Name
	}
	p.NominalX(names...)
	span := top - bottom
	if span == 0 {
		span = 1
	}
	for k, s := range sig {
		if s.A < 0 || s.B < 0 || s.A >= len(groups) || s.B >= len(groups) {
			return nil, fmt.Errorf("plotting: BoxPlots: significance %d compares groups %d and %d of %d", k, s.A, s.B, len(groups))
		}
		y := top + span*(0.08+0.1*float64(k))
		bracket, err := plotter.NewLine(plotter.XYs{{X: float64(s.A), Y: y - span*0.03}, {X: float64(s.A), Y: y}, {X: float64(s.B), Y: y}, {X: float64(s.B), Y: y - span*0.03}})
		if err != nil {
			return nil, err
		}
		bracket.LineStyle = draw.LineStyle{Color: Palette[7], Width: vg.Points(0.8)}
		lab, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: float64(s.A+s.B) / 2, Y: y}}, Labels: []string{s.Label}})
		if err != nil {
			return nil, err
		}
		for i := range lab.TextStyle {
			lab.TextStyle[i].XAlign = draw.XCenter
		}
		p.Add(bracket, lab)
		p.Y.Max = math.Max(p.Y.Max, y+span*0.08)
	}
	return p, nil
}

// VLines marks x positions (e.g. event onsets) with dashed vertical lines across the plot's
// current y range, optionally labelled at the top.
func VLines(p *plot.Plot, xs []float64, labels []string) error {
	if labels != nil && len(labels) != len(xs) {
		return fmt.Errorf("plotting: VLines: %d labels for %d positions", len(labels), len(xs))
	}
	p.Add(vlines{xs: xs, labels: labels})
	return nil
}

type vlines struct {
	xs     []float64
	labels []string
}

func (v vlines) Plot(c draw.Canvas, p *plot.Plot) {
	tx, _ := p.Transforms(&c)
	sty := draw.LineStyle{Color: Palette[7], Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}
	ts := p.Y.Tick.Label
	ts.XAlign, ts.YAlign = draw.XCenter, draw.YTop
	for i, x := range v.xs {
		if math.IsNaN(x) || x < p.X.Min || x > p.X.Max {
			continue
		}
		X := tx(x)
		c.StrokeLine2(sty, X, c.Min.Y, X, c.Max.Y)
		if v.labels != nil {
			c.FillText(ts, vg.Point{X: X, Y: c.Max.Y}, v.labels[i])
		}
	}
}
