// Command reproduce executes every notebook in notebooks/ headlessly, writes the executed
// notebooks and their HTML pages into site/ with an index page, and prints a summary table
// (notebook, status, seconds). It exits non-zero when any notebook fails. Run it with
// `make reproduce`.
//
// Usage: go run ./scripts/reproduce [-out site] [-run regexp]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/neurodyn/neurodyn/internal/nbrun"
)

func main() {
	out := flag.String("out", "site", "output directory (relative to the repository root)")
	run := flag.String("run", "", "only notebooks whose name matches this regular expression")
	flag.Parse()
	if err := reproduce(*out, *run); err != nil {
		fmt.Fprintln(os.Stderr, "reproduce:", err)
		os.Exit(1)
	}
}

type row struct {
	name, title, html, status string
	seconds                   float64
	problems                  []string
}

func reproduce(out, filter string) error {
	root, err := nbrun.FindRoot(".")
	if err != nil {
		return err
	}
	env, err := nbrun.NewEnv(root)
	if err != nil {
		return err
	}
	re, err := regexp.Compile(filter)
	if err != nil {
		return fmt.Errorf("-run: %w", err)
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(root, out)
	}
	executedDir := filepath.Join(out, "executed")
	paths, err := filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
	if err != nil {
		return err
	}
	ctx := context.Background()
	var rows []row
	failed := 0
	for _, nb := range paths {
		name := strings.TrimSuffix(filepath.Base(nb), ".ipynb")
		if !re.MatchString(name) {
			continue
		}
		fmt.Printf("▶ %s …\n", name)
		res := env.Execute(ctx, nb, executedDir, 10*time.Minute)
		r := row{name: name, title: title(nb), status: "ok", seconds: res.Elapsed.Seconds(), problems: res.Problems}
		if !res.OK() {
			r.status = "FAILED"
			failed++
			for _, p := range res.Problems {
				fmt.Printf("   %s\n", p)
			}
		}
		if _, statErr := os.Stat(res.Executed); statErr == nil {
			page, err := env.ExportHTML(ctx, res.Executed, out)
			if err != nil {
				r.status, r.problems = "FAILED", append(r.problems, err.Error())
				failed++
			} else {
				r.html = filepath.Base(page)
			}
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return fmt.Errorf("no notebook matches %q", filter)
	}
	if err := writeIndex(filepath.Join(out, "index.html"), rows); err != nil {
		return err
	}
	fmt.Printf("\n%-36s %-7s %8s\n", "notebook", "status", "seconds")
	var total float64
	for _, r := range rows {
		fmt.Printf("%-36s %-7s %8.1f\n", r.name, r.status, r.seconds)
		total += r.seconds
	}
	fmt.Printf("%-36s %-7s %8.1f\n\nsite: %s\n", "total", "", total, filepath.Join(out, "index.html"))
	if failed > 0 {
		return fmt.Errorf("%d notebook(s) failed", failed)
	}
	return nil
}

// title returns the first markdown heading of a notebook (without the leading #s), or "".
func title(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var nb struct {
		Cells []struct {
			CellType string          `json:"cell_type"`
			Source   json.RawMessage `json:"source"`
		} `json:"cells"`
	}
	if json.Unmarshal(b, &nb) != nil {
		return ""
	}
	for _, c := range nb.Cells {
		if c.CellType != "markdown" {
			continue
		}
		var lines []string
		if json.Unmarshal(c.Source, &lines) != nil {
			var s string
			if json.Unmarshal(c.Source, &s) != nil {
				continue
			}
			lines = strings.Split(s, "\n")
		}
		for _, l := range lines {
			if l = strings.TrimSpace(l); strings.HasPrefix(l, "#") {
				return strings.TrimSpace(strings.TrimLeft(l, "#"))
			}
		}
	}
	return ""
}

func writeIndex(path string, rows []row) error {
	var b strings.Builder
	b.WriteString(`<!doctype html><html><head><meta charset="utf-8"><title>neurodyn notebooks</title>
<style>body{font-family:sans-serif;max-width:860px;margin:2em auto;color:#222}table{border-collapse:collapse}
td,th{padding:4px 12px;border-bottom:1px solid #ddd;text-align:left}.FAILED{color:#b00;font-weight:bold}.ok{color:#080}</style>
</head><body><h1>neurodyn notebooks</h1><p>Each notebook reproduces one paper's analyses with neurodyn; executed on `)
	b.WriteString(html.EscapeString(time.Now().UTC().Format("2006-01-02 15:04 MST")))
	b.WriteString(`.</p><table><tr><th>notebook</th><th>topic</th><th>status</th><th>seconds</th><th>executed notebook</th></tr>`)
	for _, r := range rows {
		link := html.EscapeString(r.name)
		if r.html != "" {
			link = fmt.Sprintf(`<a href="%s">%s</a>`, html.EscapeString(r.html), link)
		}
		fmt.Fprintf(&b, `<tr><td>%s</td><td>%s</td><td class="%s">%s</td><td>%.1f</td><td><a href="executed/%s.ipynb">.ipynb</a></td></tr>`,
			link, html.EscapeString(r.title), r.status, r.status, r.seconds, html.EscapeString(r.name))
		if len(r.problems) > 0 {
			fmt.Fprintf(&b, `<tr><td colspan="5"><pre>%s</pre></td></tr>`, html.EscapeString(strings.Join(r.problems, "\n")))
		}
	}
	b.WriteString("</table></body></html>\n")
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
