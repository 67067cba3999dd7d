package kernelext

import (
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/janpfeifer/gonb/gonbui"
)

// InNotebook reports whether the program runs inside a GoNB kernel.
func InNotebook() bool { return gonbui.IsNotebook }

// sink is where output goes outside a notebook.
var sink = struct {
	sync.Mutex
	dir string    // figure directory ("" = default)
	w   io.Writer // text output
	n   int       // figures written so far
}{w: os.Stdout}

// SetOutput directs output produced outside a notebook: figures into dir ("" restores the
// default, $NEURODYN_OUT or <tmp>/neurodyn) and text to w (nil restores os.Stdout).
func SetOutput(dir string, w io.Writer) {
	sink.Lock()
	defer sink.Unlock()
	sink.dir = dir
	if w == nil {
		w = os.Stdout
	}
	sink.w = w
}

// OutputDir returns the directory that receives figures outside a notebook.
func OutputDir() string {
	sink.Lock()
	defer sink.Unlock()
	return outputDirLocked()
}

func outputDirLocked() string {
	if sink.dir != "" {
		return sink.dir
	}
	if d := os.Getenv("NEURODYN_OUT"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "neurodyn")
}

func printText(s string) {
	sink.Lock()
	defer sink.Unlock()
	fmt.Fprint(sink.w, s)
	if !strings.HasSuffix(s, "\n") {
		fmt.Fprintln(sink.w)
	}
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// writeFile stores a figure outside a notebook as <dir>/<NNN>-<name>.<ext> and reports the path.
func writeFile(name, ext string, data []byte) (string, error) {
	sink.Lock()
	defer sink.Unlock()
	dir := outputDirLocked()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("kernelext: output directory: %w", err)
	}
	sink.n++
	name = strings.Trim(unsafeName.ReplaceAllString(name, "-"), "-")
	if name == "" {
		name = "figure"
	}
	path := filepath.Join(dir, fmt.Sprintf("%03d-%s.%s", sink.n, name, ext))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return "", fmt.Errorf("kernelext: %w", err)
	}
	fmt.Fprintf(sink.w, "[figure] %s\n", path)
	return path, nil
}

// showError makes a failure visible in the notebook (a red box) as well as returning it.
func showError(err error) error {
	if err != nil && InNotebook() {
		gonbui.DisplayHTML(`<div style="color:#b00;border:1px solid #b00;padding:4px">` +
			html.EscapeString(err.Error()) + `</div>`)
		flush()
	}
	return err
}

// flush waits until GoNB has received everything displayed so far. Without it, output sent just
// before a cell's program exits can be lost.
func flush() {
	if InNotebook() {
		gonbui.Sync()
	}
}

// Markdown displays markdown (LaTeX between $…$ or $$…$$ passes through to MathJax). Outside a
// notebook it prints the text.
func Markdown(s string) {
	if InNotebook() {
		gonbui.DisplayMarkdown(s)
		flush()
		return
	}
	printText(s)
}

// HTML displays raw HTML in a notebook; outside a notebook it prints it.
func HTML(s string) {
	if InNotebook() {
		gonbui.DisplayHTML(s)
		flush()
		return
	}
	printText(s)
}
