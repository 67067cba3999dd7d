package plotting

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Edge is a directed, weighted connection between two nodes of a Graph.
type Edge struct {
	From, To int
	Weight   float64 // drawn as line width (relative to the largest |Weight|); negative weights in red
	Label    string  // optional, drawn at the middle of the edge
}

// Graph draws a directed graph with the nodes on a circle and arrows whose width grows with
// |Weight| — e.g. the interaction pathways between brain regions. Opposite edges between the
// same pair are drawn side by side.
func Graph(title string, nodes []string, edges []Edge) (*plot.Plot, error) {
	if len(nodes) == 0 {
		return nil, fmt.Errorf("plotting: Graph: no nodes")
	}
	for i, e := range edges {
		if e.From < 0 || e.To < 0 || e.From >= len(nodes) || e.To >= len(nodes) {
			return nil, fmt.Errorf("plotting: Graph: edge %d (%d→%d) refers to a node outside 0..%d", i, e.From, e.To, len(nodes)-1)
		}
		if e.From == e.To {
			return nil, fmt.Errorf("plotting: Graph: edge %d is a self-loop on node %d", i, e.From)
		}
		if math.IsNaN(e.Weight) || math.IsInf(e.Weight, 0) {
			return nil, fmt.Errorf("plotting: Graph: edge %d weight is %v", i, e.Weight)
		}
	}
	p := New(title, "", "")
	p.HideAxes()
	p.Add(graph{nodes: nodes, edges: edges})
	return p, nil
}

type graph struct {
	nodes []string
	edges []Edge
}

func (g graph) DataRange() (xmin, xmax, ymin, ymax float64) { return -1.35, 1.35, -1.35, 1.35 }

func (g graph) pos(i int) (float64, float64) {
	a := math.Pi/2 - 2*math.Pi*float64(i)/float64(len(g.nodes))
	return math.Cos(a), math.Sin(a)
}

func (g graph) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	radius := vg.Points(16)
	var wmax float64
	for _, e := range g.edges {
		wmax = math.Max(wmax, math.Abs(e.Weight))
	}
	if wmax == 0 {
		wmax = 1
	}
	text := p.Y.Tick.Label
	text.XAlign, text.YAlign = draw.XCenter, draw.YCenter
	text.Font.Size = 9
	for _, e := range g.edges {
		x0, y0 := g.pos(e.From)
		x1, y1 := g.pos(e.To)
		X0, Y0, X1, Y1 := tx(x0), ty(y0), tx(x1), ty(y1)
		dx, dy := float64(X1-X0), float64(Y1-Y0)
		L := math.Hypot(dx, dy)
		ux, uy := dx/L, dy/L
		off := vg.Points(4) // side offset so that A→B and B→A do not overlap
		nx, ny := vg.Length(-uy)*off, vg.Length(ux)*off
		sx, sy := X0+vg.Length(ux)*radius+nx, Y0+vg.Length(uy)*radius+ny
		ex, ey := X1-vg.Length(ux)*radius+nx, Y1-vg.Length(uy)*radius+ny
		col := Palette[0]
		if e.Weight < 0 {
			col = Palette[3]
		}
		sty := draw.LineStyle{Color: col, Width: vg.Points(0.6 + 4.4*math.Abs(e.Weight)/wmax)}
		c.StrokeLine2(sty, sx, sy, ex, ey)
		head := vg.Points(5) + sty.Width
		ang := math.Atan2(uy, ux)
		for _, s := range []float64{0.4, -0.4} {
			c.StrokeLine2(draw.LineStyle{Color: col, Width: vg.Points(1.2)}, ex, ey,
				ex-vg.Length(math.Cos(ang+s))*head, ey-vg.Length(math.Sin(ang+s))*head)
		}
		if e.Label != "" {
			c.FillText(text, vg.Point{X: (sx+ex)/2 + 2*nx, Y: (sy+ey)/2 + 2*ny}, e.Label)
		}
	}
	node := draw.LineStyle{Color: Palette[7], Width: vg.Points(1)}
	for i, name := range g.nodes {
		x, y := g.pos(i)
		ctr := vg.Point{X: tx(x), Y: ty(y)}
		var circle vg.Path
		circle.Move(vg.Point{X: ctr.X + radius, Y: ctr.Y})
		circle.Arc(ctr, radius, 0, 2*math.Pi)
		circle.Close()
		c.SetColor(color.White)
		c.Fill(circle)
		c.SetLineStyle(node)
		c.Stroke(circle)
		label := text
		label.Font.Size = 10
		c.FillText(label, ctr, name)
	}
}
