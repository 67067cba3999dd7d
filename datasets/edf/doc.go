// Package edf reads European Data Format files: EDF (Kemp et al. 1992) and
// EDF+ (Kemp & Olivan 2003), the format of PhysioNet's EEG Motor
// Movement/Imagery database (Schalk et al. 2004).
//
// File layout: a 256-byte ASCII header, then 256 bytes per signal, then the
// data records. Each record holds, for every signal s in turn,
// SamplesPerRecord(s) little-endian int16 digital values d. The physical value
// is the linear map of the digital range onto the physical range:
//
//	p = PhysMin + (d − DigMin) · (PhysMax − PhysMin) / (DigMax − DigMin)
//
// EDF+ adds "EDF Annotations" signals whose bytes are Time-stamped Annotation
// Lists (TALs):
//
//	+Onset [0x15 Duration] 0x14 Text 0x14 [Text 0x14 ...] 0x00
//
// The first TAL of every record carries that record's start time and an
// empty text. In continuous files (EDF+C, and plain EDF) record k starts at
// k·RecordDuration; in discontinuous files (EDF+D) the record start times come
// from those TALs and gaps between records are reported.
//
// Read parses a whole file; NewReader streams it record by record. Every error
// names the byte offset where the problem was found.
package edf
