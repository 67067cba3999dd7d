package npy

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
)

// NPZ is a decoded .npz archive.
type NPZ struct {
	Keys   []string // array names in archive order
	Arrays map[string]*Array
}

// Get returns the named array or an error listing the available names.
func (z *NPZ) Get(name string) (*Array, error) {
	a, ok := z.Arrays[name]
	if !ok {
		return nil, fmt.Errorf("npz: no array %q (have %s)", name, strings.Join(z.Keys, ", "))
	}
	return a, nil
}

// ReadNPZFile reads the named .npz archive.
func ReadNPZFile(name string) (*NPZ, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	z, err := ReadNPZ(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return z, nil
}

// ReadNPZ reads an .npz archive (compressed or not) of the given size.
func ReadNPZ(r io.ReaderAt, size int64) (*NPZ, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("npz: not a zip archive: %w", err)
	}
	z := &NPZ{Arrays: map[string]*Array{}}
	for _, f := range zr.File {
		name := strings.TrimSuffix(f.Name, ".npy")
		off, _ := f.DataOffset()
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("npz: member %q at offset %d: %w", f.Name, off, err)
		}
		a, err := Read(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("npz: member %q (data at archive offset %d): %w", f.Name, off, err)
		}
		if _, dup := z.Arrays[name]; dup {
			return nil, fmt.Errorf("npz: member %q appears twice", f.Name)
		}
		a.Name = name
		z.Keys = append(z.Keys, name)
		z.Arrays[name] = a
	}
	return z, nil
}
