package edf

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// synthSignal is one signal of a synthetic file: digital samples plus header.
type synthSignal struct {
	SignalHeader
	digital []int16  // NumRecords·SamplesPerRecord values
	tals    []string // per record TAL bytes (annotation signals only)
}

// synthEDF writes a small EDF(+) file from scratch, following the format
// description, so tests do not depend on another reader.
func synthEDF(reserved string, nrec int, dur float64, sigs []synthSignal) []byte {
	var b bytes.Buffer
	pad := func(s string, n int) { b.WriteString(fmt.Sprintf("%-*s", n, s)[:n]) }
	pad("0", 8)
	pad("X M 01-JAN-2000 synthetic", 80)
	pad("Startdate 02-MAR-2001 X X test", 80)
	pad("02.03.01", 8)
	pad("04.05.06", 8)
	pad(fmt.Sprint(256*(1+len(sigs))), 8)
	pad(reserved, 44)
	pad(fmt.Sprint(nrec), 8)
	pad(fmt.Sprint(dur), 8)
	pad(fmt.Sprint(len(sigs)), 4)
	for _, col := range []struct {
		w int
		f func(s synthSignal) string
	}{
		{16, func(s synthSignal) string { return s.Label }},
		{80, func(s synthSignal) string { return s.Transducer }},
		{8, func(s synthSignal) string { return s.PhysDim }},
		{8, func(s synthSignal) string { return fmt.Sprint(s.PhysMin) }},
		{8, func(s synthSignal) string { return fmt.Sprint(s.PhysMax) }},
		{8, func(s synthSignal) string { return fmt.Sprint(s.DigMin) }},
		{8, func(s synthSignal) string { return fmt.Sprint(s.DigMax) }},
		{80, func(s synthSignal) string { return s.Prefilter }},
		{8, func(s synthSignal) string { return fmt.Sprint(s.SamplesPerRecord) }},
		{32, func(s synthSignal) string { return "" }},
	} {
		for _, s := range sigs {
			pad(col.f(s), col.w)
		}
	}
	for k := 0; k < nrec; k++ {
		for _, s := range sigs {
			n := s.SamplesPerRecord
			if s.IsAnnotation() {
				raw := make([]byte, 2*n)
				copy(raw, s.tals[k])
				b.Write(raw)
				continue
			}
			for _, d := range s.digital[k*n : (k+1)*n] {
				binary.Write(&b, binary.LittleEndian, d)
			}
		}
	}
	return b.Bytes()
}

// smallEDFPlus returns a 3-record EDF+ file with two signals of different
// rates and gains, an annotation signal, and optionally a gap after record 1
// (EDF+D).
func smallEDFPlus(discontinuous bool) []byte {
	const nrec = 3
	a := synthSignal{SignalHeader: SignalHeader{Label: "Cz", PhysDim: "uV", PhysMin: -100, PhysMax: 100, DigMin: -2048, DigMax: 2047, SamplesPerRecord: 4}}
	c := synthSignal{SignalHeader: SignalHeader{Label: "Resp", PhysDim: "mV", PhysMin: 0, PhysMax: 10, DigMin: 0, DigMax: 1000, SamplesPerRecord: 2}}
	for i := 0; i < nrec*4; i++ {
		a.digital = append(a.digital, int16(i*300-2000))
	}
	for i := 0; i < nrec*2; i++ {
		c.digital = append(c.digital, int16(i*100))
	}
	reserved := "EDF+C"
	starts := []string{"+0", "+0.5", "+1"}
	if discontinuous {
		reserved = "EDF+D"
		starts = []string{"+0", "+0.5", "+3.25"}
	}
	ann := synthSignal{SignalHeader: SignalHeader{Label: AnnotationLabel, PhysMin: -1, PhysMax: 1, DigMin: -32768, DigMax: 32767, SamplesPerRecord: 30}}
	for k, s := range starts {
		tal := s + "\x14\x14\x00"
		if k == 1 {
			tal += "+0.75\x151.5\x14stim\x14beep\x14\x00"
		}
		if k == 2 {
			tal += "-0.25\x14pre\x14\x00"
		}
		ann.tals = append(ann.tals, tal)
	}
	return synthEDF(reserved, nrec, 0.5, []synthSignal{a, c, ann})
}
