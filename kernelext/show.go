package kernelext

import (
	"fmt"

	"github.com/janpfeifer/gonb/gonbui"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/neurodyn/neurodyn/plotting"
)

// Option changes how a figure is shown.
type Option func(*showOptions)

type showOptions struct {
	format string
	w, h   vg.Length
	name   string
}

// PNG renders the figure as a PNG image (144 dpi) instead of SVG — smaller for plots with very
// many points (rasters, dense heatmaps).
func PNG() Option { return func(o *showOptions) { o.format = "png" } }

// Size sets the figure size (e.g. Size(8*vg.Inch, 3*vg.Inch)).
func Size(w, h vg.Length) Option { return func(o *showOptions) { o.w, o.h = w, h } }

// Name sets the file name stem used outside a notebook (default: the plot title).
func Name(name string) Option { return func(o *showOptions) { o.name = name } }

func collect(opts []Option) showOptions {
	o := showOptions{format: "svg"}
	for _, f := range opts {
		f(&o)
	}
	return o
}

// Show displays a plot (SVG by default, 6.5 × 4 inches). Outside a notebook it writes a file into
// OutputDir and prints its path. Errors are returned and, in a notebook, also shown in the cell.
func Show(p *plot.Plot, opts ...Option) error {
	if p == nil {
		return showError(fmt.Errorf("kernelext.Show: plot is nil"))
	}
	o := collect(opts)
	b, err := plotting.EncodePlot(p, o.w, o.h, o.format)
	if err != nil {
		return showError(fmt.Errorf("kernelext.Show: %w", err))
	}
	if o.name == "" {
		o.name = p.Title.Text
	}
	return display(b, o)
}

// ShowFigure displays a multi-panel figure built with plotting.Grid (or plotting.Heatmap).
func ShowFigure(f *plotting.Figure, opts ...Option) error {
	if f == nil {
		return showError(fmt.Errorf("kernelext.ShowFigure: figure is nil"))
	}
	o := collect(opts)
	if o.w != 0 || o.h != 0 {
		g := *f
		g.Width, g.Height = o.w, o.h
		f = &g
	}
	b, err := f.Encode(o.format)
	if err != nil {
		return showError(fmt.Errorf("kernelext.ShowFigure: %w", err))
	}
	if o.name == "" {
		o.name = f.Title
	}
	return display(b, o)
}

func display(b []byte, o showOptions) error {
	if !InNotebook() {
		_, err := writeFile(o.name, o.format, b)
		return err
	}
	switch o.format {
	case "png":
		gonbui.DisplayPng(b)
	default:
		// GoNB sends SVG as text/html so that it survives nbconvert's HTML export.
		gonbui.DisplaySvg(string(b))
	}
	flush()
	return nil
}
