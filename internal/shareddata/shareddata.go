// Package shareddata locates the shared real recordings for tests: the first existing directory
// of NEURODYN_DATA, else ../shared/data beside the repository. Tests fail with instructions when
// the recordings are missing; they never skip silently.
package shareddata

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Dir returns the directory of real recordings: the first existing entry of
// NEURODYN_DATA (colon-separated; relative entries are relative to the repository root), else ../shared/data relative to the
// repository root. It fails the test with instructions when neither exists.
func Dir(t testing.TB) string {
	t.Helper()
	var tried []string
	root, haveRoot := repoRoot()
	if env := os.Getenv("NEURODYN_DATA"); env != "" {
		for _, d := range filepath.SplitList(env) {
			if d == "" {
				continue
			}
			if !filepath.IsAbs(d) && haveRoot {
				d = filepath.Join(root, d) // commands run in the root; tests run in package directories
			}
			if st, err := os.Stat(d); err == nil && st.IsDir() {
				return d
			}
			tried = append(tried, d)
		}
	}
	if haveRoot {
		d := filepath.Join(root, "..", "shared", "data")
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
		tried = append(tried, d)
	}
	t.Fatalf("real recordings not found (looked in %s); set NEURODYN_DATA to the shared data directory, e.g. NEURODYN_DATA=/work/shared/data", strings.Join(tried, ", "))
	return ""
}

// File returns the path of a file under Dir, failing the test if it is absent.
func File(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(Dir(t), rel)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("recording %s missing: %v; set NEURODYN_DATA to the shared data directory", rel, err)
	}
	return p
}

func repoRoot() (string, bool) {
	d, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", false
		}
		d = parent
	}
}
