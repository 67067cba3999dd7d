package plotting

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
)

// matrixGrid shows a matrix with row 0 at the top, like an image of the matrix.
type matrixGrid struct{ m mat.Matrix }

func (g matrixGrid) Dims() (c, r int)   { r, c = g.m.Dims(); return c, r }
func (g matrixGrid) X(c int) float64    { return float64(c) }
func (g matrixGrid) Y(r int) float64    { return float64(r) }
func (g matrixGrid) Z(c, r int) float64 { rows, _ := g.m.Dims(); return g.m.At(rows-1-r, c) }

// HeatmapOptions tunes Heatmap. The zero value is valid.
type HeatmapOptions struct {
	XLabel, YLabel string
	// Diverging forces a blue–white–red map centred on 0; by default it is used when the data
	// has both signs, and a black-body map otherwise.
	Diverging *bool
	// Min and Max fix the colour range (both zero: the data range, symmetric when diverging).
	Min, Max float64
}

// Heatmap draws a matrix (row 0 at the top) with a vertical colour bar beside it.
func Heatmap(title string, m mat.Matrix, opt HeatmapOptions) (*Figure, error) {
	p, cm, _, err := heatmap(title, m, opt)
	if err != nil {
		return nil, err
	}
	return &Figure{Rows: 1, Cols: 2, Panels: []*plot.Plot{p, colorBar(cm)}, ColWidths: []float64{0.86, 0.14},
		Width: DefaultWidth, Height: DefaultHeight}, nil
}

// HeatmapPanel draws a matrix without a colour bar, for grids of heatmaps: give every panel the
// same Min/Max (and Diverging) and add one ColorBar panel for the whole grid.
func HeatmapPanel(title string, m mat.Matrix, opt HeatmapOptions) (*plot.Plot, error) {
	p, _, _, err := heatmap(title, m, opt)
	return p, err
}

// ColorBar returns a vertical colour-bar panel for the range [min, max], matching HeatmapPanel
// with the same options.
func ColorBar(min, max float64, diverging bool) (*plot.Plot, error) {
	if !(max > min) {
		return nil, fmt.Errorf("plotting: ColorBar: max = %v must exceed min = %v", max, min)
	}
	return colorBar(colorMap(min, max, diverging)), nil
}

func colorMap(lo, hi float64, diverging bool) palette.ColorMap {
	var cm palette.ColorMap
	if diverging {
		cm = moreland.SmoothBlueRed()
	} else {
		cm = moreland.ExtendedBlackBody()
	}
	cm.SetMin(lo)
	cm.SetMax(hi)
	return cm
}

func colorBar(cm palette.ColorMap) *plot.Plot {
	bar := New("", "", "")
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	bar.HideX()
	bar.Y.Padding = 0
	return bar
}

func heatmap(title string, m mat.Matrix, opt HeatmapOptions) (*plot.Plot, palette.ColorMap, *plotter.HeatMap, error) {
	if m == nil {
		return nil, nil, nil, fmt.Errorf("plotting: Heatmap: matrix is nil")
	}
	rows, cols := m.Dims()
	if rows == 0 || cols == 0 {
		return nil, nil, nil, fmt.Errorf("plotting: Heatmap: empty %d×%d matrix", rows, cols)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			v := m.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, nil, nil, fmt.Errorf("plotting: Heatmap: entry (%d,%d) = %v is not finite", i, j, v)
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	div := lo < 0 && hi > 0
	if opt.Diverging != nil {
		div = *opt.Diverging
	}
	if opt.Min != 0 || opt.Max != 0 {
		lo, hi = opt.Min, opt.Max
	} else if div {
		a := math.Max(math.Abs(lo), math.Abs(hi))
		lo, hi = -a, a
	}
	if !(hi > lo) {
		hi = lo + 1
	}
	cm := colorMap(lo, hi, div)
	p := New(title, opt.XLabel, opt.YLabel)
	h := plotter.NewHeatMap(matrixGrid{m}, cm.Palette(255))
	h.Min, h.Max = lo, hi
	// Entries outside a fixed range saturate at the end colours instead of disappearing.
	h.Underflow, h.Overflow = mustColor(cm, lo), mustColor(cm, hi)
	p.Add(h)
	p.X.Min, p.X.Max = -0.5, float64(cols)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(rows)-0.5
	p.X.Tick.Marker = indexTicks{n: cols}
	p.Y.Tick.Marker = indexTicks{n: rows, flip: true}
	return p, cm, h, nil
}

func mustColor(cm palette.ColorMap, v float64) color.Color {
	c, err := cm.At(v)
	if err != nil { // v is cm's own end point, so this cannot happen
		panic(err)
	}
	return c
}

// indexTicks labels integer positions 0..n-1 (flipped: n-1-i, for rows drawn top-down), with at
// most about 10 labels.
type indexTicks struct {
	n    int
	flip bool
}

func (t indexTicks) Ticks(_, _ float64) []plot.Tick {
	step := max(1, (t.n+9)/10)
	var ts []plot.Tick
	for i := 0; i < t.n; i++ {
		label := ""
		idx := i
		if t.flip {
			idx = t.n - 1 - i
		}
		if idx%step == 0 {
			label = fmt.Sprint(idx)
		}
		ts = append(ts, plot.Tick{Value: float64(i), Label: label})
	}
	return ts
}
