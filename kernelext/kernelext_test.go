package kernelext

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/neurodyn/neurodyn/plotting"
)

func capture(t *testing.T) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	dir := t.TempDir()
	SetOutput(dir, &buf)
	t.Cleanup(func() { SetOutput("", nil) })
	return &buf, dir
}

func TestShowWritesFilesOutsideNotebook(t *testing.T) {
	if InNotebook() {
		t.Skip("this test checks the outside-notebook mode")
	}
	buf, dir := capture(t)
	p, err := plotting.Lines("rate / Hz", "t", "Hz", plotting.Series{Y: []float64{1, 2, 3}})
	if err != nil {
		t.Fatal(err)
	}
	if err := Show(p); err != nil {
		t.Fatal(err)
	}
	if err := Show(p, PNG(), Name("second")); err != nil {
		t.Fatal(err)
	}
	fig := plotting.Row(p, p)
	if err := ShowFigure(fig, Size(400, 200)); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 3 {
		t.Fatalf("want 3 files, got %v", files)
	}
	for _, want := range []string{"001-rate-Hz.svg", "002-second.png", "003-figure.svg"} {
		b, err := os.ReadFile(filepath.Join(dir, want))
		if err != nil {
			t.Fatalf("missing %s (have %v)", want, files)
		}
		if len(b) < 500 {
			t.Fatalf("%s is only %d bytes", want, len(b))
		}
	}
	if strings.Count(buf.String(), "[figure]") != 3 {
		t.Fatalf("expected three [figure] lines, got %q", buf.String())
	}
	if err := Show(nil); err == nil {
		t.Fatal("Show(nil) returned no error")
	}
}

func TestTableText(t *testing.T) {
	if InNotebook() {
		t.Skip("outside-notebook mode")
	}
	buf, _ := capture(t)
	n := 30
	ids, rates := make([]int, n), make([]float64, n)
	for i := range n {
		ids[i], rates[i] = i, float64(i)/3
	}
	df := dataframe.New(series.New(ids, series.Int, "unit"), series.New(rates, series.Float, "rate"))
	if err := Table(df, MaxRows(10), Caption("units")); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"units\n", "unit", "rate", "0.3333", "… 20 more rows …", "9.667"} {
		if !strings.Contains(out, want) {
			t.Fatalf("table output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "6.333") { // row 19 is elided
		t.Fatalf("elided row printed:\n%s", out)
	}
	bad := df.Select("no such column")
	if err := Table(bad); err == nil {
		t.Fatal("Table accepted a DataFrame carrying an error")
	}
}

func TestRecordsAndHTMLEscaping(t *testing.T) {
	buf, _ := capture(t)
	if err := Records([][]string{{"claim", "paper", "here"}, {"R²", "0.93", "0.91"}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "0.91") {
		t.Fatalf("records not printed: %q", buf.String())
	}
	if err := Records([][]string{{"a", "b"}, {"1"}}); err == nil {
		t.Fatal("ragged records accepted")
	}
	h := htmlTable([]string{"<b>"}, [][]string{{"<script>x</script>"}, {"&"}}, []int{0, 1}, 0, "cap<")
	if strings.Contains(h, "<script>") || strings.Contains(h, "<b>") || !strings.Contains(h, "&lt;script&gt;") {
		t.Fatalf("cells not escaped: %s", h)
	}
}

func TestProgressText(t *testing.T) {
	if InNotebook() {
		t.Skip("outside-notebook mode")
	}
	buf, _ := capture(t)
	p := NewProgress("fit", 100)
	for i := 1; i <= 100; i++ {
		p.Report(i, 100, map[string]float64{"loss": 1 / float64(i)})
	}
	p.Done()
	out := buf.String()
	if !strings.Contains(out, "fit: 100/100 (100%)") || !strings.Contains(out, "loss=0.01") || !strings.Contains(out, "done") {
		t.Fatalf("unexpected progress output:\n%s", out)
	}
	if lines := strings.Count(out, "\n"); lines > 5 {
		t.Fatalf("progress printed %d lines; it should throttle", lines)
	}
	q := NewProgress("early stop", 50)
	q.Report(20, 0, nil)
	q.Done()
	if !strings.Contains(q.Text(), "20/20") {
		t.Fatalf("early stop should end at the last step: %s", q.Text())
	}
}

func TestMarkdownPrints(t *testing.T) {
	if InNotebook() {
		t.Skip("outside-notebook mode")
	}
	buf, _ := capture(t)
	Markdown("# Title $x^2$")
	if buf.String() != "# Title $x^2$\n" {
		t.Fatalf("got %q", buf.String())
	}
}
