// Package wfdb reads WFDB annotation files in the MIT format (PhysioNet's
// annotation format, e.g. the .edf.event files of the EEG Motor
// Movement/Imagery database).
//
// The file is a sequence of 16-bit little-endian words w. The top 6 bits are
// a code A = w >> 10 and the low 10 bits a number I = w & 0x3FF:
//
//	A = 0,  I = 0   end of file
//	A = 59 (SKIP)   the next 4 bytes are a signed 32-bit interval (high 16
//	                bits first) added to the time
//	A = 60, 61, 62  NUM, SUB, CHN fields of the previous annotation, set to I
//	A = 63 (AUX)    I bytes of text (padded to even length) attached to the
//	                previous annotation
//	otherwise       an annotation of type A at time += I samples
//
// A "## time resolution: F" text gives the sampling frequency F in Hz.
package wfdb
