package edf

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
)

// Annotation is one EDF+ annotation: an event with onset and duration in
// seconds relative to the file start. Duration is 0 when the file gives none.
type Annotation struct {
	Onset    float64
	Duration float64
	Text     string
}

// Gap is a hole between two data records of a discontinuous (EDF+D) file.
type Gap struct {
	AfterRecord int     // index of the record before the gap
	Start, End  float64 // seconds from file start
}

const (
	talOnsetEnd = 0x14 // ends the onset/duration and every annotation text
	talDuration = 0x15 // separates onset from duration
)

// parseTALs parses the bytes of one annotation signal in one record. off is
// the file offset of b[0]. If first is true the first TAL is the record's
// time-keeping TAL; its onset is returned as start (ok reports whether it was
// present).
func parseTALs(b []byte, off int64, first bool) (start float64, ok bool, anns []Annotation, err error) {
	i := 0
	for i < len(b) {
		if b[i] == 0 {
			i++
			continue
		}
		end := bytes.IndexByte(b[i:], 0)
		if end < 0 {
			return 0, false, nil, fmt.Errorf("edf: annotation at offset %d is not terminated by a NUL byte", off+int64(i))
		}
		tal := b[i : i+end]
		at := off + int64(i)
		i += end + 1
		j := bytes.IndexByte(tal, talOnsetEnd)
		if j < 0 {
			return 0, false, nil, fmt.Errorf("edf: annotation at offset %d has no 0x14 after its onset", at)
		}
		head, rest := tal[:j], tal[j+1:]
		onset, dur, err := parseTALHead(head, at)
		if err != nil {
			return 0, false, nil, err
		}
		texts := bytes.Split(rest, []byte{talOnsetEnd})
		if first && len(texts) > 0 && len(texts[0]) == 0 {
			start, ok = onset, true
		}
		first = false
		for _, t := range texts {
			if len(t) > 0 {
				anns = append(anns, Annotation{Onset: onset, Duration: dur, Text: string(t)})
			}
		}
	}
	return start, ok, anns, nil
}

func parseTALHead(head []byte, at int64) (onset, dur float64, err error) {
	on := head
	var ds []byte
	if k := bytes.IndexByte(head, talDuration); k >= 0 {
		on, ds = head[:k], head[k+1:]
	}
	if len(on) < 2 || (on[0] != '+' && on[0] != '-') {
		return 0, 0, fmt.Errorf("edf: annotation onset %q at offset %d does not start with + or -", on, at)
	}
	onset, err = strconv.ParseFloat(string(on), 64)
	if err != nil || math.IsInf(onset, 0) || math.IsNaN(onset) {
		return 0, 0, fmt.Errorf("edf: annotation onset %q at offset %d is not a number", on, at)
	}
	if ds != nil {
		dur, err = strconv.ParseFloat(string(ds), 64)
		if err != nil || dur < 0 || math.IsInf(dur, 0) || math.IsNaN(dur) {
			return 0, 0, fmt.Errorf("edf: annotation duration %q at offset %d is not a non-negative number", ds, at)
		}
	}
	return onset, dur, nil
}
