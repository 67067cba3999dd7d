package matv5

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"strings"
)

// ErrV73 is returned for MAT v7.3 (HDF5) files.
var ErrV73 = errors.New("matv5: this is a MAT v7.3 file (an HDF5 container), which this reader does not support; re-save it in MATLAB with save(name, '-v7') or read it with an HDF5 library")

// File is a decoded MAT-file.
type File struct {
	Header string // descriptive text of the header
	Vars   []*Array
}

// Var returns the named top-level variable.
func (f *File) Var(name string) (*Array, error) {
	names := make([]string, len(f.Vars))
	for i, v := range f.Vars {
		if v.Name == name {
			return v, nil
		}
		names[i] = v.Name
	}
	return nil, fmt.Errorf("matv5: no variable %q (have %s)", name, strings.Join(names, ", "))
}

// Open reads the named MAT-file.
func Open(name string) (*File, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	f, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}

var hdf5Magic = []byte("\x89HDF\r\n\x1a\n")

// Parse decodes a MAT-file held in memory.
func Parse(b []byte) (*File, error) {
	if len(b) >= 520 && bytes.Equal(b[512:520], hdf5Magic) || bytes.HasPrefix(b, hdf5Magic) {
		return nil, ErrV73
	}
	if len(b) < 128 {
		return nil, fmt.Errorf("matv5: header truncated: %d bytes, want 128 (offset %d)", len(b), len(b))
	}
	text := strings.TrimRight(string(b[:116]), " \x00")
	if strings.Contains(text, "MATLAB 7.3 MAT-file") {
		return nil, ErrV73
	}
	if !strings.HasPrefix(text, "MATLAB 5.0 MAT-file") {
		if strings.HasPrefix(text, "MATLAB") {
			return nil, fmt.Errorf("matv5: offset 0: header %.40q is not a level-5 MAT-file", text)
		}
		// Level 4 files have no text header; report what we found.
		return nil, fmt.Errorf("matv5: offset 0: no \"MATLAB 5.0 MAT-file\" header (MAT v4 files are not supported)")
	}
	d := &decoder{b: b}
	switch string(b[126:128]) {
	case "IM":
		d.order = binary.LittleEndian
	case "MI":
		d.order = binary.BigEndian
	default:
		return nil, fmt.Errorf("matv5: offset 126: endian indicator %q is neither IM nor MI", b[126:128])
	}
	if v := d.order.Uint16(b[124:]); v != 0x0100 {
		return nil, fmt.Errorf("matv5: offset 124: version %#04x, want 0x0100", v)
	}
	f := &File{Header: text}
	for off := 128; off < len(b); {
		v, next, err := d.topLevel(off)
		if err != nil {
			return nil, err
		}
		if v != nil {
			f.Vars = append(f.Vars, v)
		}
		off = next
	}
	return f, nil
}
