package edf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
	"time"
)

func TestSyntheticEDFPlus(t *testing.T) {
	f, err := Parse(smallEDFPlus(false))
	if err != nil {
		t.Fatal(err)
	}
	h := f.Header
	if !h.IsEDFPlus() || h.Discontinuous() || len(h.Signals) != 3 || h.NumRecords != 3 {
		t.Fatalf("header = %+v", h)
	}
	if want := time.Date(2001, 3, 2, 4, 5, 6, 0, time.UTC); !h.Start.Equal(want) {
		t.Errorf("start = %v, want %v", h.Start, want)
	}
	if r := f.Rate(0); r != 8 {
		t.Errorf("rate(Cz) = %g, want 8", r)
	}
	// p = PhysMin + (d − DigMin)·(PhysMax − PhysMin)/(DigMax − DigMin)
	for j, d := range []float64{-2000, -1700, -1400} {
		want := -100 + (d+2048)*200/4095
		if got := f.Signals[0][j]; math.Abs(got-want) > 1e-12 {
			t.Errorf("Cz[%d] = %g, want %g", j, got, want)
		}
	}
	if got := f.Signals[1][5]; math.Abs(got-5) > 1e-12 {
		t.Errorf("Resp[5] = %g, want 5 (digital 500 of 0..1000 → 0..10 mV)", got)
	}
	if f.Signals[2] != nil {
		t.Error("annotation signal decoded as samples")
	}
	want := []Annotation{{0.75, 1.5, "stim"}, {0.75, 1.5, "beep"}, {-0.25, 0, "pre"}}
	if len(f.Annotations) != len(want) {
		t.Fatalf("annotations = %+v, want %+v", f.Annotations, want)
	}
	for i := range want {
		if f.Annotations[i] != want[i] {
			t.Errorf("annotation %d = %+v, want %+v", i, f.Annotations[i], want[i])
		}
	}
	if f.Discontinuous() {
		t.Errorf("gaps %v in a continuous file", f.Gaps)
	}
}

func TestDiscontinuous(t *testing.T) {
	f, err := Parse(smallEDFPlus(true))
	if err != nil {
		t.Fatal(err)
	}
	if !f.Header.Discontinuous() || !f.Discontinuous() {
		t.Fatal("EDF+D gap not reported")
	}
	g := f.Gaps[0]
	if len(f.Gaps) != 1 || g.AfterRecord != 1 || g.Start != 1 || g.End != 3.25 {
		t.Errorf("gaps = %+v, want one gap after record 1 from 1 s to 3.25 s", f.Gaps)
	}
	if got := f.Time(0, 9); got != 3.25+0.125 {
		t.Errorf("time of Cz sample 9 = %g, want 3.375", got)
	}
}

func TestStreamingMatchesParse(t *testing.T) {
	b := smallEDFPlus(true)
	f, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var anns int
	for k := 0; ; k++ {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			if k != 3 {
				t.Fatalf("EOF after %d records, want 3", k)
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.Start != f.RecordStarts[k] {
			t.Errorf("record %d start %g, want %g", k, rec.Start, f.RecordStarts[k])
		}
		for j, v := range rec.Signals[0] {
			if v != f.Signals[0][4*k+j] {
				t.Errorf("record %d sample %d = %g, want %g", k, j, v, f.Signals[0][4*k+j])
			}
		}
		anns += len(rec.Annotations)
	}
	if anns != len(f.Annotations) {
		t.Errorf("streamed %d annotations, want %d", anns, len(f.Annotations))
	}
}

func TestUnknownRecordCount(t *testing.T) {
	b := smallEDFPlus(false)
	copy(b[236:244], "-1      ")
	f, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.RecordStarts) != 3 {
		t.Errorf("%d records, want 3 from the file length", len(f.RecordStarts))
	}
	if _, err := Parse(b[:len(b)-1]); err == nil || !strings.Contains(err.Error(), "offset") {
		t.Errorf("partial last record: err = %v", err)
	}
}

func TestMalformedHeaders(t *testing.T) {
	base := smallEDFPlus(false)
	for _, c := range []struct {
		name      string
		off       int
		val, want string
	}{
		{"version", 0, "9       ", "offset 0"},
		{"date", 168, "xx.03.01", "offset 168"},
		{"header bytes", 184, "999     ", "offset 184"},
		{"records", 236, "abc     ", "offset 236"},
		{"duration", 244, "NaN     ", "offset 244"},
		{"signals", 252, "0   ", "offset 252"},
		{"digital range", 256 + 3*(16+80+8+8+8+8), "40000   ", "digital maximum"},
		{"samples", 256 + 3*(16+80+8+8+8+8+8+80), "0       ", "offset"},
		{"tal onset", 1024 + 2*(4+2), "x", "onset"},
	} {
		b := bytes.Clone(base)
		copy(b[c.off:], c.val)
		_, err := Parse(b)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want mention of %q", c.name, err, c.want)
		}
	}
}

func TestTruncated(t *testing.T) {
	b := smallEDFPlus(false)
	for _, n := range []int{0, 100, 256, 700, 768, 800, len(b) - 1} {
		_, err := Parse(b[:n])
		if err == nil || !strings.Contains(err.Error(), "offset") {
			t.Errorf("truncated to %d bytes: err = %v, want an error naming the offset", n, err)
		}
	}
}

func TestScaleInt16Extremes(t *testing.T) {
	s := SignalHeader{PhysMin: -1, PhysMax: 1, DigMin: -32768, DigMax: 32767}
	g, o := s.scale()
	var raw [2]byte
	binary.LittleEndian.PutUint16(raw[:], 0x8000)
	if p := g*float64(int16(binary.LittleEndian.Uint16(raw[:]))) + o; math.Abs(p+1) > 1e-12 {
		t.Errorf("digital −32768 → %g, want −1", p)
	}
}

// TestPlainEDF reads an EDF file without annotation signal: records are
// contiguous at k·RecordDuration.
func TestPlainEDF(t *testing.T) {
	s := synthSignal{SignalHeader: SignalHeader{Label: "EMG", PhysDim: "mV", PhysMin: -5, PhysMax: 5, DigMin: -500, DigMax: 500, SamplesPerRecord: 2}}
	s.digital = []int16{-500, 0, 250, 500}
	f, err := Parse(synthEDF("", 2, 2, []synthSignal{s}))
	if err != nil {
		t.Fatal(err)
	}
	if f.Header.IsEDFPlus() || len(f.Annotations) != 0 || f.RecordStarts[1] != 2 || f.Rate(0) != 1 {
		t.Errorf("plain EDF: plus %v, %d annotations, starts %v, rate %g", f.Header.IsEDFPlus(), len(f.Annotations), f.RecordStarts, f.Rate(0))
	}
	for i, want := range []float64{-5, 0, 2.5, 5} {
		if math.Abs(f.Signals[0][i]-want) > 1e-12 {
			t.Errorf("sample %d = %g, want %g", i, f.Signals[0][i], want)
		}
	}
}
