package datasets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// files lists every regular file under root.
func files(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func testServer(t *testing.T, body map[string][]byte) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := body[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestDownloadVerified(t *testing.T) {
	good := []byte("real recording bytes")
	srv := testServer(t, map[string][]byte{"/good": good, "/bad": []byte("tampered recording!!")})
	root := t.TempDir()
	cache := filepath.Join(root, "cache")
	s := &Store{Dirs: []string{filepath.Join(root, "none")}, Cache: cache, Client: srv.Client()}
	ds := Dataset{Name: "test", Files: []File{
		{Path: "d/good.bin", URL: srv.URL + "/good", Size: int64(len(good)), SHA256: sum(good)},
		{Path: "d/bad.bin", URL: srv.URL + "/bad", Size: int64(len(good)), SHA256: sum(good)},
		{Path: "d/short.bin", URL: srv.URL + "/good", Size: int64(len(good)) + 5, SHA256: sum(good)},
		{Path: "d/missing.bin", URL: srv.URL + "/missing", Size: 3, SHA256: sum([]byte("abc"))},
	}}
	p, err := s.Locate(context.Background(), ds, "d/good.bin")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != string(good) || p != filepath.Join(cache, "d", "good.bin") {
		t.Fatalf("downloaded to %s: %q", p, b)
	}
	for _, name := range []string{"d/bad.bin", "d/short.bin", "d/missing.bin"} {
		_, err := s.Locate(context.Background(), ds, name)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if !strings.Contains(err.Error(), "test") || !strings.Contains(err.Error(), "looked in") {
			t.Errorf("%s: error %q does not name the dataset and where it looked", name, err)
		}
	}
	// Only the verified file exists; no temporary leftovers, and a failed
	// request creates no directories.
	if got := files(t, root); len(got) != 1 || got[0] != p {
		t.Errorf("files after downloads: %v, want only %s", got, p)
	}
	s.Cache = filepath.Join(root, "cache2")
	if _, err := s.Locate(context.Background(), ds, "d/missing.bin"); err == nil {
		t.Error("404 accepted")
	}
	if _, err := os.Stat(s.Cache); err == nil {
		t.Error("a failed download created the cache directory")
	}
	s.Cache = cache
	// A damaged cached copy is replaced by a fresh download.
	os.WriteFile(p, []byte("damaged recording  !"), 0o644)
	if p2, err := s.Locate(context.Background(), ds, "d/good.bin"); err != nil || p2 != p {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != string(good) {
		t.Errorf("damaged cache not refreshed: %q", b)
	}
}

func TestNeverWritesOutsideCache(t *testing.T) {
	payload := []byte("x")
	srv := testServer(t, map[string][]byte{"/x": payload})
	root := t.TempDir()
	cache := filepath.Join(root, "cache")
	s := &Store{Cache: cache, Client: srv.Client()}
	for _, path := range []string{"../escape.bin", "a/../../escape.bin", "/tmp/abs.bin", ""} {
		ds := Dataset{Name: "evil", Files: []File{{Path: path, URL: srv.URL + "/x", Size: 1, SHA256: sum(payload)}}}
		if _, err := s.Locate(context.Background(), ds, path); err == nil {
			t.Errorf("path %q accepted", path)
		}
	}
	if got := files(t, root); len(got) != 0 {
		t.Errorf("files written: %v", got)
	}
	if _, err := os.Stat("/tmp/abs.bin"); err == nil {
		t.Error("wrote /tmp/abs.bin")
	}
}

func TestLocalDirsFirst(t *testing.T) {
	dir := t.TempDir()
	body := []byte("local copy")
	os.MkdirAll(filepath.Join(dir, "d"), 0o755)
	os.WriteFile(filepath.Join(dir, "d", "f.bin"), body, 0o644)
	s := &Store{Dirs: []string{t.TempDir(), dir}} // no cache: downloads impossible
	ds := Dataset{Name: "local", Files: []File{{Path: "d/f.bin", URL: "http://127.0.0.1:1/never", Size: int64(len(body)), SHA256: sum(body)}}}
	p, err := s.Locate(context.Background(), ds, "d/f.bin")
	if err != nil || p != filepath.Join(dir, "d", "f.bin") {
		t.Fatalf("%s, %v", p, err)
	}
	ds.Files[0].Size++
	if _, err := s.Locate(context.Background(), ds, "d/f.bin"); err == nil || !strings.Contains(err.Error(), "bytes") {
		t.Errorf("size mismatch: %v", err)
	}
}

func TestMissingFileMessage(t *testing.T) {
	s := &Store{Dirs: []string{"/nonexistent/a", "/nonexistent/b"}}
	_, err := s.SMCTeacher(context.Background(), "osc_rnn")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"smc-rnns-teachers", "/nonexistent/a", "/nonexistent/b", "NEURODYN_DATA", "no download source"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if _, err := s.SMCTeacher(context.Background(), "nope"); err == nil || !strings.Contains(err.Error(), "osc_rnn") {
		t.Errorf("unknown teacher: %v", err)
	}
}

// TestCatalog checks that every registered file has a relative path, a
// size and a well-formed checksum, and that URLs point at the official
// hosts.
func TestCatalog(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range Catalog() {
		if d.Name == "" || d.Source == "" || d.License == "" || d.Citation == "" {
			t.Errorf("dataset %+v lacks name, source, licence or citation", d.Name)
		}
		for _, f := range d.Files {
			if seen[f.Path] || !filepath.IsLocal(f.Path) || f.Size <= 0 || len(f.SHA256) != 64 {
				t.Errorf("%s: bad entry %+v", d.Name, f)
			}
			seen[f.Path] = true
			if f.URL != "" && !strings.HasPrefix(f.URL, "https://physionet.org/") && !strings.HasPrefix(f.URL, "https://raw.githubusercontent.com/") {
				t.Errorf("%s: unexpected host in %s", d.Name, f.URL)
			}
		}
	}
}
