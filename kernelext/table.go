package kernelext

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// DefaultMaxRows is the number of rows Table shows before eliding the rest.
const DefaultMaxRows = 20

// TableOption changes how a table is shown.
type TableOption func(*tableOptions)

type tableOptions struct {
	maxRows int
	caption string
	digits  int
}

// MaxRows caps the rows shown (the first n-3 and the last 3, with a note of how many were
// elided); n ≤ 0 shows every row.
func MaxRows(n int) TableOption { return func(o *tableOptions) { o.maxRows = n } }

// Caption puts a caption above the table.
func Caption(s string) TableOption { return func(o *tableOptions) { o.caption = s } }

// Digits sets the significant digits of floating-point cells (default 4).
func Digits(n int) TableOption { return func(o *tableOptions) { o.digits = n } }

// Table displays a DataFrame as an HTML table (cells escaped; float columns formatted with
// Digits significant digits; long tables elided to MaxRows). Outside a notebook it prints an
// aligned plain-text table.
func Table(df dataframe.DataFrame, opts ...TableOption) error {
	if df.Err != nil {
		return showError(fmt.Errorf("kernelext.Table: %w", df.Err))
	}
	o := tableOptions{maxRows: DefaultMaxRows, digits: 4}
	for _, f := range opts {
		f(&o)
	}
	header := df.Names()
	rows := make([][]string, df.Nrow())
	for i := range rows {
		rows[i] = make([]string, len(header))
	}
	for j, name := range header {
		col := df.Col(name)
		for i := 0; i < col.Len(); i++ {
			rows[i][j] = formatCell(col.Elem(i), col.Type(), o.digits)
		}
	}
	return showRows(header, rows, o)
}

// Records displays a small table given as strings: records[0] is the header. It suits summary
// tables such as a notebook's closing "paper vs here".
func Records(records [][]string, opts ...TableOption) error {
	if len(records) == 0 {
		return showError(fmt.Errorf("kernelext.Records: records is empty (need at least a header row)"))
	}
	for i, r := range records {
		if len(r) != len(records[0]) {
			return showError(fmt.Errorf("kernelext.Records: row %d has %d cells, the header has %d", i, len(r), len(records[0])))
		}
	}
	o := tableOptions{maxRows: 0, digits: 4}
	for _, f := range opts {
		f(&o)
	}
	return showRows(records[0], records[1:], o)
}

func formatCell(e series.Element, t series.Type, digits int) string {
	if e.IsNA() {
		return "NaN"
	}
	if t == series.Float {
		v := e.Float()
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return strconv.FormatFloat(v, 'g', -1, 64)
		}
		return strconv.FormatFloat(v, 'g', digits, 64)
	}
	return e.String()
}

// visible returns the row indices to show and the number elided.
func visible(n, maxRows int) (idx []int, elided int) {
	if maxRows <= 0 || n <= maxRows {
		for i := 0; i < n; i++ {
			idx = append(idx, i)
		}
		return idx, 0
	}
	head := max(maxRows-3, 1)
	for i := 0; i < head; i++ {
		idx = append(idx, i)
	}
	for i := n - 3; i < n; i++ {
		idx = append(idx, i)
	}
	return idx, n - len(idx)
}

func showRows(header []string, rows [][]string, o tableOptions) error {
	idx, elided := visible(len(rows), o.maxRows)
	if InNotebook() {
		HTML(htmlTable(header, rows, idx, elided, o.caption))
		return nil
	}
	printText(textTable(header, rows, idx, elided, o.caption))
	return nil
}

func htmlTable(header []string, rows [][]string, idx []int, elided int, caption string) string {
	var b strings.Builder
	b.WriteString(`<table class="neurodyn-table" style="border-collapse:collapse;font-size:90%">`)
	if caption != "" {
		fmt.Fprintf(&b, "<caption>%s</caption>", html.EscapeString(caption))
	}
	b.WriteString("<thead><tr>")
	for _, h := range header {
		fmt.Fprintf(&b, `<th style="text-align:right;padding:2px 8px;border-bottom:1px solid #999">%s</th>`, html.EscapeString(h))
	}
	b.WriteString("</tr></thead><tbody>")
	for k, i := range idx {
		if elided > 0 && k > 0 && idx[k-1] != i-1 {
			fmt.Fprintf(&b, `<tr><td colspan="%d" style="text-align:center;color:#777">… %d more rows …</td></tr>`, len(header), elided)
		}
		b.WriteString("<tr>")
		for _, c := range rows[i] {
			fmt.Fprintf(&b, `<td style="text-align:right;padding:2px 8px">%s</td>`, html.EscapeString(c))
		}
		b.WriteString("</tr>")
	}
	fmt.Fprintf(&b, `</tbody></table><div style="color:#777;font-size:80%%">%d rows × %d columns</div>`, len(rows), len(header))
	return b.String()
}

func textTable(header []string, rows [][]string, idx []int, elided int, caption string) string {
	width := make([]int, len(header))
	for j, h := range header {
		width[j] = len([]rune(h))
	}
	for _, i := range idx {
		for j, c := range rows[i] {
			width[j] = max(width[j], len([]rune(c)))
		}
	}
	var b strings.Builder
	if caption != "" {
		b.WriteString(caption + "\n")
	}
	line := func(cells []string) {
		for j, c := range cells {
			if j > 0 {
				b.WriteString("  ")
			}
			b.WriteString(strings.Repeat(" ", width[j]-len([]rune(c))) + c)
		}
		b.WriteString("\n")
	}
	line(header)
	for k, i := range idx {
		if elided > 0 && k > 0 && idx[k-1] != i-1 {
			fmt.Fprintf(&b, "… %d more rows …\n", elided)
		}
		line(rows[i])
	}
	return b.String()
}
