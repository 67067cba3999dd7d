package edf_test

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/neurodyn/neurodyn/datasets/edf"
)

func ExampleOpen() {
	f, err := edf.Open("../testdata/edf/small_edfplus_d.edf")
	if err != nil {
		panic(err)
	}
	for i, s := range f.Header.Signals {
		if !s.IsAnnotation() {
			fmt.Printf("%s: %g Hz, %d samples in %s, first %.3f\n", s.Label, f.Rate(i), len(f.Signals[i]), s.PhysDim, f.Signals[i][0])
		}
	}
	for _, a := range f.Annotations {
		fmt.Printf("%+.2f s (%g s) %s\n", a.Onset, a.Duration, a.Text)
	}
	fmt.Printf("gaps: %+v\n", f.Gaps)
	// Output:
	// Cz: 8 Hz, 12 samples in uV, first -97.656
	// Resp: 4 Hz, 6 samples in mV, first 0.000
	// +0.75 s (1.5 s) stim
	// +0.75 s (1.5 s) beep
	// -0.25 s (0 s) pre
	// gaps: [{AfterRecord:1 Start:1 End:3.25}]
}

func ExampleNewReader() {
	fh, err := os.Open("../testdata/edf/small_edfplus_c.edf")
	if err != nil {
		panic(err)
	}
	defer fh.Close()
	rd, err := edf.NewReader(fh)
	if err != nil {
		panic(err)
	}
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			panic(err)
		}
		fmt.Printf("record %d at %g s: %d Cz samples, %d annotations\n", rec.Index, rec.Start, len(rec.Signals[0]), len(rec.Annotations))
	}
	// Output:
	// record 0 at 0 s: 4 Cz samples, 0 annotations
	// record 1 at 0.5 s: 4 Cz samples, 2 annotations
	// record 2 at 1 s: 4 Cz samples, 1 annotations
}
