package matv5

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"unicode/utf16"
	"unicode/utf8"
)

// Data element types (miXXX).
const (
	miINT8       = 1
	miUINT8      = 2
	miINT16      = 3
	miUINT16     = 4
	miINT32      = 5
	miUINT32     = 6
	miSINGLE     = 7
	miDOUBLE     = 9
	miINT64      = 12
	miUINT64     = 13
	miMATRIX     = 14
	miCOMPRESSED = 15
	miUTF8       = 16
	miUTF16      = 17
	miUTF32      = 18
)

var elemSize = map[uint32]int{miINT8: 1, miUINT8: 1, miINT16: 2, miUINT16: 2, miINT32: 4, miUINT32: 4,
	miSINGLE: 4, miDOUBLE: 8, miINT64: 8, miUINT64: 8, miUTF8: 1, miUTF16: 2, miUTF32: 4}

const (
	maxDepth        = 256     // nesting of cells and structs
	maxDecompressed = 1 << 30 // bytes one compressed element may expand to
)

// decoder decodes the elements of one byte buffer: the file, or the
// decompressed contents of one miCOMPRESSED element.
type decoder struct {
	order binary.ByteOrder
	b     []byte
	where string // prefix locating b within the file
	depth int
}

func (d *decoder) errorf(off int, format string, args ...any) error {
	return fmt.Errorf("matv5: %soffset %d: %s", d.where, off, fmt.Sprintf(format, args...))
}

// element is a parsed tag.
type element struct {
	typ       uint32
	off       int // offset of the tag
	data      []byte
	dataOff   int
	next      int // offset after the padded element
	unpadded  int // offset right after the data
	smallData bool
}

func (d *decoder) tag(off int) (element, error) {
	if off+8 > len(d.b) {
		return element{}, d.errorf(off, "data element tag truncated (%d bytes left, want 8)", len(d.b)-off)
	}
	w := d.order.Uint32(d.b[off:])
	if w>>16 != 0 {
		n := int(w >> 16)
		if n > 4 {
			return element{}, d.errorf(off, "small data element claims %d bytes (at most 4)", n)
		}
		return element{typ: w & 0xffff, off: off, data: d.b[off+4 : off+4+n], dataOff: off + 4, next: off + 8, unpadded: off + 8, smallData: true}, nil
	}
	n := int64(d.order.Uint32(d.b[off+4:]))
	start := off + 8
	if n > int64(len(d.b)-start) {
		return element{}, d.errorf(off, "element of type %d claims %d bytes but only %d remain", w, n, len(d.b)-start)
	}
	end := start + int(n)
	next := start + int((n+7)&^7)
	if next > len(d.b) {
		next = len(d.b) // the last element may lack its padding
	}
	return element{typ: w, off: off, data: d.b[start:end], dataOff: start, next: next, unpadded: end}, nil
}

// topLevel decodes the variable at off and returns the offset of the next one.
func (d *decoder) topLevel(off int) (*Array, int, error) {
	e, err := d.tag(off)
	if err != nil {
		return nil, 0, err
	}
	switch e.typ {
	case miMATRIX:
		a, err := d.matrix(e)
		return a, e.next, err
	case miCOMPRESSED:
		zr, err := zlib.NewReader(bytes.NewReader(e.data))
		if err != nil {
			return nil, 0, d.errorf(e.dataOff, "compressed element: %v", err)
		}
		raw, err := inflate(zr, d.order)
		if err != nil {
			return nil, 0, d.errorf(e.dataOff, "compressed element (%d bytes): %v", len(e.data), err)
		}
		in := &decoder{order: d.order, b: raw, where: fmt.Sprintf("%scompressed element at offset %d, inner ", d.where, e.off)}
		ie, err := in.tag(0)
		if err != nil {
			return nil, 0, err
		}
		if ie.typ != miMATRIX {
			return nil, 0, in.errorf(0, "compressed element holds type %d, want miMATRIX (14)", ie.typ)
		}
		a, err := in.matrix(ie)
		return a, e.unpadded, err
	default:
		// Other top-level element types carry no variable; skip them.
		return nil, e.next, nil
	}
}

// inflate reads the one element of a compressed stream, allocating once
// from the size in its tag.
func inflate(zr io.Reader, order binary.ByteOrder) ([]byte, error) {
	var tag [8]byte
	if _, err := io.ReadFull(zr, tag[:]); err != nil {
		return nil, fmt.Errorf("inner tag does not inflate: %v", err)
	}
	n := uint64(0) // a small element fits in its tag
	if order.Uint32(tag[:])>>16 == 0 {
		n = uint64(order.Uint32(tag[4:]))
	}
	if n > maxDecompressed {
		return nil, fmt.Errorf("inner element claims %d bytes (limit %d)", n, maxDecompressed)
	}
	// Allocate up front only what a real file plausibly holds; a larger
	// claim grows the buffer as data actually arrives.
	var buf bytes.Buffer
	buf.Grow(8 + int(min(n, 64<<20)))
	buf.Write(tag[:])
	if k, err := io.CopyN(&buf, zr, int64(n)); err != nil {
		return nil, fmt.Errorf("inflates to %d bytes, its inner tag claims %d: %v", 8+k, 8+n, err)
	}
	return buf.Bytes(), nil
}

// matrix decodes an miMATRIX element.
func (d *decoder) matrix(e element) (*Array, error) {
	if e.typ != miMATRIX {
		return nil, d.errorf(e.off, "element type %d where a matrix (14) is required", e.typ)
	}
	if len(e.data) == 0 {
		return &Array{Class: Double, Dims: []int{0, 0}}, nil // empty [] inside cells and structs
	}
	if d.depth >= maxDepth {
		return nil, d.errorf(e.off, "cells/structs nested deeper than %d", maxDepth)
	}
	d.depth++
	defer func() { d.depth-- }()
	end := e.unpadded
	sub := func(off int) (element, error) {
		if off >= end {
			return element{}, d.errorf(off, "matrix at offset %d ends before all its parts", e.off)
		}
		s, err := d.tag(off)
		if err == nil && s.unpadded > end {
			err = d.errorf(off, "part runs past the end of its matrix (offset %d)", end)
		}
		return s, err
	}
	flags, err := sub(e.dataOff)
	if err != nil {
		return nil, err
	}
	if flags.typ != miUINT32 || len(flags.data) != 8 {
		return nil, d.errorf(flags.off, "array flags: type %d, %d bytes; want miUINT32, 8 bytes", flags.typ, len(flags.data))
	}
	fw := d.order.Uint32(flags.data)
	a := &Array{Class: Class(fw & 0xff), Complex: fw&0x800 != 0, Logical: fw&0x200 != 0}
	dims, err := sub(flags.next)
	if err != nil {
		return nil, err
	}
	if err := d.dims(a, dims); err != nil {
		return nil, err
	}
	name, err := sub(dims.next)
	if err != nil {
		return nil, err
	}
	if name.typ != miINT8 && name.typ != miUINT8 {
		return nil, d.errorf(name.off, "array name has type %d, want miINT8", name.typ)
	}
	a.Name = string(name.data)
	off := name.next
	switch {
	case a.Class.IsNumeric():
		err = d.numeric(a, sub, off)
	case a.Class == Char:
		err = d.chars(a, sub, off)
	case a.Class == Cell:
		a.Cells = make([]*Array, a.Len())
		for k := range a.Cells {
			c, err := sub(off)
			if err != nil {
				return nil, err
			}
			if a.Cells[k], err = d.matrix(c); err != nil {
				return nil, err
			}
			off = c.next
		}
	case a.Class == Struct || a.Class == Object:
		err = d.structure(a, sub, off)
	default:
		err = d.errorf(e.off, "array %q has class %s, which is not supported", a.Name, a.Class)
	}
	if err != nil {
		return nil, err
	}
	return a, nil
}

func (d *decoder) dims(a *Array, e element) error {
	if e.typ != miINT32 || len(e.data) < 8 || len(e.data)%4 != 0 {
		return d.errorf(e.off, "dimensions: type %d, %d bytes; want miINT32, at least 2 values", e.typ, len(e.data))
	}
	a.Dims = make([]int, len(e.data)/4)
	n := int64(1)
	for i := range a.Dims {
		v := int32(d.order.Uint32(e.data[4*i:]))
		if v < 0 {
			return d.errorf(e.dataOff+4*i, "dimension %d is negative (%d)", i, v)
		}
		a.Dims[i] = int(v)
		if a.Class == Sparse {
			continue // only the non-zeros are stored
		}
		if v > 0 && n > math.MaxInt32/int64(v) {
			return d.errorf(e.dataOff, "dimensions %v hold more than 2³¹ elements", a.Dims[:i+1])
		}
		n *= int64(v)
	}
	if int(n) > len(d.b) {
		// Every element takes at least one byte (cells and structs at least
		// eight), so the data cannot hold this many.
		return d.errorf(e.dataOff, "dimensions %v need more elements than the %d-byte input can hold", a.Dims, len(d.b))
	}
	return nil
}

type subFunc func(off int) (element, error)

func (d *decoder) numeric(a *Array, sub subFunc, off int) error {
	re, err := sub(off)
	if err != nil {
		return err
	}
	if a.Real, err = d.values(re, a.Len()); err != nil {
		return err
	}
	if a.Complex {
		im, err := sub(re.next)
		if err != nil {
			return err
		}
		if a.Imag, err = d.values(im, a.Len()); err != nil {
			return err
		}
	}
	return nil
}

// values converts a numeric data element of n values to float64.
func (d *decoder) values(e element, n int) ([]float64, error) {
	sz, ok := elemSize[e.typ]
	if !ok || e.typ == miUTF8 || e.typ == miUTF16 || e.typ == miUTF32 {
		return nil, d.errorf(e.off, "numeric data of type %d is not a number type", e.typ)
	}
	if len(e.data) != n*sz {
		return nil, d.errorf(e.off, "numeric data holds %d bytes, want %d values × %d bytes", len(e.data), n, sz)
	}
	out := make([]float64, n)
	b, o := e.data, d.order
	switch e.typ {
	case miDOUBLE:
		for i := range out {
			out[i] = math.Float64frombits(o.Uint64(b[8*i:]))
		}
	case miSINGLE:
		for i := range out {
			out[i] = float64(math.Float32frombits(o.Uint32(b[4*i:])))
		}
	case miINT8:
		for i := range out {
			out[i] = float64(int8(b[i]))
		}
	case miUINT8:
		for i := range out {
			out[i] = float64(b[i])
		}
	case miINT16:
		for i := range out {
			out[i] = float64(int16(o.Uint16(b[2*i:])))
		}
	case miUINT16:
		for i := range out {
			out[i] = float64(o.Uint16(b[2*i:]))
		}
	case miINT32:
		for i := range out {
			out[i] = float64(int32(o.Uint32(b[4*i:])))
		}
	case miUINT32:
		for i := range out {
			out[i] = float64(o.Uint32(b[4*i:]))
		}
	case miINT64:
		for i := range out {
			out[i] = float64(int64(o.Uint64(b[8*i:])))
		}
	case miUINT64:
		for i := range out {
			out[i] = float64(o.Uint64(b[8*i:]))
		}
	}
	return out, nil
}

func (d *decoder) chars(a *Array, sub subFunc, off int) error {
	e, err := sub(off)
	if err != nil {
		return err
	}
	n := a.Len()
	switch e.typ {
	case miUTF8:
		if !utf8.Valid(e.data) {
			return d.errorf(e.off, "char data is not valid UTF-8")
		}
		a.Chars = []rune(string(e.data))
	case miUINT8, miINT8:
		a.Chars = make([]rune, len(e.data))
		for i, c := range e.data {
			a.Chars[i] = rune(c)
		}
	case miUINT16, miUTF16, miINT16:
		u := make([]uint16, len(e.data)/2)
		for i := range u {
			u[i] = d.order.Uint16(e.data[2*i:])
		}
		a.Chars = utf16.Decode(u)
	case miUTF32, miUINT32, miINT32:
		a.Chars = make([]rune, len(e.data)/4)
		for i := range a.Chars {
			a.Chars[i] = rune(d.order.Uint32(e.data[4*i:]))
		}
	default:
		return d.errorf(e.off, "char data of type %d", e.typ)
	}
	if len(a.Chars) != n {
		return d.errorf(e.off, "char array %q has %d characters, want %d for dimensions %v", a.Name, len(a.Chars), n, a.Dims)
	}
	return nil
}

func (d *decoder) structure(a *Array, sub subFunc, off int) error {
	if a.Class == Object {
		cn, err := sub(off)
		if err != nil {
			return err
		}
		a.ClassName = string(cn.data)
		off = cn.next
	}
	fl, err := sub(off)
	if err != nil {
		return err
	}
	if fl.typ != miINT32 || len(fl.data) != 4 {
		return d.errorf(fl.off, "field name length: type %d, %d bytes; want one miINT32", fl.typ, len(fl.data))
	}
	width := int(int32(d.order.Uint32(fl.data)))
	names, err := sub(fl.next)
	if err != nil {
		return err
	}
	if width <= 0 {
		if len(names.data) != 0 {
			return d.errorf(fl.off, "field name length %d", width)
		}
		width = 1
	}
	if len(names.data)%width != 0 {
		return d.errorf(names.off, "%d bytes of field names are not a multiple of the name length %d", len(names.data), width)
	}
	nf := len(names.data) / width
	a.Fields = make([]string, nf)
	for i := range a.Fields {
		a.Fields[i] = string(bytes.TrimRight(names.data[i*width:(i+1)*width], "\x00"))
	}
	off = names.next
	a.Values = make([][]*Array, a.Len())
	for k := range a.Values {
		a.Values[k] = make([]*Array, nf)
		for f := range a.Values[k] {
			e, err := sub(off)
			if err != nil {
				return err
			}
			v, err := d.matrix(e)
			if err != nil {
				return err
			}
			v.Name = a.Fields[f]
			a.Values[k][f] = v
			off = e.next
		}
	}
	return nil
}
