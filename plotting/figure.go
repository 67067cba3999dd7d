package plotting

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure is a multi-panel figure: a grid of plots laid out row by row. A nil panel leaves its
// cell empty. ColWidths and RowHeights (optional) give relative sizes; equal by default.
type Figure struct {
	Rows, Cols  int
	Panels      []*plot.Plot // len Rows*Cols, row-major
	ColWidths   []float64
	RowHeights  []float64
	Title       string
	Width       vg.Length // default: 3.4 inch per column, at least DefaultWidth
	Height      vg.Length // default: 2.8 inch per row
	titleHeight vg.Length
}

// Grid arranges panels in rows × cols cells (row-major). Missing panels leave empty cells.
func Grid(rows, cols int, panels ...*plot.Plot) (*Figure, error) {
	if rows < 1 || cols < 1 {
		return nil, fmt.Errorf("plotting: grid %d×%d, rows and cols must be at least 1", rows, cols)
	}
	if len(panels) > rows*cols {
		return nil, fmt.Errorf("plotting: %d panels do not fit a %d×%d grid", len(panels), rows, cols)
	}
	all := make([]*plot.Plot, rows*cols)
	copy(all, panels)
	return &Figure{Rows: rows, Cols: cols, Panels: all}, nil
}

// Row is Grid(1, len(panels), panels...).
func Row(panels ...*plot.Plot) *Figure {
	f, _ := Grid(1, max(1, len(panels)), panels...)
	return f
}

// Size returns the figure's width and height, applying the defaults.
func (f *Figure) Size() (w, h vg.Length) {
	w, h = f.Width, f.Height
	if w == 0 {
		w = max(DefaultWidth, vg.Length(f.Cols)*3.4*vg.Inch)
	}
	if h == 0 {
		h = vg.Length(f.Rows) * 2.8 * vg.Inch
		if f.Title != "" {
			h += 0.35 * vg.Inch
		}
	}
	return w, h
}

func fractions(weights []float64, n int) ([]float64, error) {
	out := make([]float64, n)
	if len(weights) == 0 {
		for i := range out {
			out[i] = 1 / float64(n)
		}
		return out, nil
	}
	if len(weights) != n {
		return nil, fmt.Errorf("plotting: %d relative sizes for %d cells", len(weights), n)
	}
	var s float64
	for i, w := range weights {
		if !(w > 0) {
			return nil, fmt.Errorf("plotting: relative size %d is %v, must be positive", i, w)
		}
		s += w
	}
	for i, w := range weights {
		out[i] = w / s
	}
	return out, nil
}

// Draw draws the figure onto a canvas.
func (f *Figure) Draw(dc draw.Canvas) error {
	if len(f.Panels) != f.Rows*f.Cols {
		return fmt.Errorf("plotting: figure has %d panels for a %d×%d grid", len(f.Panels), f.Rows, f.Cols)
	}
	cw, err := fractions(f.ColWidths, f.Cols)
	if err != nil {
		return err
	}
	rh, err := fractions(f.RowHeights, f.Rows)
	if err != nil {
		return err
	}
	if f.Title != "" {
		th := 0.35 * vg.Inch
		sty := plot.New().Title.TextStyle
		sty.Font.Size = 13
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		dc.FillText(sty, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y - vg.Points(4)}, f.Title)
		dc = draw.Crop(dc, 0, 0, 0, -th)
	}
	W := dc.Max.X - dc.Min.X
	H := dc.Max.Y - dc.Min.Y
	pad := vg.Points(6)
	y := dc.Max.Y
	for r := 0; r < f.Rows; r++ {
		hgt := vg.Length(rh[r]) * H
		x := dc.Min.X
		for c := 0; c < f.Cols; c++ {
			wid := vg.Length(cw[c]) * W
			if p := f.Panels[r*f.Cols+c]; p != nil {
				cell := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
					Min: vg.Point{X: x + pad/2, Y: y - hgt + pad/2},
					Max: vg.Point{X: x + wid - pad/2, Y: y - pad/2},
				}}
				p.Draw(cell)
			}
			x += wid
		}
		y -= hgt
	}
	return nil
}

// Encode renders the figure as "svg", "png", "pdf" (or "jpg", "tiff") bytes.
func (f *Figure) Encode(format string) ([]byte, error) {
	w, h := f.Size()
	return render(w, h, format, f.Draw)
}

// Save writes the figure to a file; the format comes from the extension.
func (f *Figure) Save(path string) error {
	b, err := f.Encode(strings.TrimPrefix(filepath.Ext(path), "."))
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// EncodePlot renders a single plot at the given size (0 means default) as format bytes.
func EncodePlot(p *plot.Plot, w, h vg.Length, format string) ([]byte, error) {
	if p == nil {
		return nil, fmt.Errorf("plotting: plot is nil")
	}
	if w == 0 {
		w = DefaultWidth
	}
	if h == 0 {
		h = DefaultHeight
	}
	return render(w, h, format, func(dc draw.Canvas) error { p.Draw(dc); return nil })
}

func render(w, h vg.Length, format string, drawFn func(draw.Canvas) error) ([]byte, error) {
	var c interface {
		vg.CanvasSizer
		io.WriterTo
	}
	switch strings.ToLower(format) {
	case "svg":
		c = vgsvg.New(w, h)
	case "pdf":
		c = vgpdf.New(w, h)
	case "png", "jpg", "jpeg", "tif", "tiff":
		img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(144))
		switch strings.ToLower(format) {
		case "png":
			c = vgimg.PngCanvas{Canvas: img}
		case "jpg", "jpeg":
			c = vgimg.JpegCanvas{Canvas: img}
		default:
			c = vgimg.TiffCanvas{Canvas: img}
		}
	default:
		return nil, fmt.Errorf("plotting: unknown image format %q (want svg, png, pdf, jpg or tiff)", format)
	}
	if err := drawFn(draw.New(c)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
