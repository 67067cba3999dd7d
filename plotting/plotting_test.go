package plotting

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
)

// gallery builds one panel with every builder.
func gallery(t *testing.T) *Figure {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	T, C := 200, 8
	tm := make([]float64, T)
	y := mat.NewDense(T, C, nil)
	for i := range T {
		tm[i] = float64(i) / 100
		for j := range C {
			y.Set(i, j, math.Sin(2*math.Pi*tm[i]*float64(j+1)/2)+0.2*rng.NormFloat64())
		}
	}
	must := func(p *plot.Plot, err error) *plot.Plot {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	traces := must(Traces("traces", tm, y, nil, 0))
	raster := must(RasterCounts("raster", y, 0, 0.01))
	traj := must(Trajectories("trajectories", []*mat.Dense{y}, 0, 1, []string{"trial 1"}))
	rot := SampleFlow(Linspace(-2, 2, 13), Linspace(-2, 2, 13), func(x, y float64) (float64, float64) {
		return -0.1*x - y, x - 0.1*y
	})
	flow := must(FlowField("flow", rot, []FixedPoint{{0, 0, Stable}, {1, 1, Saddle}, {-1, 1, Unstable}}))
	eig := must(Eigenvalues("eigenvalues", EigenSet{"true", []complex128{0.9 + 0.3i, 0.9 - 0.3i, 0.5}},
		EigenSet{"fit", []complex128{0.88 + 0.31i, 0.88 - 0.31i}}))
	ll := must(LogLog("spectrum", "rank", "eigenvalue", Series{Name: "1/k", Y: []float64{1, 0.5, 0.33, 0.25, 0}}))
	lines := must(Lines("lines", "x", "y", Series{Name: "a", Y: []float64{1, 2, math.NaN(), 3}}))
	f, err := Grid(3, 3, traces, raster, traj, flow, eig, ll, lines)
	if err != nil {
		t.Fatal(err)
	}
	f.Title = "gallery"
	return f
}

func TestBuildersRender(t *testing.T) {
	f := gallery(t)
	for _, format := range []string{"svg", "png", "pdf"} {
		b, err := f.Encode(format)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if len(b) < 1000 {
			t.Fatalf("%s: only %d bytes", format, len(b))
		}
	}
	svg, _ := f.Encode("svg")
	if !bytes.Contains(svg, []byte("<svg")) {
		t.Fatal("svg output has no <svg element")
	}
	dir := t.TempDir()
	if err := f.Save(filepath.Join(dir, "gallery.png")); err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("NEURODYN_PLOT_GALLERY"); out != "" { // write for visual inspection
		if err := f.Save(out); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.Encode("bmp"); err == nil {
		t.Fatal("expected an error for an unknown format")
	}
}

func TestHeatmap(t *testing.T) {
	m := mat.NewDense(3, 4, []float64{1, -2, 3, 0, 0.5, 0.1, -1, 2, 0, 0, 0, 0})
	f, err := Heatmap("W", m, HeatmapOptions{XLabel: "from", YLabel: "to"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Encode("png"); err != nil {
		t.Fatal(err)
	}
	_, _, hm, err := heatmap("saturated", m, HeatmapOptions{Min: -1, Max: 1})
	if err != nil {
		t.Fatal(err)
	}
	if hm.Underflow == nil || hm.Overflow == nil {
		t.Fatal("a fixed colour range must saturate out-of-range entries, not drop them")
	}
	panel, err := HeatmapPanel("W₁", m, HeatmapOptions{Min: -3, Max: 3})
	if err != nil {
		t.Fatal(err)
	}
	bar, err := ColorBar(-3, 3, true)
	if err != nil {
		t.Fatal(err)
	}
	grid, err := Grid(1, 3, panel, panel, bar)
	if err != nil {
		t.Fatal(err)
	}
	grid.ColWidths = []float64{1, 1, 0.2}
	if _, err := grid.Encode("svg"); err != nil {
		t.Fatal(err)
	}
	if _, err := ColorBar(1, 1, false); err == nil {
		t.Fatal("ColorBar: empty range accepted")
	}
	m.Set(0, 0, math.NaN())
	if _, err := Heatmap("W", m, HeatmapOptions{}); err == nil {
		t.Fatal("expected an error for a NaN entry")
	}
}

func TestBadInput(t *testing.T) {
	if _, err := Grid(1, 1, New("", "", ""), New("", "", "")); err == nil {
		t.Error("Grid: too many panels accepted")
	}
	if _, err := Traces("", []float64{1}, mat.NewDense(2, 1, nil), nil, 0); err == nil {
		t.Error("Traces: length mismatch accepted")
	}
	if _, err := Lines("", "", "", Series{X: []float64{1}, Y: []float64{1, 2}}); err == nil {
		t.Error("Lines: length mismatch accepted")
	}
	if _, err := Raster("", [][]float64{{math.Inf(1)}}); err == nil {
		t.Error("Raster: infinite time accepted")
	}
	if _, err := FlowField("", FlowGrid{X: []float64{0, 1}, Y: []float64{0, 1}, DX: [][]float64{{0, 0}}}, nil); err == nil {
		t.Error("FlowField: ragged grid accepted")
	}
	if _, err := Trajectories("", []*mat.Dense{mat.NewDense(2, 1, nil)}, 0, 1, nil); err == nil {
		t.Error("Trajectories: missing column accepted")
	}
	if _, err := EncodePlot(nil, 0, 0, "svg"); err == nil {
		t.Error("EncodePlot: nil plot accepted")
	}
}

func TestCategoricalAndGraph(t *testing.T) {
	groups := []Group{{"FacRNN", []float64{0.93, 0.91, 0.95, 0.92, 0.94}}, {"lrRNN", []float64{0.7, 0.74, 0.69, 0.72, 0.71}}}
	box, err := BoxPlots("group latent R²", "R²", groups, Significance{A: 0, B: 1, Label: Stars(0.0004)})
	if err != nil {
		t.Fatal(err)
	}
	bars, err := Bars("mean", "R²", groups...)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := Lines("events", "t", "", Series{Y: []float64{0, 1, 0, 1}})
	if err != nil {
		t.Fatal(err)
	}
	ev.X.Min, ev.X.Max = 0, 3
	if err := VLines(ev, []float64{1, 2}, []string{"T1", "T2"}); err != nil {
		t.Fatal(err)
	}
	g, err := Graph("pathways", []string{"V1", "PMd", "M1", "S1"}, []Edge{{0, 1, 0.8, "0.8"}, {1, 0, 0.2, ""}, {1, 2, 0.5, ""}, {3, 2, -0.3, ""}})
	if err != nil {
		t.Fatal(err)
	}
	f := Row(box, bars, ev, g)
	if out := os.Getenv("NEURODYN_PLOT_GALLERY2"); out != "" {
		if err := f.Save(out); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.Encode("svg"); err != nil {
		t.Fatal(err)
	}
	if Stars(0.03) != "*" || Stars(0.005) != "**" || Stars(0.2) != "n.s." {
		t.Fatal("Stars thresholds")
	}
	if _, err := Graph("", []string{"a"}, []Edge{{0, 1, 1, ""}}); err == nil {
		t.Error("Graph: edge to a missing node accepted")
	}
	if _, err := BoxPlots("", "", groups, Significance{A: 0, B: 5}); err == nil {
		t.Error("BoxPlots: comparison with a missing group accepted")
	}
	if _, err := Bars("", "", Group{Name: "empty"}); err == nil {
		t.Error("Bars: empty group accepted")
	}
	if err := VLines(ev, []float64{1}, []string{"a", "b"}); err == nil {
		t.Error("VLines: label count mismatch accepted")
	}
}

func TestHistogramBandLogTicks(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	vals := make([]float64, 2000)
	for i := range vals {
		vals[i] = math.Exp(rng.NormFloat64())
	}
	for _, logBins := range []bool{false, true} {
		p, err := Histogram("eigenvalues", "λ", vals, 30, logBins)
		if err != nil {
			t.Fatal(err)
		}
		edges, dens, err := histogram(vals, 30, logBins)
		if err != nil {
			t.Fatal(err)
		}
		var area float64
		for i, d := range dens {
			area += d * (edges[i+1] - edges[i])
		}
		if math.Abs(area-1) > 1e-12 {
			t.Fatalf("logBins=%v: density integrates to %v", logBins, area)
		}
		if _, err := EncodePlot(p, 0, 0, "svg"); err != nil {
			t.Fatal(err)
		}
	}
	p := New("band", "t", "")
	x := []float64{0, 1, 2}
	if err := Band(p, 0, "±1", x, []float64{-1, -1, -1}, []float64{1, 2, 1}); err != nil {
		t.Fatal(err)
	}
	if err := AddLine(p, 0, Series{Name: "mean", X: x, Y: []float64{0, 0.5, 0}}); err != nil {
		t.Fatal(err)
	}
	if _, err := EncodePlot(p, 0, 0, "png"); err != nil {
		t.Fatal(err)
	}
	if err := Band(p, 0, "", x, []float64{0}, []float64{1, 2, 3}); err == nil {
		t.Error("Band: length mismatch accepted")
	}
	if _, err := Histogram("", "", []float64{math.NaN()}, 3, false); err == nil {
		t.Error("Histogram: NaN accepted")
	}
	narrow := LogTicks{}.Ticks(0.3, 4)
	labels := 0
	for _, tk := range narrow {
		if tk.Label != "" {
			labels++
		}
	}
	if labels < 3 {
		t.Fatalf("a narrow log axis got %d labels: %v", labels, narrow)
	}
	wide := LogTicks{}.Ticks(1e-3, 1e3)
	for _, tk := range wide {
		if tk.Label != "" && tk.Label != "0.001" && tk.Label != "0.01" && tk.Label != "0.1" && tk.Label != "1" && tk.Label != "10" && tk.Label != "100" && tk.Label != "1e+03" {
			t.Fatalf("a wide log axis labels only powers of ten, got %q", tk.Label)
		}
	}
}
