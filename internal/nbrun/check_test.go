package nbrun

import (
	"strings"
	"testing"
)

func TestCheckOnHandWrittenOutputs(t *testing.T) {
	cases := []struct {
		name, nb string
		want     []string // substrings of problems; empty = clean
	}{
		{"clean", `{"cells":[{"cell_type":"code","source":"%%\nshow()","outputs":[{"output_type":"display_data","data":{"text/html":"<div><svg></svg></div>"}}]}]}`, nil},
		{"png", `{"cells":[{"cell_type":"code","source":["x"],"outputs":[{"output_type":"display_data","data":{"image/png":"iVBOR"}}]}]}`, nil},
		{"error", `{"cells":[{"cell_type":"code","source":"panic(1)","outputs":[{"output_type":"error","ename":"ERROR","evalue":"panic: 1","traceback":[]},{"output_type":"display_data","data":{"image/png":""}}]}]}`, []string{"error ERROR"}},
		{"shell", `{"cells":[{"cell_type":"code","source":"!false","outputs":[{"output_type":"stream","name":"stderr","text":["exit status 1\n"]},{"output_type":"display_data","data":{"image/png":""}}]}]}`, []string{"shell command failed"}},
		{"nofig", `{"cells":[{"cell_type":"markdown","source":"# t"},{"cell_type":"code","source":"x","outputs":[{"output_type":"stream","name":"stdout","text":"exit status 1"}]}]}`, []string{"no figure"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			problems, err := Check([]byte(c.nb))
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != len(c.want) {
				t.Fatalf("problems %q, want %d matching %q", problems, len(c.want), c.want)
			}
			for i, w := range c.want {
				if !strings.Contains(problems[i], w) {
					t.Fatalf("problem %q lacks %q", problems[i], w)
				}
			}
		})
	}
	if _, err := Check([]byte("{not json")); err == nil {
		t.Fatal("malformed notebook accepted")
	}
}

func TestDataSkips(t *testing.T) {
	nb := `{"cells":[
{"cell_type":"code","source":"%%\nfit()","outputs":[{"output_type":"stream","name":"stdout","text":["EEG recording not found (set NEURODYN_DATA to the shared data directory); skipping: no file\n"]}]},
{"cell_type":"markdown","source":"Set NEURODYN_DATA to run the next cell."},
{"cell_type":"code","source":"%%\nshow()","outputs":[{"output_type":"display_data","data":{"text/markdown":["**Flint recording not found**. Set NEURODYN_DATA."]}}]},
{"cell_type":"code","source":"%%\nok()","outputs":[{"output_type":"stream","name":"stdout","text":"D_H = 0.07\n"}]}]}`
	skips, err := DataSkips([]byte(nb))
	if err != nil {
		t.Fatal(err)
	}
	if len(skips) != 2 || !strings.Contains(skips[0], "code cell 1 ") || !strings.Contains(skips[1], "code cell 2 ") {
		t.Fatalf("skips %q, want code cells 1 and 2 (markdown cells do not count)", skips)
	}
	if _, err := DataSkips([]byte("[")); err == nil {
		t.Fatal("malformed notebook accepted")
	}
}

func TestAbsDataDirs(t *testing.T) {
	got := absDataDirs("../shared/data::/abs/dir", "/repo/root")
	if want := "/repo/shared/data:/abs/dir"; got != want {
		t.Fatalf("absDataDirs = %q, want %q", got, want)
	}
	if absDataDirs("", "/r") != "" {
		t.Fatal("empty list must stay empty")
	}
}
