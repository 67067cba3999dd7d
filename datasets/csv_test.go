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
