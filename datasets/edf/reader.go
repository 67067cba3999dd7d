package edf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Reader streams an EDF file one data record at a time.
type Reader struct {
	Header *Header

	r      io.Reader
	raw    []byte
	next   int   // index of the next record
	offset int64 // file offset of the next record
	rec    Record
}

// Record is one decoded data record.
type Record struct {
	Index int
	// Start is the record's start in seconds from the file start: the
	// time-keeping TAL in EDF+, Index·RecordDuration otherwise.
	Start float64
	// Signals holds the physical values of each signal (nil for annotation
	// signals). The slices are reused by the next call to Next.
	Signals     [][]float64
	Annotations []Annotation
}

// NewReader reads the header from r and returns a Reader positioned at the
// first data record.
func NewReader(r io.Reader) (*Reader, error) {
	fixed := make([]byte, 256)
	if n, err := io.ReadFull(r, fixed); err != nil {
		return nil, fmt.Errorf("edf: header truncated at offset %d (want 256 bytes): %w", n, err)
	}
	h, ns, err := parseFixed(fixed)
	if err != nil {
		return nil, err
	}
	sig := make([]byte, 256*ns)
	if n, err := io.ReadFull(r, sig); err != nil {
		return nil, fmt.Errorf("edf: signal headers truncated at offset %d (want %d bytes): %w", 256+n, 256*ns, err)
	}
	if err := parseSignals(h, sig, ns); err != nil {
		return nil, err
	}
	rd := &Reader{Header: h, r: r, raw: make([]byte, h.RecordBytes()), offset: int64(h.HeaderBytes)}
	rd.rec.Signals = make([][]float64, ns)
	for i, s := range h.Signals {
		if !s.IsAnnotation() {
			rd.rec.Signals[i] = make([]float64, s.SamplesPerRecord)
		}
	}
	return rd, nil
}

// Next decodes the next data record. It returns io.EOF after the last record.
// The returned Record is overwritten by the following call.
func (rd *Reader) Next() (*Record, error) {
	h := rd.Header
	if h.NumRecords >= 0 && rd.next >= h.NumRecords {
		return nil, io.EOF
	}
	n, err := io.ReadFull(rd.r, rd.raw)
	if err != nil {
		if n == 0 && errors.Is(err, io.EOF) && h.NumRecords < 0 {
			return nil, io.EOF
		}
		return nil, truncated(rd.next, h.NumRecords, rd.offset, rd.offset+int64(n))
	}
	rd.rec.Index = rd.next
	rd.rec.Annotations = rd.rec.Annotations[:0]
	start, anns, err := decodeRecord(h, rd.raw, rd.rec.Signals, rd.next, rd.offset)
	if err != nil {
		return nil, err
	}
	rd.rec.Start = start
	rd.rec.Annotations = append(rd.rec.Annotations, anns...)
	rd.next++
	rd.offset += int64(len(rd.raw))
	return &rd.rec, nil
}

func truncated(rec, total int, off, end int64) error {
	of := ""
	if total >= 0 {
		of = fmt.Sprintf(" of %d", total)
	}
	return fmt.Errorf("edf: data record %d%s at offset %d is truncated: input ends at offset %d", rec, of, off, end)
}

// decodeRecord converts one raw record into physical values written to dst
// (dst[s] has SamplesPerRecord(s) entries, nil for annotation signals) and
// parses its annotations.
func decodeRecord(h *Header, raw []byte, dst [][]float64, index int, off int64) (float64, []Annotation, error) {
	start := float64(index) * h.RecordDuration
	var anns []Annotation
	pos := 0
	firstAnn := true
	for s, sh := range h.Signals {
		n := 2 * sh.SamplesPerRecord
		b := raw[pos : pos+n]
		if sh.IsAnnotation() {
			t, ok, a, err := parseTALs(b, off+int64(pos), firstAnn)
			if err != nil {
				return 0, nil, fmt.Errorf("%w (data record %d)", err, index)
			}
			if firstAnn && ok {
				start = t
			}
			firstAnn = false
			anns = append(anns, a...)
		} else {
			gain, offset := sh.scale()
			d := dst[s]
			for k := range d {
				d[k] = gain*float64(int16(binary.LittleEndian.Uint16(b[2*k:]))) + offset
			}
		}
		pos += n
	}
	return start, anns, nil
}
