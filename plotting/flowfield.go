package plotting

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// FlowGrid is a 2-D vector field sampled on a grid: the velocity at (X[c], Y[r]) is
// (DX[r][c], DY[r][c]).
type FlowGrid struct {
	X, Y   []float64
	DX, DY [][]float64
}

// SampleFlow evaluates f on the grid xs × ys.
func SampleFlow(xs, ys []float64, f func(x, y float64) (dx, dy float64)) FlowGrid {
	g := FlowGrid{X: xs, Y: ys, DX: make([][]float64, len(ys)), DY: make([][]float64, len(ys))}
	for r, y := range ys {
		g.DX[r], g.DY[r] = make([]float64, len(xs)), make([]float64, len(xs))
		for c, x := range xs {
			g.DX[r][c], g.DY[r][c] = f(x, y)
		}
	}
	return g
}

// Linspace returns n evenly spaced values from lo to hi inclusive.
func Linspace(lo, hi float64, n int) []float64 {
	if n < 2 {
		return []float64{lo}
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	return out
}

func (g FlowGrid) check() error {
	if len(g.X) < 2 || len(g.Y) < 2 {
		return fmt.Errorf("plotting: FlowField: grid %d×%d, need at least 2×2", len(g.X), len(g.Y))
	}
	if len(g.DX) != len(g.Y) || len(g.DY) != len(g.Y) {
		return fmt.Errorf("plotting: FlowField: DX/DY need %d rows (len(Y))", len(g.Y))
	}
	for r := range g.Y {
		if len(g.DX[r]) != len(g.X) || len(g.DY[r]) != len(g.X) {
			return fmt.Errorf("plotting: FlowField: row %d of DX/DY needs %d values (len(X))", r, len(g.X))
		}
	}
	return nil
}

// quiver draws one arrow per grid point, scaled so the fastest arrow spans 0.9 grid cells;
// arrow heads keep a fixed size on the page.
type quiver struct {
	g     FlowGrid
	style draw.LineStyle
}

func (q quiver) DataRange() (xmin, xmax, ymin, ymax float64) {
	return q.g.X[0], q.g.X[len(q.g.X)-1], q.g.Y[0], q.g.Y[len(q.g.Y)-1]
}

func (q quiver) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	var vmax float64
	for r := range q.g.Y {
		for k := range q.g.X {
			if v := math.Hypot(q.g.DX[r][k], q.g.DY[r][k]); v > vmax {
				vmax = v
			}
		}
	}
	if vmax == 0 || math.IsNaN(vmax) {
		return
	}
	cellX := math.Abs(q.g.X[1]-q.g.X[0]) * 0.9 / vmax
	cellY := math.Abs(q.g.Y[1]-q.g.Y[0]) * 0.9 / vmax
	head := vg.Points(3)
	for r, y := range q.g.Y {
		for k, x := range q.g.X {
			dx, dy := q.g.DX[r][k], q.g.DY[r][k]
			if math.IsNaN(dx) || math.IsNaN(dy) || (dx == 0 && dy == 0) {
				continue
			}
			x0, y0 := tx(x-dx*cellX/2), ty(y-dy*cellY/2)
			x1, y1 := tx(x+dx*cellX/2), ty(y+dy*cellY/2)
			c.StrokeLine2(q.style, x0, y0, x1, y1)
			ang := math.Atan2(float64(y1-y0), float64(x1-x0))
			for _, s := range []float64{0.45, -0.45} {
				hx := x1 - vg.Length(math.Cos(ang+s))*head
				hy := y1 - vg.Length(math.Sin(ang+s))*head
				c.StrokeLine2(q.style, x1, y1, hx, hy)
			}
		}
	}
}

// Stability classifies a fixed point for drawing.
type Stability int

const (
	Stable   Stability = iota // filled marker
	Saddle                    // half-filled (drawn as a filled diamond)
	Unstable                  // open marker
)

// FixedPoint is a marked point of a flow field.
type FixedPoint struct {
	X, Y float64
	Kind Stability
}

// FlowField draws the vector field as arrows whose length grows with speed (arrows are scaled
// to the grid spacing), with fixed points marked: stable filled circles, saddles filled diamonds,
// unstable open circles.
func FlowField(title string, g FlowGrid, fixed []FixedPoint) (*plot.Plot, error) {
	if err := g.check(); err != nil {
		return nil, err
	}
	p := New(title, "x₁", "x₂")
	p.Add(quiver{g: g, style: draw.LineStyle{Color: Palette[7], Width: vg.Points(0.7)}})
	for _, fp := range fixed {
		if math.IsNaN(fp.X) || math.IsNaN(fp.Y) {
			return nil, fmt.Errorf("plotting: FlowField: fixed point (%v, %v) is not finite", fp.X, fp.Y)
		}
		s, err := plotter.NewScatter(plotter.XYs{{X: fp.X, Y: fp.Y}})
		if err != nil {
			return nil, err
		}
		sty := draw.GlyphStyle{Color: Palette[3], Radius: vg.Points(4.5)}
		switch fp.Kind {
		case Stable:
			sty.Shape = draw.CircleGlyph{}
		case Saddle:
			sty.Shape = draw.PyramidGlyph{}
		default:
			sty.Shape = draw.RingGlyph{}
		}
		s.GlyphStyle = sty
		p.Add(s)
	}
	return p, nil
}
