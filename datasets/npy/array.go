package npy

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/sbinet/npyio/npy"
	"gonum.org/v1/gonum/mat"
)

// Array is one decoded NumPy array.
type Array struct {
	Name    string // key in an .npz archive; empty for a lone .npy file
	Dtype   string // NumPy dtype string as stored, e.g. "<f4"
	Shape   []int  // empty for a scalar
	Fortran bool   // the file stored the elements in Fortran order
	// Data holds numeric and bool elements converted to float64, in C
	// (row-major) order whatever the file order.
	Data []float64
	// Strings holds the elements of S and U arrays, in C order.
	Strings []string
}

// ReadFile reads the named .npy file.
func ReadFile(name string) (*Array, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	a, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return a, nil
}

// Read reads one .npy array from r.
func Read(r io.Reader) (*Array, error) {
	h, err := readHeader(r)
	if err != nil {
		return nil, err
	}
	// Read incrementally so that a header claiming a huge array cannot make
	// us allocate more than the input actually holds.
	data, err := io.ReadAll(io.LimitReader(r, h.dataSize))
	if err != nil {
		return nil, fmt.Errorf("npy: reading data at offset %d: %w", h.dataOff, err)
	}
	if int64(len(data)) < h.dataSize {
		return nil, fmt.Errorf("npy: data truncated: %s array of shape %v needs %d bytes from offset %d, input ends at offset %d",
			h.descr, h.shape, h.dataSize, h.dataOff, h.dataOff+len(data))
	}
	return decode(h, data)
}

// decode hands the validated numeric data to npyio with a canonical flat
// header and converts the result; strings are decoded here.
func decode(h *header, data []byte) (*Array, error) {
	a := &Array{Dtype: h.descr, Shape: h.shape, Fortran: h.fortran}
	if h.kind == 'S' || h.kind == 'U' {
		s, err := decodeStrings(h, data)
		if err != nil {
			return nil, err
		}
		a.Strings = toC(s, h.shape, h.fortran)
		return a, nil
	}
	descr := canonical(h)
	var hdr bytes.Buffer
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': (%d,), }", descr, h.nelem)
	for (10+len(dict)+1)%64 != 0 {
		dict += " "
	}
	hdr.WriteString(magic)
	hdr.Write([]byte{1, 0, byte((len(dict) + 1) & 0xff), byte((len(dict) + 1) >> 8)})
	hdr.WriteString(dict + "\n")
	rd, err := npy.NewReader(io.MultiReader(&hdr, bytes.NewReader(data)))
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	v, err := readFloats(rd, h)
	if err != nil {
		return nil, fmt.Errorf("npy: decoding %s data at offset %d: %w", h.descr, h.dataOff, err)
	}
	a.Data = toC(v, h.shape, h.fortran)
	return a, nil
}

// decodeStrings decodes S (bytes, NUL-padded) and U (UTF-32) elements.
func decodeStrings(h *header, data []byte) ([]string, error) {
	out := make([]string, h.nelem)
	var order binary.ByteOrder = binary.LittleEndian
	if h.order == '>' {
		order = binary.BigEndian
	}
	for i := range out {
		e := data[i*h.size : (i+1)*h.size]
		if h.kind == 'S' {
			out[i] = string(bytes.TrimRight(e, "\x00"))
			continue
		}
		var sb strings.Builder
		for j := 0; j < len(e); j += 4 {
			r := order.Uint32(e[j:])
			if r == 0 {
				break
			}
			if r > utf8.MaxRune {
				return nil, fmt.Errorf("npy: element %d at offset %d: invalid code point %#x", i, h.dataOff+i*h.size+j, r)
			}
			sb.WriteRune(rune(r))
		}
		out[i] = sb.String()
	}
	return out, nil
}

func canonical(h *header) string {
	if h.kind == 'b' {
		return "|b1"
	}
	o := h.order
	if h.size == 1 {
		o = '|'
	}
	return fmt.Sprintf("%c%c%d", o, h.kind, h.size)
}

// readFloats decodes numeric elements with npyio and converts them.
func readFloats(rd *npy.Reader, h *header) ([]float64, error) {
	switch {
	case h.kind == 'f' && h.size == 8:
		v := make([]float64, h.nelem)
		return v, rd.Read(&v)
	case h.kind == 'f':
		return readConv[float32](rd, h.nelem)
	case h.kind == 'b':
		v := make([]bool, h.nelem)
		if err := rd.Read(&v); err != nil {
			return nil, err
		}
		out := make([]float64, len(v))
		for i, b := range v {
			if b {
				out[i] = 1
			}
		}
		return out, nil
	case h.kind == 'i' && h.size == 1:
		return readConv[int8](rd, h.nelem)
	case h.kind == 'i' && h.size == 2:
		return readConv[int16](rd, h.nelem)
	case h.kind == 'i' && h.size == 4:
		return readConv[int32](rd, h.nelem)
	case h.kind == 'i':
		return readConv[int64](rd, h.nelem)
	case h.size == 1:
		return readConv[uint8](rd, h.nelem)
	case h.size == 2:
		return readConv[uint16](rd, h.nelem)
	case h.size == 4:
		return readConv[uint32](rd, h.nelem)
	default:
		return readConv[uint64](rd, h.nelem)
	}
}

func readConv[T int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64 | float32](rd *npy.Reader, n int) ([]float64, error) {
	v := make([]T, n)
	if err := rd.Read(&v); err != nil {
		return nil, err
	}
	out := make([]float64, n)
	for i, x := range v {
		out[i] = float64(x)
	}
	return out, nil
}

// toC reorders Fortran-ordered elements into C order.
func toC[T any](v []T, shape []int, fortran bool) []T {
	if !fortran || len(shape) < 2 {
		return v
	}
	out := make([]T, len(v))
	idx := make([]int, len(shape))
	for f := range v {
		// f is the Fortran flat index of idx; compute its C index.
		c := 0
		for j := range shape {
			c = c*shape[j] + idx[j]
		}
		out[c] = v[f]
		for j := 0; j < len(shape); j++ { // Fortran order: first index fastest
			idx[j]++
			if idx[j] < shape[j] {
				break
			}
			idx[j] = 0
		}
	}
	return out
}

// Len returns the number of elements.
func (a *Array) Len() int {
	if a.Strings != nil {
		return len(a.Strings)
	}
	return len(a.Data)
}

// Scalar returns the value of a one-element numeric array.
func (a *Array) Scalar() (float64, error) {
	if a.Data == nil || len(a.Data) != 1 {
		return 0, fmt.Errorf("npy: array %q of dtype %s and shape %v is not a numeric scalar", a.Name, a.Dtype, a.Shape)
	}
	return a.Data[0], nil
}

// String returns the value of a one-element string array.
func (a *Array) String() (string, error) {
	if len(a.Strings) != 1 {
		return "", fmt.Errorf("npy: array %q of dtype %s and shape %v is not a string scalar", a.Name, a.Dtype, a.Shape)
	}
	return a.Strings[0], nil
}

// Dense returns a 0-, 1- or 2-D numeric array as a matrix: a scalar is 1×1,
// a vector of length n is n×1, an (r, c) array is r×c.
func (a *Array) Dense() (*mat.Dense, error) {
	if a.Data == nil {
		return nil, fmt.Errorf("npy: array %q of dtype %s is not numeric", a.Name, a.Dtype)
	}
	r, c := 1, 1
	switch len(a.Shape) {
	case 0:
	case 1:
		r = a.Shape[0]
	case 2:
		r, c = a.Shape[0], a.Shape[1]
	default:
		return nil, fmt.Errorf("npy: array %q has %d dimensions %v; use Slices for 3-D arrays", a.Name, len(a.Shape), a.Shape)
	}
	if r == 0 || c == 0 {
		return nil, fmt.Errorf("npy: array %q of shape %v is empty", a.Name, a.Shape)
	}
	return mat.NewDense(r, c, append([]float64(nil), a.Data...)), nil
}

// Slices splits a 3-D numeric array of shape (k, r, c) into k matrices r×c,
// e.g. trials × time bins × neurons into one matrix per trial.
func (a *Array) Slices() ([]*mat.Dense, error) {
	if a.Data == nil || len(a.Shape) != 3 {
		return nil, fmt.Errorf("npy: array %q of dtype %s and shape %v is not a 3-D numeric array", a.Name, a.Dtype, a.Shape)
	}
	k, r, c := a.Shape[0], a.Shape[1], a.Shape[2]
	if r == 0 || c == 0 {
		return nil, fmt.Errorf("npy: array %q of shape %v has empty slices", a.Name, a.Shape)
	}
	out := make([]*mat.Dense, k)
	for i := range out {
		out[i] = mat.NewDense(r, c, append([]float64(nil), a.Data[i*r*c:(i+1)*r*c]...))
	}
	return out, nil
}
