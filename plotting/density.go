package plotting

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Histogram draws the normalised density of values (the area under the steps is 1) over bins
// equal-width bins, or logarithmically spaced bins on a log x axis when logBins is set (values
// ≤ 0 are then dropped). It returns the plot so a theoretical density can be added with Lines
// or AddLine.
func Histogram(title, xlabel string, values []float64, bins int, logBins bool) (*plot.Plot, error) {
	edges, dens, err := histogram(values, bins, logBins)
	if err != nil {
		return nil, err
	}
	steps := make(plotter.XYs, 0, 2*bins)
	for i, d := range dens {
		steps = append(steps, plotter.XY{X: edges[i], Y: d}, plotter.XY{X: edges[i+1], Y: d})
	}
	p := New(title, xlabel, "density")
	if logBins {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = LogTicks{}
	}
	l, err := plotter.NewLine(steps)
	if err != nil {
		return nil, err
	}
	l.LineStyle = draw.LineStyle{Color: Palette[7], Width: vg.Points(1)}
	l.FillColor = fade(Palette[0])
	p.Add(l)
	return p, nil
}

// histogram returns the bin edges and the normalised density in each bin.
func histogram(values []float64, bins int, logBins bool) (edges, dens []float64, err error) {
	if bins < 1 {
		return nil, nil, fmt.Errorf("plotting: Histogram: bins = %d, need at least 1", bins)
	}
	var xs []float64
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, nil, fmt.Errorf("plotting: Histogram: value %d is %v", i, v)
		}
		if logBins && v <= 0 {
			continue
		}
		xs = append(xs, v)
	}
	if len(xs) == 0 {
		return nil, nil, fmt.Errorf("plotting: Histogram: no values to bin")
	}
	lo, hi := xs[0], xs[0]
	for _, v := range xs {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if hi == lo {
		lo, hi = lo-0.5, hi+0.5
		if logBins {
			lo, hi = xs[0]/2, xs[0]*2
		}
	}
	edges = make([]float64, bins+1)
	for i := range edges {
		f := float64(i) / float64(bins)
		if logBins {
			edges[i] = math.Exp(math.Log(lo) + f*(math.Log(hi)-math.Log(lo)))
		} else {
			edges[i] = lo + f*(hi-lo)
		}
	}
	counts := make([]float64, bins)
	for _, v := range xs {
		var k int
		if logBins {
			k = int(float64(bins) * (math.Log(v) - math.Log(lo)) / (math.Log(hi) - math.Log(lo)))
		} else {
			k = int(float64(bins) * (v - lo) / (hi - lo))
		}
		counts[min(max(k, 0), bins-1)]++
	}
	dens = make([]float64, bins)
	for i, c := range counts {
		dens[i] = c / (float64(len(xs)) * (edges[i+1] - edges[i]))
	}
	return edges, dens, nil
}

// AddLine adds one more named series to an existing plot, in the i-th colour.
func AddLine(p *plot.Plot, i int, s Series) error { return addLine(p, i, s) }

// Band shades the region between lo and hi over x (e.g. a mean ± SEM or a min–max range) in a
// faded i-th colour, with a legend entry when name is set.
func Band(p *plot.Plot, i int, name string, x, lo, hi []float64) error {
	if len(lo) != len(x) || len(hi) != len(x) {
		return fmt.Errorf("plotting: Band: len(x) = %d, len(lo) = %d, len(hi) = %d must match", len(x), len(lo), len(hi))
	}
	poly := make(plotter.XYs, 0, 2*len(x))
	for k := range x {
		poly = append(poly, plotter.XY{X: x[k], Y: hi[k]})
	}
	for k := len(x) - 1; k >= 0; k-- {
		poly = append(poly, plotter.XY{X: x[k], Y: lo[k]})
	}
	for k, pt := range poly {
		if math.IsNaN(pt.X) || math.IsNaN(pt.Y) || math.IsInf(pt.X, 0) || math.IsInf(pt.Y, 0) {
			return fmt.Errorf("plotting: Band %q: point %d is not finite", name, k)
		}
	}
	pg, err := plotter.NewPolygon(poly)
	if err != nil {
		return err
	}
	pg.Color = fade(Color(i))
	pg.LineStyle.Width = 0
	p.Add(pg)
	if name != "" {
		p.Legend.Add(name, pg)
	}
	return nil
}

// LogTicks marks a logarithmic axis at powers of ten and, when the range spans less than two
// decades, also at 2× and 5× them, so that narrow log axes still carry labels.
type LogTicks struct{}

// Ticks implements plot.Ticker.
func (LogTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi > lo) {
		return nil
	}
	dense := math.Log10(hi/lo) < 2
	var ts []plot.Tick
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		base := math.Pow(10, e)
		for m := 1; m < 10; m++ {
			v := float64(m) * base
			if v < lo*(1-1e-9) || v > hi*(1+1e-9) {
				continue
			}
			label := ""
			if m == 1 || (dense && (m == 2 || m == 5)) {
				label = strconv.FormatFloat(v, 'g', 3, 64)
			}
			ts = append(ts, plot.Tick{Value: v, Label: label})
		}
	}
	return ts
}
