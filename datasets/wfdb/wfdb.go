package wfdb

import (
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Annotation codes used by the reader.
const (
	CodeNote = 22
	codeSkip = 59
	codeNum  = 60
	codeSub  = 61
	codeChan = 62
	codeAux  = 63
)

// Annotation is one WFDB annotation.
type Annotation struct {
	Sample  int64 // time in samples from the start of the record
	Code    int   // annotation type (A)
	Num     int
	Sub     int
	Channel int
	Aux     string
}

// File is a decoded annotation file.
type File struct {
	// Resolution is the sampling frequency in Hz given by a
	// "## time resolution" note, or 0 when the file does not state it.
	Resolution  float64
	Annotations []Annotation
}

// Open reads the named annotation file.
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

// Parse decodes an annotation file held in memory.
func Parse(b []byte) (*File, error) {
	f := &File{}
	var t int64
	var num, sub, ch int
	last := func(off int, what string) (*Annotation, error) {
		if len(f.Annotations) == 0 {
			return nil, fmt.Errorf("wfdb: %s at offset %d precedes any annotation", what, off)
		}
		return &f.Annotations[len(f.Annotations)-1], nil
	}
	for off := 0; ; {
		if off+2 > len(b) {
			if off == len(b) {
				return f, nil // end of file without the optional 0 word
			}
			return nil, fmt.Errorf("wfdb: truncated annotation word at offset %d", off)
		}
		w := binary.LittleEndian.Uint16(b[off:])
		a, i := int(w>>10), int(w&0x3FF)
		at := off
		off += 2
		switch {
		case a == 0 && i == 0:
			return f, nil
		case a == codeSkip:
			if off+4 > len(b) {
				return nil, fmt.Errorf("wfdb: SKIP at offset %d is truncated", at)
			}
			hi := uint32(binary.LittleEndian.Uint16(b[off:]))
			lo := uint32(binary.LittleEndian.Uint16(b[off+2:]))
			t += int64(int32(hi<<16 | lo))
			off += 4
		case a == codeNum, a == codeSub, a == codeChan:
			p, err := last(at, "NUM/SUB/CHN")
			if err != nil {
				return nil, err
			}
			switch a {
			case codeNum:
				num, p.Num = i, i
			case codeSub:
				sub, p.Sub = i, i
			default:
				ch, p.Channel = i, i
			}
		case a == codeAux:
			if off+i > len(b) {
				return nil, fmt.Errorf("wfdb: AUX of %d bytes at offset %d runs past the end (%d bytes)", i, at, len(b))
			}
			p, err := last(at, "AUX")
			if err != nil {
				return nil, err
			}
			p.Aux = strings.TrimRight(string(b[off:off+i]), "\x00")
			if r, ok := strings.CutPrefix(p.Aux, "## time resolution:"); ok {
				v, err := strconv.ParseFloat(strings.TrimSpace(r), 64)
				if err != nil || v <= 0 {
					return nil, fmt.Errorf("wfdb: time resolution %q at offset %d is not a positive number", r, at)
				}
				f.Resolution = v
			}
			off += i + i%2
		default:
			t += int64(i)
			f.Annotations = append(f.Annotations, Annotation{Sample: t, Code: a, Num: num, Sub: sub, Channel: ch})
		}
	}
}
