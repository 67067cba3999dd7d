package datasets

import (
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestEpochs(t *testing.T) {
	// Row i holds the value i, sampled at 10 Hz from t = 1 s.
	m := mat.NewDense(100, 2, nil)
	for i := 0; i < 100; i++ {
		m.Set(i, 0, float64(i))
		m.Set(i, 1, -float64(i))
	}
	r := &Recording{Channels: []string{"a", "b"}, Rate: 10, Trials: []*mat.Dense{m}, TrialStart: []float64{1},
		Events: []Event{{Onset: 3, Label: "go", Trial: -1}, {Onset: 5, Label: "stop", Trial: -1}}}
	ep, err := r.Epochs([]float64{3, 5}, -0.5, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(ep.Trials) != 2 {
		t.Fatalf("%d epochs", len(ep.Trials))
	}
	rows, _ := ep.Trials[0].Dims()
	// t = 3 s is row 20; the window starts 0.5 s (5 rows) earlier and holds 15 rows.
	if rows != 15 || ep.Trials[0].At(0, 0) != 15 || ep.Trials[1].At(14, 1) != -(35+14) || ep.Time(1, 5) != 0 {
		t.Errorf("epochs wrong: rows %d, first %g", rows, ep.Trials[0].At(0, 0))
	}
	if len(ep.Events) != 2 || ep.Events[0].Trial != 0 || ep.Events[0].Onset != 0 || ep.Events[1].Label != "stop" {
		t.Errorf("events %+v", ep.Events)
	}
	if _, err := r.Epochs([]float64{10.5}, 0, 1); err == nil {
		t.Error("window past the end accepted")
	}
	if _, err := r.Epochs([]float64{3}, 1, 1); err == nil {
		t.Error("empty window accepted")
	}
}
