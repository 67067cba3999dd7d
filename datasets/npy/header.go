package npy

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

var magic = "\x93NUMPY"

// maxHeader bounds the dict length a file may declare.
const maxHeader = 1 << 20

// header is a validated .npy header.
type header struct {
	descr    string
	order    byte // '<', '>' or '|'
	kind     byte // 'b', 'i', 'u', 'f', 'S', 'U'
	size     int  // bytes per element
	fortran  bool
	shape    []int
	nelem    int
	dataOff  int // offset of the first data byte
	dataSize int64
}

// readHeader reads and validates the header. avail is the number of bytes
// after the header if known, or −1.
func readHeader(r io.Reader) (*header, error) {
	pre := make([]byte, 10)
	if n, err := io.ReadFull(r, pre[:8]); err != nil {
		return nil, fmt.Errorf("npy: header truncated at offset %d (want 8 bytes): %w", n, err)
	}
	if string(pre[:6]) != magic {
		return nil, fmt.Errorf("npy: offset 0: magic %q is not \\x93NUMPY; not an .npy file", pre[:6])
	}
	var hlen, off int
	switch pre[6] {
	case 1:
		if _, err := io.ReadFull(r, pre[8:10]); err != nil {
			return nil, fmt.Errorf("npy: header length truncated at offset 8: %w", err)
		}
		hlen, off = int(binary.LittleEndian.Uint16(pre[8:10])), 10
	case 2, 3:
		var b [4]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return nil, fmt.Errorf("npy: header length truncated at offset 8: %w", err)
		}
		hlen, off = int(binary.LittleEndian.Uint32(b[:])), 12
	default:
		return nil, fmt.Errorf("npy: offset 6: unsupported format version %d.%d", pre[6], pre[7])
	}
	if hlen > maxHeader {
		return nil, fmt.Errorf("npy: offset 8: header length %d exceeds %d", hlen, maxHeader)
	}
	dict := make([]byte, hlen)
	if n, err := io.ReadFull(r, dict); err != nil {
		return nil, fmt.Errorf("npy: header dict truncated at offset %d (want %d bytes): %w", off+n, hlen, err)
	}
	h, err := parseDict(string(dict), off)
	if err != nil {
		return nil, err
	}
	h.dataOff = off + hlen
	return h, nil
}

// parseDict parses the Python dict literal of the header.
func parseDict(s string, off int) (*header, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("npy: header dict at offset %d: %s", off, fmt.Sprintf(format, args...))
	}
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(t, "{") || !strings.HasSuffix(t, "}") {
		return nil, bad("not a {...} dict: %.60q", s)
	}
	t = t[1 : len(t)-1]
	h := &header{}
	seen := map[string]bool{}
	for {
		t = strings.TrimLeft(t, " ,")
		if t == "" {
			break
		}
		if t[0] != '\'' && t[0] != '"' {
			return nil, bad("expected a quoted key at %.30q", t)
		}
		end := strings.IndexByte(t[1:], t[0])
		if end < 0 {
			return nil, bad("unterminated key")
		}
		key := t[1 : 1+end]
		t = strings.TrimLeft(t[2+end:], " ")
		if !strings.HasPrefix(t, ":") {
			return nil, bad("expected ':' after key %q", key)
		}
		t = strings.TrimLeft(t[1:], " ")
		var val string
		switch {
		case strings.HasPrefix(t, "("):
			e := strings.IndexByte(t, ')')
			if e < 0 {
				return nil, bad("unterminated tuple for %q", key)
			}
			val, t = t[:e+1], t[e+1:]
		case strings.HasPrefix(t, "'"), strings.HasPrefix(t, "\""):
			e := strings.IndexByte(t[1:], t[0])
			if e < 0 {
				return nil, bad("unterminated string for %q", key)
			}
			val, t = t[:e+2], t[e+2:]
		default:
			e := strings.IndexAny(t, ",")
			if e < 0 {
				e = len(t)
			}
			val, t = strings.TrimSpace(t[:e]), t[e:]
		}
		if seen[key] {
			return nil, bad("duplicate key %q", key)
		}
		seen[key] = true
		switch key {
		case "descr":
			if len(val) < 2 || (val[0] != '\'' && val[0] != '"') {
				return nil, bad("descr %s is not a simple dtype string (structured dtypes are not supported)", val)
			}
			if err := h.setDescr(val[1 : len(val)-1]); err != nil {
				return nil, bad("%v", err)
			}
		case "fortran_order":
			switch val {
			case "True":
				h.fortran = true
			case "False":
			default:
				return nil, bad("fortran_order %q is not True or False", val)
			}
		case "shape":
			if err := h.setShape(val); err != nil {
				return nil, bad("%v", err)
			}
		default:
			return nil, bad("unknown key %q", key)
		}
	}
	for _, k := range []string{"descr", "fortran_order", "shape"} {
		if !seen[k] {
			return nil, bad("missing key %q", k)
		}
	}
	h.dataSize = int64(h.nelem) * int64(h.size)
	return h, nil
}

func (h *header) setDescr(d string) error {
	h.descr = d
	if len(d) < 2 {
		return fmt.Errorf("dtype %q too short", d)
	}
	h.order = d[0]
	rest := d[1:]
	switch h.order {
	case '<', '>', '|':
	case '=':
		h.order = '<' // native order: little-endian on the platforms Go targets here
	default:
		h.order, rest = '|', d
	}
	h.kind = rest[0]
	n, err := strconv.Atoi(rest[1:])
	if err != nil || n <= 0 {
		return fmt.Errorf("dtype %q has no valid size", d)
	}
	switch h.kind {
	case 'b':
		if n != 1 {
			return fmt.Errorf("bool dtype %q must have size 1", d)
		}
	case 'i', 'u':
		if n != 1 && n != 2 && n != 4 && n != 8 {
			return fmt.Errorf("integer dtype %q: size must be 1, 2, 4 or 8", d)
		}
	case 'f':
		if n != 4 && n != 8 {
			return fmt.Errorf("float dtype %q: size must be 4 or 8", d)
		}
	case 'S':
	case 'U':
		if n > math.MaxInt32/4 {
			return fmt.Errorf("string dtype %q too long", d)
		}
		n *= 4
	default:
		return fmt.Errorf("dtype %q is not supported (bool, int, uint, float, S and U strings are)", d)
	}
	if n > 1<<20 {
		return fmt.Errorf("dtype %q: element size %d too large", d, n)
	}
	h.size = n
	return nil
}

// maxElems bounds the element count a header may declare.
const maxElems = 1 << 31

func (h *header) setShape(v string) error {
	if len(v) < 2 || v[0] != '(' || v[len(v)-1] != ')' {
		return fmt.Errorf("shape %q is not a tuple", v)
	}
	h.nelem = 1
	h.shape = []int{}
	for _, tok := range strings.Split(v[1:len(v)-1], ",") {
		tok = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(tok), "L"))
		if tok == "" {
			continue
		}
		n, err := strconv.Atoi(tok)
		if err != nil || n < 0 {
			return fmt.Errorf("shape %q: %q is not a non-negative integer", v, tok)
		}
		if n > 0 && h.nelem > maxElems/n {
			return fmt.Errorf("shape %q: more than %d elements", v, maxElems)
		}
		h.nelem *= n
		h.shape = append(h.shape, n)
	}
	return nil
}
