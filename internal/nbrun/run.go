package nbrun

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Result is one executed notebook.
type Result struct {
	Notebook string        // source path
	Executed string        // executed copy (with outputs)
	Elapsed  time.Duration // wall time of the execution
	Problems []string      // empty when the notebook is clean
	Log      string        // nbconvert's stderr (tail), for diagnosis
}

// OK reports whether the notebook ran cleanly.
func (r Result) OK() bool { return len(r.Problems) == 0 }

// Execute runs a notebook with nbconvert (errors allowed, so every cell runs and every failure is
// recorded) into outDir, then checks the executed copy. cellTimeout bounds each cell.
func (e *Env) Execute(ctx context.Context, notebook, outDir string, cellTimeout time.Duration) Result {
	res := Result{Notebook: notebook, Executed: filepath.Join(outDir, filepath.Base(notebook))}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		res.Problems = []string{err.Error()}
		return res
	}
	cmd := exec.CommandContext(ctx, e.Jupyter, "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
		fmt.Sprintf("--ExecutePreprocessor.timeout=%d", int(cellTimeout.Seconds())),
		"--ExecutePreprocessor.kernel_name=gonb",
		"--output-dir", outDir, notebook)
	cmd.Env = e.Vars
	cmd.Dir = filepath.Dir(notebook)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	res.Elapsed = time.Since(start)
	res.Log = tail(stderr.String(), 4000)
	if err != nil {
		res.Problems = append(res.Problems, fmt.Sprintf("nbconvert failed: %v\n%s", err, res.Log))
		return res
	}
	b, err := os.ReadFile(res.Executed)
	if err != nil {
		res.Problems = append(res.Problems, fmt.Sprintf("nbrun: executed notebook: %v", err))
		return res
	}
	problems, err := Check(b)
	if err != nil {
		res.Problems = append(res.Problems, err.Error())
	}
	res.Problems = append(res.Problems, problems...)
	if e.Data != "" && err == nil {
		// With recordings configured, a section that skipped itself for missing data is a failure.
		skips, _ := DataSkips(b)
		for _, s := range skips {
			res.Problems = append(res.Problems, s+" although NEURODYN_DATA="+e.Data)
		}
	}
	return res
}

// ExportHTML converts an executed notebook to a self-contained HTML page in outDir.
func (e *Env) ExportHTML(ctx context.Context, executed, outDir string) (string, error) {
	cmd := exec.CommandContext(ctx, e.Jupyter, "nbconvert", "--to", "html",
		"--HTMLExporter.mathjax_url=https://cdn.jsdelivr.net/npm/mathjax@2.7.9/MathJax.js?config=TeX-AMS_HTML",
		"--output-dir", outDir, executed)
	cmd.Env = e.Vars
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("nbrun: HTML export of %s: %v\n%s", executed, err, tail(string(out), 2000))
	}
	return filepath.Join(outDir, strings.TrimSuffix(filepath.Base(executed), ".ipynb")+".html"), nil
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
