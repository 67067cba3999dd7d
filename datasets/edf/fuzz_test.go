package edf

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the synthetic seed files in datasets/testdata/edf")

var seedDir = filepath.Join("..", "testdata", "edf")

var seeds = map[string]func() []byte{
	"small_edfplus_c.edf": func() []byte { return smallEDFPlus(false) },
	"small_edfplus_d.edf": func() []byte { return smallEDFPlus(true) },
}

// TestSeedFiles keeps the committed fuzz seeds in step with the generator.
func TestSeedFiles(t *testing.T) {
	for name, gen := range seeds {
		p := filepath.Join(seedDir, name)
		if *update {
			if err := os.MkdirAll(seedDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, gen(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run go test -run TestSeedFiles -update)", err)
		}
		if _, err := Parse(b); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for name := range seeds {
		if b, err := os.ReadFile(filepath.Join(seedDir, name)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		pf, err := Parse(b)
		if err != nil {
			return
		}
		for i, s := range pf.Header.Signals {
			if !s.IsAnnotation() && len(pf.Signals[i]) != len(pf.RecordStarts)*s.SamplesPerRecord {
				t.Fatalf("signal %d has %d samples for %d records", i, len(pf.Signals[i]), len(pf.RecordStarts))
			}
		}
	})
}
