package datasets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// Store finds dataset files: first in Dirs, then in Cache, then by
// downloading from the official URL into Cache.
type Store struct {
	// Dirs are searched in order (DefaultStore takes them from the
	// colon-separated NEURODYN_DATA variable).
	Dirs []string
	// Cache receives downloads; empty disables downloading.
	Cache string
	// Client performs downloads; nil means http.DefaultClient.
	Client *http.Client
}

// DefaultStore searches the NEURODYN_DATA directories and caches downloads
// in os.UserCacheDir()/neurodyn.
func DefaultStore() *Store {
	s := &Store{}
	for _, d := range filepath.SplitList(os.Getenv("NEURODYN_DATA")) {
		if d != "" {
			s.Dirs = append(s.Dirs, d)
		}
	}
	if c, err := os.UserCacheDir(); err == nil {
		s.Cache = filepath.Join(c, "neurodyn")
	}
	return s
}

// Path returns a local path of the named file of dataset name, downloading
// it if needed.
func (s *Store) Path(ctx context.Context, name, file string) (string, error) {
	ds, err := Lookup(name)
	if err != nil {
		return "", err
	}
	return s.Locate(ctx, ds, file)
}

// Locate returns a local path of file (a registered path of ds). A file
// found in Dirs or Cache must have the registered size; a cached file must
// also match its SHA-256 (a mismatching cached file is deleted and fetched
// again). A download is written to a temporary file in the cache directory,
// checked against size and SHA-256, and renamed into place; on a mismatch
// nothing is kept.
func (s *Store) Locate(ctx context.Context, ds Dataset, file string) (string, error) {
	return s.locate(ctx, ds, file, true)
}

// locate is Locate with downloading optional.
func (s *Store) locate(ctx context.Context, ds Dataset, file string, download bool) (string, error) {
	f, err := ds.File(file)
	if err != nil {
		return "", err
	}
	if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
		return "", fmt.Errorf("datasets: dataset %q file path %q is not a relative path inside a data directory", ds.Name, f.Path)
	}
	rel := filepath.FromSlash(f.Path)
	var looked []string
	for _, d := range s.Dirs {
		p := filepath.Join(d, rel)
		looked = append(looked, p)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			if f.Size > 0 && st.Size() != f.Size {
				return "", fmt.Errorf("datasets: dataset %q: %s has %d bytes, the registered file has %d (a different version or a damaged copy)", ds.Name, p, st.Size(), f.Size)
			}
			return p, nil
		}
	}
	if s.Cache != "" {
		p := filepath.Join(s.Cache, rel)
		looked = append(looked, p)
		if ok, err := cached(p, f); err != nil {
			return "", err
		} else if ok {
			return p, nil
		}
	}
	where := "nowhere (NEURODYN_DATA is empty and there is no cache directory)"
	if len(looked) > 0 {
		where = strings.Join(looked, ", ")
	}
	if f.URL == "" || s.Cache == "" || !download {
		how := "set NEURODYN_DATA to a directory holding " + f.Path
		if f.URL == "" {
			how += "; this file has no download source"
			if ds.Note != "" {
				how += " (" + ds.Note + ")"
			}
		} else {
			how += " or download " + f.URL
		}
		return "", fmt.Errorf("datasets: dataset %q (%s): file %s not found; looked in %s; %s", ds.Name, ds.Title, f.Path, where, how)
	}
	p := filepath.Join(s.Cache, rel)
	if err := s.download(ctx, f, p); err != nil {
		return "", fmt.Errorf("datasets: dataset %q: file %s not found locally (looked in %s) and the download failed: %w", ds.Name, f.Path, where, err)
	}
	return p, nil
}

// cached reports whether p holds the registered file; a damaged cached copy
// is removed.
func cached(p string, f File) (bool, error) {
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if st.Size() == f.Size {
		sum, err := fileSHA256(p)
		if err != nil {
			return false, err
		}
		if sum == f.SHA256 {
			return true, nil
		}
	}
	return false, os.Remove(p)
}

func fileSHA256(p string) (string, error) {
	fh, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer fh.Close()
	h := sha256.New()
	if _, err := io.Copy(h, fh); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// download fetches f.URL into dst atomically, verifying size and SHA-256.
func (s *Store) download(ctx context.Context, f File, dst string) (err error) {
	if f.SHA256 == "" || f.Size <= 0 {
		return fmt.Errorf("no checksum registered for %s; refusing to download unverified data", f.URL)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.URL, nil)
	if err != nil {
		return err
	}
	client := s.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", f.URL, resp.Status)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".download-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(resp.Body, f.Size+1))
	if err != nil {
		return fmt.Errorf("GET %s: %w", f.URL, err)
	}
	if n != f.Size {
		return fmt.Errorf("GET %s: received %d bytes, the registered file has %d; nothing kept", f.URL, n, f.Size)
	}
	if sum := hex.EncodeToString(h.Sum(nil)); sum != f.SHA256 {
		return fmt.Errorf("GET %s: SHA-256 %s does not match the registered %s; nothing kept", f.URL, sum, f.SHA256)
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}
