package datasets

import (
	"strings"
	"testing"

	"github.com/go-gota/gota/series"
)

func TestReadCSVTypes(t *testing.T) {
	df, err := ReadCSV(strings.NewReader("a,b,c\n1,2.5,x\n3,4,y\n"), true)
	if err != nil {
		t.Fatal(err)
	}
	want := []series.Type{series.Int, series.Float, series.String}
	for i, ty := range df.Types() {
		if ty != want[i] {
			t.Errorf("column %d is %s, want %s", i, ty, want[i])
		}
	}
	m, err := FrameMatrix(df, "a", "b")
	if err != nil || m.At(1, 1) != 4 {
		t.Errorf("FrameMatrix: %v", err)
	}
	if _, err := FrameMatrix(df, "c"); err == nil {
		t.Error("string column accepted as numeric")
	}
	if _, err := ReadCSV(strings.NewReader("1,2\n3\n"), false); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("ragged: %v", err)
	}
	if _, err := ReadCSV(strings.NewReader("a,a\n1,2\n"), true); err == nil {
		t.Error("duplicate names accepted")
	}
	if _, err := ReadCSV(strings.NewReader(""), true); err == nil {
		t.Error("empty accepted")
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("timestamp,x,unit_1011\n0.001,1.5,0\n0.002,1.25,1\n"), true)
	f.Add([]byte("2.7462,0.8413\n0.6361,-0.2199\n"), false)
	f.Fuzz(func(t *testing.T, b []byte, header bool) {
		df, err := ReadCSV(strings.NewReader(string(b)), header)
		if err != nil {
			return
		}
		if df.Nrow() == 0 || df.Ncol() == 0 {
			t.Fatalf("empty frame %d×%d without error", df.Nrow(), df.Ncol())
		}
	})
}
