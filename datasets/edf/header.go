package edf

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// AnnotationLabel is the signal label that marks EDF+ annotation signals.
const AnnotationLabel = "EDF Annotations"

// Header is the fixed part of an EDF file plus the per-signal headers.
type Header struct {
	Version        string    // "0" for EDF and EDF+
	Patient        string    // local patient identification
	Recording      string    // local recording identification
	Start          time.Time // start date and time of the recording
	HeaderBytes    int       // size of the header in bytes: 256·(1+len(Signals))
	Reserved       string    // "EDF+C", "EDF+D" or empty for plain EDF
	NumRecords     int       // number of data records; −1 if unknown
	RecordDuration float64   // duration of one data record in seconds
	Signals        []SignalHeader
}

// SignalHeader describes one signal (channel).
type SignalHeader struct {
	Label            string
	Transducer       string
	PhysDim          string // physical dimension, e.g. "uV"
	PhysMin, PhysMax float64
	DigMin, DigMax   int
	Prefilter        string
	SamplesPerRecord int
}

// IsAnnotation reports whether the signal is an EDF+ annotation signal.
func (s SignalHeader) IsAnnotation() bool { return s.Label == AnnotationLabel }

// Rate returns the sampling rate of the signal in Hz.
func (h *Header) Rate(signal int) float64 {
	return float64(h.Signals[signal].SamplesPerRecord) / h.RecordDuration
}

// IsEDFPlus reports whether the file declares itself EDF+.
func (h *Header) IsEDFPlus() bool { return strings.HasPrefix(h.Reserved, "EDF+") }

// Discontinuous reports whether the file is EDF+D.
func (h *Header) Discontinuous() bool { return strings.HasPrefix(h.Reserved, "EDF+D") }

// RecordBytes returns the size of one data record in bytes.
func (h *Header) RecordBytes() int {
	n := 0
	for _, s := range h.Signals {
		n += 2 * s.SamplesPerRecord
	}
	return n
}

// scale returns gain and offset with p = gain·d + offset.
func (s SignalHeader) scale() (gain, offset float64) {
	gain = (s.PhysMax - s.PhysMin) / float64(s.DigMax-s.DigMin)
	return gain, s.PhysMin - gain*float64(s.DigMin)
}

// field is a fixed-width ASCII header field.
type field struct {
	name   string
	offset int
	raw    []byte
}

func (f field) str() string { return strings.TrimRight(string(f.raw), " \x00") }

func (f field) errorf(format string, args ...any) error {
	return fmt.Errorf("edf: header field %q at offset %d: %s", f.name, f.offset, fmt.Sprintf(format, args...))
}

func (f field) int() (int, error) {
	s := strings.TrimSpace(f.str())
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, f.errorf("%q is not an integer", s)
	}
	return v, nil
}

func (f field) float() (float64, error) {
	s := strings.TrimSpace(f.str())
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, f.errorf("%q is not a finite number", s)
	}
	return v, nil
}

// maxSignals bounds the signal count so that a corrupt header cannot make the
// reader allocate without limit.
const maxSignals = 4096

// parseFixed parses the first 256 bytes.
func parseFixed(b []byte) (*Header, int, error) {
	at := func(name string, off, n int) field { return field{name, off, b[off : off+n]} }
	h := &Header{}
	ver := at("version", 0, 8)
	h.Version = ver.str()
	if strings.TrimSpace(h.Version) != "0" {
		return nil, 0, ver.errorf("%q is not \"0\"; not an EDF file", h.Version)
	}
	h.Patient = at("patient", 8, 80).str()
	h.Recording = at("recording", 88, 80).str()
	start, err := parseStart(at("startdate", 168, 8), at("starttime", 176, 8))
	if err != nil {
		return nil, 0, err
	}
	h.Start = start
	hb := at("number of bytes in header", 184, 8)
	if h.HeaderBytes, err = hb.int(); err != nil {
		return nil, 0, err
	}
	h.Reserved = at("reserved", 192, 44).str()
	nr := at("number of data records", 236, 8)
	if h.NumRecords, err = nr.int(); err != nil {
		return nil, 0, err
	}
	if h.NumRecords < -1 {
		return nil, 0, nr.errorf("%d records", h.NumRecords)
	}
	rd := at("duration of a data record", 244, 8)
	if h.RecordDuration, err = rd.float(); err != nil {
		return nil, 0, err
	}
	if h.RecordDuration < 0 {
		return nil, 0, rd.errorf("negative duration %g", h.RecordDuration)
	}
	nsf := at("number of signals", 252, 4)
	ns, err := nsf.int()
	if err != nil {
		return nil, 0, err
	}
	if ns < 1 || ns > maxSignals {
		return nil, 0, nsf.errorf("%d signals (want 1..%d)", ns, maxSignals)
	}
	if h.HeaderBytes != 256*(1+ns) {
		return nil, 0, hb.errorf("%d bytes, but %d signals need %d", h.HeaderBytes, ns, 256*(1+ns))
	}
	return h, ns, nil
}

func parseStart(date, clock field) (time.Time, error) {
	var d, mo, y, hh, mm, ss int
	if _, err := fmt.Sscanf(date.str(), "%02d.%02d.%02d", &d, &mo, &y); err != nil {
		return time.Time{}, date.errorf("%q is not dd.mm.yy", date.str())
	}
	if _, err := fmt.Sscanf(clock.str(), "%02d.%02d.%02d", &hh, &mm, &ss); err != nil {
		return time.Time{}, clock.errorf("%q is not hh.mm.ss", clock.str())
	}
	// EDF's clipping date: years 85–99 are 19xx, 00–84 are 20xx.
	if y >= 85 {
		y += 1900
	} else {
		y += 2000
	}
	return time.Date(y, time.Month(mo), d, hh, mm, ss, 0, time.UTC), nil
}

// parseSignals parses the ns·256 bytes of signal headers.
func parseSignals(h *Header, b []byte, ns int) error {
	h.Signals = make([]SignalHeader, ns)
	off := 256
	col := func(name string, width int) func(i int) field {
		base := off
		off += width * ns
		return func(i int) field {
			o := base + i*width
			return field{name, o, b[o-256 : o-256+width]}
		}
	}
	label := col("label", 16)
	trans := col("transducer type", 80)
	dim := col("physical dimension", 8)
	pmin := col("physical minimum", 8)
	pmax := col("physical maximum", 8)
	dmin := col("digital minimum", 8)
	dmax := col("digital maximum", 8)
	pre := col("prefiltering", 80)
	nsr := col("number of samples in each data record", 8)
	var err error
	for i := range h.Signals {
		s := &h.Signals[i]
		s.Label = strings.TrimSpace(label(i).str())
		s.Transducer = trans(i).str()
		s.PhysDim = strings.TrimSpace(dim(i).str())
		s.Prefilter = pre(i).str()
		if s.PhysMin, err = pmin(i).float(); err != nil {
			return err
		}
		if s.PhysMax, err = pmax(i).float(); err != nil {
			return err
		}
		if s.DigMin, err = dmin(i).int(); err != nil {
			return err
		}
		if s.DigMax, err = dmax(i).int(); err != nil {
			return err
		}
		if s.DigMin >= s.DigMax || s.DigMin < math.MinInt16 || s.DigMax > math.MaxInt16 {
			return dmax(i).errorf("signal %d (%s): digital range [%d, %d] is empty or outside int16", i, s.Label, s.DigMin, s.DigMax)
		}
		if !s.IsAnnotation() && s.PhysMin == s.PhysMax {
			return pmax(i).errorf("signal %d (%s): physical range [%g, %g] is empty", i, s.Label, s.PhysMin, s.PhysMax)
		}
		f := nsr(i)
		if s.SamplesPerRecord, err = f.int(); err != nil {
			return err
		}
		if s.SamplesPerRecord < 1 || s.SamplesPerRecord > 1<<24 {
			return f.errorf("signal %d (%s): %d samples per record", i, s.Label, s.SamplesPerRecord)
		}
	}
	if h.RecordDuration == 0 {
		for i, s := range h.Signals {
			if !s.IsAnnotation() {
				return fmt.Errorf("edf: header field \"duration of a data record\" at offset 244: 0 s, but signal %d (%s) is not an annotation signal", i, s.Label)
			}
		}
	}
	return nil
}
