package kernelext

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Every GoNB cell runs as a new program: functions and types persist from cell to cell, values do
// not. Memo carries expensive results (a fitted model, a long simulation) from the cell that
// computes them to the cells that plot them.

var memory = struct {
	sync.Mutex
	values map[string][]byte
}{values: map[string][]byte{}}

func memoPath(key string) string {
	dir := os.Getenv("GONB_TMP_DIR")
	if dir == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(dir, "neurodyn-memo", hex.EncodeToString(sum[:12])+".gob")
}

// Memo returns the value stored under key, computing and storing it on first use. In a notebook
// the store is the kernel's scratch directory ($GONB_TMP_DIR): later cells of the same session
// reuse the value, and it disappears when the kernel stops. Outside a notebook it lives in
// memory for the life of the process. Values travel through encoding/gob, so T must be
// gob-encodable (exported fields; gonum matrices are). Put every parameter of the computation in
// the key, or call Forget after changing it.
func Memo[T any](key string, compute func() (T, error)) (T, error) {
	var zero T
	if b, ok := loadMemo(key); ok {
		var v T
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&v); err == nil {
			return v, nil
		}
	}
	v, err := compute()
	if err != nil {
		return zero, err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return zero, fmt.Errorf("kernelext.Memo(%q): cannot store the value: %w", key, err)
	}
	if err := storeMemo(key, buf.Bytes()); err != nil {
		return zero, err
	}
	return v, nil
}

// Forget drops the value stored under key.
func Forget(key string) {
	if p := memoPath(key); p != "" {
		os.Remove(p)
		return
	}
	memory.Lock()
	delete(memory.values, key)
	memory.Unlock()
}

func loadMemo(key string) ([]byte, bool) {
	if p := memoPath(key); p != "" {
		b, err := os.ReadFile(p)
		return b, err == nil
	}
	memory.Lock()
	defer memory.Unlock()
	b, ok := memory.values[key]
	return b, ok
}

func storeMemo(key string, b []byte) error {
	if p := memoPath(key); p != "" {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("kernelext.Memo(%q): %w", key, err)
		}
		tmp := p + ".tmp"
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			return fmt.Errorf("kernelext.Memo(%q): %w", key, err)
		}
		return os.Rename(tmp, p)
	}
	memory.Lock()
	memory.values[key] = b
	memory.Unlock()
	return nil
}
