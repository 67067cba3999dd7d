package plotting

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// rasterTicks draws one short vertical tick per spike.
type rasterTicks struct {
	times [][]float64
	style draw.LineStyle
}

func (r rasterTicks) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for u, ts := range r.times {
		y0, y1 := ty(float64(u)-0.4), ty(float64(u)+0.4)
		for _, t := range ts {
			x := tx(t)
			c.StrokeLine2(r.style, x, y0, x, y1)
		}
	}
}

func (r rasterTicks) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	for _, ts := range r.times {
		for _, t := range ts {
			xmin, xmax = math.Min(xmin, t), math.Max(xmax, t)
		}
	}
	if xmin > xmax {
		xmin, xmax = 0, 1
	}
	return xmin, xmax, -0.5, float64(len(r.times)) - 0.5
}

// Raster draws a spike raster: times[u] are the spike times of unit u, drawn on row u.
func Raster(title string, times [][]float64) (*plot.Plot, error) {
	for u, ts := range times {
		for k, t := range ts {
			if math.IsNaN(t) || math.IsInf(t, 0) {
				return nil, fmt.Errorf("plotting: Raster: times[%d][%d] = %v is not finite", u, k, t)
			}
		}
	}
	p := New(title, "time", "unit")
	p.Add(rasterTicks{times: times, style: draw.LineStyle{Color: Palette[0], Width: vg.Points(0.7)}})
	p.Y.Tick.Marker = indexTicks{n: len(times)}
	return p, nil
}

// RasterCounts draws binned spike counts (one row per bin of width dt starting at t0, one
// column per unit) as a raster: a tick at the centre of every bin with a non-zero count.
func RasterCounts(title string, counts mat.Matrix, t0, dt float64) (*plot.Plot, error) {
	if counts == nil {
		return nil, fmt.Errorf("plotting: RasterCounts: counts is nil")
	}
	if !(dt > 0) {
		return nil, fmt.Errorf("plotting: RasterCounts: dt = %v must be positive", dt)
	}
	r, c := counts.Dims()
	times := make([][]float64, c)
	for j := 0; j < c; j++ {
		for i := 0; i < r; i++ {
			if counts.At(i, j) > 0 {
				times[j] = append(times[j], t0+(float64(i)+0.5)*dt)
			}
		}
	}
	return Raster(title, times)
}

// Scatter draws points as dots of the i-th colour, with a legend entry when name is set.
func Scatter(p *plot.Plot, i int, name string, x, y []float64) error {
	xy, err := pairs(x, y)
	if err != nil {
		return fmt.Errorf("plotting: Scatter %q: %w", name, err)
	}
	s, err := plotter.NewScatter(xy)
	if err != nil {
		return err
	}
	s.GlyphStyle = draw.GlyphStyle{Color: Color(i), Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
	p.Add(s)
	if name != "" {
		p.Legend.Add(name, s)
	}
	return nil
}
