package facrnn

import (
	"context"
	"errors"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestFitMethodsDeterministic: parallel training gives the same models as sequential Fit calls
// with the same seeds, whatever the scheduling; cancellation stops training with ctx's error.
func TestFitMethodsDeterministic(t *testing.T) {
	s := testSynthetic(t)
	train, _, _, err := s.Split()
	if err != nil {
		t.Fatal(err)
	}
	base := Config{K: 6, Beta: 20, Epochs: 3, Restarts: 2}
	runs, err := FitMethods(context.Background(), train, Methods, []uint64{3, 4}, base, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2*len(Methods) {
		t.Fatalf("%d runs", len(runs))
	}
	for _, r := range runs {
		if r.Method == LrRNNICA || r.Method == LINT {
			continue
		}
		c, _ := MethodConfig(r.Method, base, 3)
		c.Seed = r.Seed
		m, err := Fit(context.Background(), train, c)
		if err != nil {
			t.Fatal(err)
		}
		if !mat.Equal(m.Enc[0].W, r.Model.Enc[0].W) || !mat.Equal(m.Dec[0].W, r.Model.Dec[0].W) {
			t.Errorf("%s seed %d: parallel and sequential models differ", r.Method, r.Seed)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Fit(ctx, train, Config{K: 6, H: 3, Beta: 20, Epochs: 10}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Fit returned %v", err)
	}
	steps := 0
	if _, err := Fit(context.Background(), train, Config{K: 2, Epochs: 4, Restarts: 2,
		Progress: func(step, total int, m map[string]float64) {
			steps++
			if step != steps || total != 8 || m["loss"] == 0 {
				t.Errorf("progress step %d total %d metrics %v", step, total, m)
			}
		}}); err != nil || steps != 8 {
		t.Errorf("progress called %d times, err %v", steps, err)
	}
}
