package edf

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// File is a fully decoded EDF or EDF+ file.
type File struct {
	Header *Header
	// Signals holds the physical values of each signal over the whole file,
	// in header order; annotation signals are nil.
	Signals      [][]float64
	Annotations  []Annotation
	RecordStarts []float64 // start of every data record, seconds
	// Gaps lists the holes between records (EDF+D only; empty when the
	// records are contiguous).
	Gaps []Gap
}

// Discontinuous reports whether the file is EDF+D with at least one gap.
func (f *File) Discontinuous() bool { return len(f.Gaps) > 0 }

// Open reads the named EDF file.
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

// Read reads a whole EDF file from r.
func Read(r io.Reader) (*File, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// Parse decodes a whole EDF file held in memory.
func Parse(b []byte) (*File, error) {
	rd, err := NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	h := rd.Header
	data := b[h.HeaderBytes:]
	recBytes := h.RecordBytes()
	nrec := h.NumRecords
	if nrec < 0 {
		nrec = len(data) / recBytes
		if len(data)%recBytes != 0 {
			return nil, truncated(nrec, -1, int64(h.HeaderBytes+nrec*recBytes), int64(len(b)))
		}
	}
	if need := int64(nrec) * int64(recBytes); int64(len(data)) < need {
		k := len(data) / recBytes
		return nil, truncated(k, nrec, int64(h.HeaderBytes)+int64(k)*int64(recBytes), int64(len(b)))
	}
	f := &File{Header: h, Signals: make([][]float64, len(h.Signals)), RecordStarts: make([]float64, nrec)}
	for i, s := range h.Signals {
		if !s.IsAnnotation() {
			f.Signals[i] = make([]float64, nrec*s.SamplesPerRecord)
		}
	}
	dst := make([][]float64, len(h.Signals))
	for k := 0; k < nrec; k++ {
		for i, s := range h.Signals {
			if f.Signals[i] != nil {
				dst[i] = f.Signals[i][k*s.SamplesPerRecord : (k+1)*s.SamplesPerRecord]
			}
		}
		off := h.HeaderBytes + k*recBytes
		start, anns, err := decodeRecord(h, data[k*recBytes:(k+1)*recBytes], dst, k, int64(off))
		if err != nil {
			return nil, err
		}
		f.RecordStarts[k] = start
		f.Annotations = append(f.Annotations, anns...)
	}
	f.Gaps = findGaps(f.RecordStarts, h.RecordDuration)
	return f, nil
}

// findGaps returns the holes between consecutive records, allowing for the
// rounding of the TAL time stamps (1 µs).
func findGaps(starts []float64, dur float64) []Gap {
	var gaps []Gap
	for k := 1; k < len(starts); k++ {
		end := starts[k-1] + dur
		if starts[k]-end > 1e-6 {
			gaps = append(gaps, Gap{AfterRecord: k - 1, Start: end, End: starts[k]})
		}
	}
	return gaps
}

// Rate returns the sampling rate of signal i in Hz.
func (f *File) Rate(i int) float64 { return f.Header.Rate(i) }

// Time returns the time in seconds of sample j of signal i, honouring the
// record start times of discontinuous files.
func (f *File) Time(i, j int) float64 {
	spr := f.Header.Signals[i].SamplesPerRecord
	k := j / spr
	return f.RecordStarts[k] + float64(j%spr)*f.Header.RecordDuration/float64(spr)
}
