package plotting

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Trajectories draws 2-D latent trajectories: for every trial (rows = time), column i against
// column j, one colour per trial, a dot at the start. names (optional) labels trials in a legend.
func Trajectories(title string, trials []*mat.Dense, i, j int, names []string) (*plot.Plot, error) {
	if names != nil && len(names) != len(trials) {
		return nil, fmt.Errorf("plotting: Trajectories: %d names for %d trials", len(names), len(trials))
	}
	p := New(title, fmt.Sprintf("latent %d", i+1), fmt.Sprintf("latent %d", j+1))
	for k, tr := range trials {
		if tr == nil {
			return nil, fmt.Errorf("plotting: Trajectories: trial %d is nil", k)
		}
		r, c := tr.Dims()
		if i < 0 || j < 0 || i >= c || j >= c {
			return nil, fmt.Errorf("plotting: Trajectories: trial %d has %d columns, cannot plot %d vs %d", k, c, i, j)
		}
		x, y := make([]float64, r), make([]float64, r)
		for t := 0; t < r; t++ {
			x[t], y[t] = tr.At(t, i), tr.At(t, j)
		}
		name := ""
		if names != nil {
			name = names[k]
		}
		if err := addLine(p, k, Series{Name: name, X: x, Y: y}); err != nil {
			return nil, err
		}
		start, err := plotter.NewScatter(plotter.XYs{{X: x[0], Y: y[0]}})
		if err != nil {
			return nil, err
		}
		start.GlyphStyle = draw.GlyphStyle{Color: Color(k), Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
		p.Add(start)
	}
	return p, nil
}
