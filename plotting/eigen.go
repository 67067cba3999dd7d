package plotting

import (
	"fmt"
	"math"
	"math/cmplx"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// EigenSet is a named set of eigenvalues.
type EigenSet struct {
	Name   string
	Values []complex128
}

// Eigenvalues draws eigenvalue sets in the complex plane with the unit circle (the stability
// boundary of a discrete-time system) and equal axis ranges.
func Eigenvalues(title string, sets ...EigenSet) (*plot.Plot, error) {
	p := New(title, "Re λ", "Im λ")
	circle := make(plotter.XYs, 201)
	for k := range circle {
		a := 2 * math.Pi * float64(k) / 200
		circle[k] = plotter.XY{X: math.Cos(a), Y: math.Sin(a)}
	}
	l, err := plotter.NewLine(circle)
	if err != nil {
		return nil, err
	}
	l.LineStyle = draw.LineStyle{Color: Palette[7], Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}
	p.Add(l)
	lim := 1.1
	shapes := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.CrossGlyph{}, draw.TriangleGlyph{}, draw.SquareGlyph{}, draw.PlusGlyph{}}
	for i, s := range sets {
		xy := make(plotter.XYs, len(s.Values))
		for k, v := range s.Values {
			if cmplx.IsNaN(v) || cmplx.IsInf(v) {
				return nil, fmt.Errorf("plotting: Eigenvalues: set %q value %d is not finite", s.Name, k)
			}
			xy[k] = plotter.XY{X: real(v), Y: imag(v)}
			lim = math.Max(lim, 1.05*cmplx.Abs(v))
		}
		sc, err := plotter.NewScatter(xy)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: Color(i), Radius: vg.Points(3.5), Shape: shapes[i%len(shapes)]}
		p.Add(sc)
		if s.Name != "" {
			p.Legend.Add(s.Name, sc)
		}
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -lim, lim, -lim, lim
	return p, nil
}
