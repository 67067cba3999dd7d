package datasets_test

import (
	"fmt"

	"github.com/neurodyn/neurodyn/datasets"
	"gonum.org/v1/gonum/mat"
)

func ExampleSpikeTable_Bin() {
	s := &datasets.SpikeTable{Units: []datasets.UnitInfo{{Name: "u1"}, {Name: "u2"}}}
	s.Add(0, 0.12, -1)
	s.Add(0, 0.31, -1)
	s.Add(1, 0.33, -1)
	s.Add(1, 1.20, -1)
	// Two windows of 0.4 s in 0.1-s bins, starting 0.1 s before each event.
	counts, err := s.Bin(datasets.BinConfig{Width: 0.1, Start: -0.1, End: 0.3, Align: []float64{0.2, 1.2}})
	if err != nil {
		panic(err)
	}
	for _, c := range counts {
		fmt.Println(mat.Formatted(c.T()))
	}
	// Output:
	// ⎡1  0  1  0⎤
	// ⎣0  0  1  0⎦
	// ⎡0  0  0  0⎤
	// ⎣0  1  0  0⎦
}

func ExampleSmoothExponential() {
	impulse := mat.NewDense(4, 1, []float64{1, 0, 0, 0})
	y, _ := datasets.SmoothExponential([]*mat.Dense{impulse}, 1)
	fmt.Printf("%.4f\n", mat.Col(nil, 0, y[0]))
	// Output:
	// [1.0000 0.3679 0.1353 0.0498]
}

// EEGMotorImagery needs the recordings: set NEURODYN_DATA to a directory
// holding eegmmidb/S001R03.edf (or let it download from PhysioNet).
func ExampleEEGMotorImagery() {
	rec, err := datasets.EEGMotorImagery(1, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	df, _ := rec.Frame(0)
	fmt.Println(rec.Name, rec.Rate, len(rec.Channels), df.Nrow())
	fmt.Println(rec.EventFrame().Subset([]int{0, 1, 2}))
}

func ExampleHippocampusLinearTrack() {
	d, err := datasets.HippocampusLinearTrack()
	if err != nil {
		fmt.Println(err)
		return
	}
	summary, _ := d.Spikes.Summary(0)
	fmt.Println(summary)
}

func ExampleLookup() {
	d, _ := datasets.Lookup("golub2018-bci")
	fmt.Println(d.License)
	fmt.Println(d.Files[0].Path, d.Files[0].Size)
	// Output:
	// BSD-3-Clause
	// golub2018_bci_m1/exampleData.mat 252829
}
