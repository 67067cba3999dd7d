package postrack_test

import (
	"fmt"

	"github.com/neurodyn/neurodyn/datasets/postrack"
)

func ExampleOpen() {
	tr, err := postrack.Open("../testdata/postrack/small.videoPositionTracking")
	if err != nil {
		panic(err)
	}
	fmt.Println(tr.ClockRate, tr.Len(), tr.Columns["time"][:3], tr.Columns["xloc"][:3])
	// Output:
	// 1000 5 [1 1.25 1.5] [100 101 102]
}
