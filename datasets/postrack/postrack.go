package postrack

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

// Field is one column of the binary records.
type Field struct {
	Name string
	Type string // uint8, int8, uint16, int16, uint32, int32, uint64, int64, single, double
	size int
}

// Track is a decoded position-tracking file.
type Track struct {
	Settings  map[string]string // settings block, key → value
	ClockRate float64           // ticks per second
	Fields    []Field
	// Columns holds each field's values in record order; the time field is
	// converted to seconds.
	Columns map[string][]float64
	// TimeField names the time column ("time").
	TimeField string
}

// Len returns the number of records.
func (t *Track) Len() int { return len(t.Columns[t.TimeField]) }

// Monotonic reports whether the time stamps strictly increase; it returns
// the index of the first record that does not, or −1.
func (t *Track) Monotonic() int {
	ts := t.Columns[t.TimeField]
	for i := 1; i < len(ts); i++ {
		if ts[i] <= ts[i-1] {
			return i
		}
	}
	return -1
}

var typeSize = map[string]int{"uint8": 1, "int8": 1, "uint16": 2, "int16": 2, "uint32": 4, "int32": 4,
	"uint64": 8, "int64": 8, "single": 4, "float": 4, "double": 8}

const (
	startTag = "<Start settings>"
	endTag   = "<End settings>\n"
)

// Open reads the named file.
func Open(name string) (*Track, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	t, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return t, nil
}

// Parse decodes a file held in memory.
func Parse(b []byte) (*Track, error) {
	if !bytes.HasPrefix(b, []byte(startTag)) {
		return nil, fmt.Errorf("postrack: offset 0: missing %q", startTag)
	}
	end := bytes.Index(b, []byte(endTag))
	if end < 0 {
		return nil, fmt.Errorf("postrack: no %q line before the end of the input (offset %d)", strings.TrimSpace(endTag), len(b))
	}
	t := &Track{Settings: map[string]string{}, Columns: map[string][]float64{}}
	off := 0
	for _, line := range strings.Split(string(b[:end]), "\n") {
		lineOff := off
		off += len(line) + 1
		if line == startTag || line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("postrack: offset %d: settings line %q has no ':'", lineOff, line)
		}
		t.Settings[strings.TrimSpace(k)] = strings.TrimSpace(v)
		if strings.TrimSpace(k) == "Fields" {
			if len(t.Fields) > 0 {
				return nil, fmt.Errorf("postrack: offset %d: second Fields line", lineOff)
			}
			if err := t.parseFields(v, lineOff); err != nil {
				return nil, err
			}
		}
	}
	if len(t.Fields) == 0 {
		return nil, fmt.Errorf("postrack: settings block (offsets 0–%d) has no Fields line", end)
	}
	cr, err := strconv.ParseFloat(t.Settings["clockrate"], 64)
	if err != nil || cr <= 0 || math.IsInf(cr, 0) {
		return nil, fmt.Errorf("postrack: settings block: clockrate %q is not a positive number", t.Settings["clockrate"])
	}
	t.ClockRate = cr
	t.TimeField = t.Fields[0].Name
	for _, f := range t.Fields {
		if f.Name == "time" {
			t.TimeField = "time"
		}
	}
	return t, t.decode(b, end+len(endTag))
}

func (t *Track) parseFields(v string, off int) error {
	seen := map[string]bool{}
	for _, item := range strings.Split(v, ">") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, typ, ok := strings.Cut(strings.TrimPrefix(item, "<"), " ")
		size, known := typeSize[strings.TrimSpace(typ)]
		if !ok || !known || name == "" {
			return fmt.Errorf("postrack: offset %d: field %q is not <name type> with a known type", off, item)
		}
		if seen[name] {
			return fmt.Errorf("postrack: offset %d: field %q listed twice", off, name)
		}
		seen[name] = true
		t.Fields = append(t.Fields, Field{Name: name, Type: strings.TrimSpace(typ), size: size})
	}
	return nil
}

func (t *Track) decode(b []byte, start int) error {
	rec := 0
	for _, f := range t.Fields {
		rec += f.size
	}
	data := b[start:]
	if len(data)%rec != 0 {
		n := len(data) / rec
		return fmt.Errorf("postrack: record %d at offset %d is truncated: %d of %d bytes", n, start+n*rec, len(data)%rec, rec)
	}
	n := len(data) / rec
	pos := 0
	for _, f := range t.Fields {
		col := make([]float64, n)
		for i := range col {
			col[i] = value(data[i*rec+pos:], f.Type)
		}
		if f.Name == t.TimeField {
			for i := range col {
				col[i] /= t.ClockRate
			}
		}
		t.Columns[f.Name] = col
		pos += f.size
	}
	return nil
}

func value(b []byte, typ string) float64 {
	le := binary.LittleEndian
	switch typ {
	case "uint8":
		return float64(b[0])
	case "int8":
		return float64(int8(b[0]))
	case "uint16":
		return float64(le.Uint16(b))
	case "int16":
		return float64(int16(le.Uint16(b)))
	case "uint32":
		return float64(le.Uint32(b))
	case "int32":
		return float64(int32(le.Uint32(b)))
	case "uint64":
		return float64(le.Uint64(b))
	case "int64":
		return float64(int64(le.Uint64(b)))
	case "single", "float":
		return float64(math.Float32frombits(le.Uint32(b)))
	default:
		return math.Float64frombits(le.Uint64(b))
	}
}
