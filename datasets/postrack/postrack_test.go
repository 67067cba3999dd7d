package postrack

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neurodyn/neurodyn/internal/shareddata"
)

const seed = "../testdata/postrack/small.videoPositionTracking"

// The seed holds 5 records: time 1000+250i ticks at 1 kHz, x = 100+i, y = 200−i.
func TestSmall(t *testing.T) {
	tr, err := Open(seed)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Len() != 5 || tr.ClockRate != 1000 || tr.Monotonic() != -1 {
		t.Fatalf("len %d, clock %g, monotonic %d", tr.Len(), tr.ClockRate, tr.Monotonic())
	}
	for i := 0; i < 5; i++ {
		if tr.Columns["time"][i] != 1+0.25*float64(i) || tr.Columns["xloc"][i] != float64(100+i) || tr.Columns["yloc"][i] != float64(200-i) {
			t.Errorf("record %d = %g %g %g", i, tr.Columns["time"][i], tr.Columns["xloc"][i], tr.Columns["yloc"][i])
		}
	}
}

// TestNelpy checks SOURCES.md: 30 kHz clock, five fields, one LED tracked
// (the second reads 0), frames at 60 Hz, times covering the spike range.
func TestNelpy(t *testing.T) {
	for _, c := range []struct {
		file    string
		n       int
		t0, t1  float64
		ordered bool
	}{
		{"linear-track_trajectory.videoPositionTracking", 118965, 4397.03, 6379.46, false},
		{"w-maze_trajectory.videoPositionTracking", 261995, 5.357, 4371.32, true},
	} {
		tr, err := Open(shareddata.File(t, "nelpy_hippocampus/"+c.file))
		if err != nil {
			t.Fatal(err)
		}
		ts := tr.Columns["time"]
		if tr.ClockRate != 30000 || len(tr.Fields) != 5 || tr.Len() != c.n {
			t.Fatalf("%s: clock %g, %d fields, %d records", c.file, tr.ClockRate, len(tr.Fields), tr.Len())
		}
		if d := ts[0] - c.t0; d < 0 || d > 0.01 {
			t.Errorf("%s: first time %g, want ≈ %g", c.file, ts[0], c.t0)
		}
		for _, col := range []string{"xloc2", "yloc2"} {
			for _, v := range tr.Columns[col] {
				if v != 0 {
					t.Fatalf("%s: %s = %g, want 0 (second LED not tracked)", c.file, col, v)
				}
			}
		}
		if got := tr.Monotonic() == -1; got != c.ordered {
			t.Errorf("%s: monotonic = %v (first break at %d)", c.file, got, tr.Monotonic())
		}
		if dt := ts[100] - ts[99]; dt < 0.01 || dt > 0.02 {
			t.Errorf("%s: frame interval %g s, want ≈ 1/60", c.file, dt)
		}
	}
}

func TestTruncated(t *testing.T) {
	b, err := os.ReadFile(shareddata.File(t, "nelpy_hippocampus/linear-track_trajectory.videoPositionTracking"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{5, 100, 196, 197 + 7, len(b) - 1} {
		if _, err := Parse(b[:n]); err == nil || !strings.Contains(err.Error(), "offset") {
			t.Errorf("cut at %d: err = %v", n, err)
		}
	}
	d := bytes.Replace(b, []byte("uint16><yloc uint16"), []byte("uint16><yloc uint99"), 1)
	if _, err := Parse(d); err == nil || !strings.Contains(err.Error(), "offset") {
		t.Errorf("bad field type: err = %v", err)
	}
}

func FuzzParse(f *testing.F) {
	if b, err := os.ReadFile(filepath.Clean(seed)); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tr, err := Parse(b)
		if err != nil {
			return
		}
		for _, fl := range tr.Fields {
			if len(tr.Columns[fl.Name]) != tr.Len() {
				t.Fatalf("column %s has %d values, time has %d", fl.Name, len(tr.Columns[fl.Name]), tr.Len())
			}
		}
	})
}
