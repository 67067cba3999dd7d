package wfdb

import (
	"os"
	"strings"
	"testing"

	"github.com/neurodyn/neurodyn/internal/shareddata"
)

// TestEEGMMIDBEvents checks a PhysioNet event file against the EEG Motor
// Movement/Imagery protocol: 160 Hz, alternating T0 (rest, 4.2 s) and task
// (T1/T2, 4.1 s) blocks, 30 of them in a 2-minute run.
func TestEEGMMIDBEvents(t *testing.T) {
	f, err := Open(shareddata.File(t, "eegmmidb/S001R03.edf.event"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Resolution != 160 {
		t.Errorf("resolution = %g, want 160", f.Resolution)
	}
	var notes []Annotation
	for _, a := range f.Annotations {
		if strings.HasPrefix(a.Aux, "T") {
			notes = append(notes, a)
		}
	}
	if len(notes) != 30 {
		t.Fatalf("%d T-annotations, want 30", len(notes))
	}
	for k, a := range notes {
		rest := k%2 == 0
		if rest != strings.HasPrefix(a.Aux, "T0 duration: 4.2") {
			t.Errorf("annotation %d: %q breaks the rest/task alternation", k, a.Aux)
		}
		if k > 0 {
			want := int64(672) // a task block starts 4.2 s (at 160 Hz) after a rest block
			if rest {
				want = 656 // a rest block starts 4.1 s after a task block
			}
			if d := a.Sample - notes[k-1].Sample; d != want {
				t.Errorf("annotation %d: %d samples after the previous, want %d", k, d, want)
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	for name, b := range map[string][]byte{
		"aux first":     {0x03, 0xfc, 'a', 'b', 'c', 0},
		"truncated aux": {0x00, 0x58, 0x10, 0xfc, 'T'},
		"odd length":    {0x00, 0x58, 0x01},
		"skip short":    {0x00, 0xec, 0xff},
	} {
		if _, err := Parse(b); err == nil || !strings.Contains(err.Error(), "offset") {
			t.Errorf("%s: err = %v, want an error naming the offset", name, err)
		}
	}
}

func TestRealTruncated(t *testing.T) {
	b, err := os.ReadFile(shareddata.File(t, "eegmmidb/S001R05.edf.event"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{3, 10, 101, len(b) - 5} {
		if _, err := Parse(b[:n]); err == nil || !strings.Contains(err.Error(), "offset") {
			t.Errorf("cut at %d: err = %v", n, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte{0x00, 0x58, 0x02, 0xfc, 'T', '0', 0xa0, 0x5a, 0, 0})
	f.Add([]byte{0x00, 0xec, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = Parse(b)
	})
}
