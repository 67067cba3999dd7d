package wfdb_test

import (
	"fmt"

	"github.com/neurodyn/neurodyn/datasets/wfdb"
)

func ExampleParse() {
	// A NOTE at sample 0 with text "T0", then a NOTE 672 samples later with "T1".
	b := []byte{0x00, 0x58, 0x02, 0xfc, 'T', '0', 0xa0, 0x5a, 0x02, 0xfc, 'T', '1', 0, 0}
	f, err := wfdb.Parse(b)
	if err != nil {
		panic(err)
	}
	for _, a := range f.Annotations {
		fmt.Println(a.Sample, a.Code, a.Aux)
	}
	// Output:
	// 0 22 T0
	// 672 22 T1
}
