package plotting

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Palette is the colour cycle used for successive series (colour-blind friendly, after the
// Okabe–Ito and Tableau palettes).
var Palette = []color.Color{
	color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}, // blue
	color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff}, // orange
	color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff}, // green
	color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}, // red
	color.RGBA{R: 0x94, G: 0x67, B: 0xbd, A: 0xff}, // purple
	color.RGBA{R: 0x8c, G: 0x56, B: 0x4b, A: 0xff}, // brown
	color.RGBA{R: 0xe3, G: 0x77, B: 0xc2, A: 0xff}, // pink
	color.RGBA{R: 0x7f, G: 0x7f, B: 0x7f, A: 0xff}, // grey
	color.RGBA{R: 0xbc, G: 0xbd, B: 0x22, A: 0xff}, // olive
	color.RGBA{R: 0x17, G: 0xbe, B: 0xcf, A: 0xff}, // cyan
}

// Color returns the i-th colour of the cycle (wrapping around).
func Color(i int) color.Color {
	if i < 0 {
		i = -i
	}
	return Palette[i%len(Palette)]
}

// Default sizes used by the builders and by kernelext.
const (
	DefaultWidth  = 6.5 * vg.Inch
	DefaultHeight = 4 * vg.Inch
)

// lineWidth is the width of data lines.
var lineWidth = vg.Points(1.2)

// New returns an empty plot in the neurodyn style with the given title and axis labels.
func New(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = font.Length(12)
	p.Title.Padding = vg.Points(4)
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font.Size = font.Length(10)
		ax.Tick.Label.Font.Size = font.Length(8.5)
		ax.LineStyle.Width = vg.Points(0.6)
		ax.Tick.LineStyle.Width = vg.Points(0.6)
	}
	p.Legend.TextStyle.Font.Size = font.Length(8.5)
	p.Legend.Top = true
	p.Legend.Padding = vg.Points(1)
	return p
}

// lineStyle returns the style of the i-th series.
func lineStyle(i int) draw.LineStyle {
	return draw.LineStyle{Color: Color(i), Width: lineWidth}
}

// fade returns c at 30% opacity, for fills.
func fade(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x4d}
}
