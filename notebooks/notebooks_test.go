package notebooks

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/neurodyn/neurodyn/internal/nbrun"
)

// cellTimeout bounds one cell; a notebook's whole budget is 5 minutes on 2 cores.
const cellTimeout = 10 * time.Minute

func env(t *testing.T) *nbrun.Env {
	t.Helper()
	root, err := nbrun.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	e, err := nbrun.NewEnv(root)
	if err != nil {
		t.Fatalf("the notebook suite cannot run: %v", err)
	}
	return e
}

// outDir is where executed notebooks go: $NEURODYN_NOTEBOOK_OUT to keep them, else a temp dir.
func outDir(t *testing.T) string {
	if d := os.Getenv("NEURODYN_NOTEBOOK_OUT"); d != "" {
		return d
	}
	return t.TempDir()
}

// TestNotebooks executes every notebook; each is a subtest (go test -run 'TestNotebooks/02-').
func TestNotebooks(t *testing.T) {
	e := env(t)
	paths, err := filepath.Glob(filepath.Join(e.Root, "notebooks", "*.ipynb"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no notebooks found (%v)", err)
	}
	out := outDir(t)
	for _, nb := range paths {
		name := strings.TrimSuffix(filepath.Base(nb), ".ipynb")
		t.Run(name, func(t *testing.T) {
			res := e.Execute(context.Background(), nb, out, cellTimeout)
			t.Logf("%s: %.1f s", name, res.Elapsed.Seconds())
			for _, p := range res.Problems {
				t.Error(p)
			}
		})
	}
}

// TestCheckerCatchesBrokenNotebooks runs the small notebooks in testdata: the good one must pass
// and every broken one must be flagged for its own fault.
func TestCheckerCatchesBrokenNotebooks(t *testing.T) {
	e := env(t)
	cases := map[string]string{
		"good":          "",
		"panic":         "error",
		"compile_error": "error",
		"shell_failure": "shell command failed",
		"no_figure":     "no figure",
	}
	out := t.TempDir()
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			res := e.Execute(context.Background(), filepath.Join(e.Root, "notebooks", "testdata", name+".ipynb"), out, cellTimeout)
			if want == "" {
				if !res.OK() {
					t.Fatalf("clean notebook flagged: %q", res.Problems)
				}
				return
			}
			if res.OK() {
				t.Fatalf("broken notebook %s passed the checker", name)
			}
			found := false
			for _, p := range res.Problems {
				found = found || strings.Contains(p, want)
			}
			if !found {
				t.Fatalf("problems %q do not mention %q", res.Problems, want)
			}
		})
	}
}
