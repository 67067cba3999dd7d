package lds

import (
	"context"
	"testing"
)

func TestSelectDimFindsTrueDimension(t *testing.T) {
	truth, err := RandomModel(RandomConfig{States: 3, Channels: 12, MinRadius: 0.6, MaxRadius: 0.95, StateNoise: 0.3, Seed: 17})
	if err != nil {
		t.Fatal(err)
	}
	lengths := make([]int, 10)
	for i := range lengths {
		lengths[i] = 150
	}
	_, y, err := truth.Sample(lengths, nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	sel, err := SelectDim(context.Background(), y, nil, SelectConfig{
		Dims: []int{1, 2, 3, 4, 5}, Folds: 5, EM: Config{MaxIter: 150, Tol: 1e-6},
		Progress: func(step, total int, _ map[string]float64) {
			calls++
			if step != calls || total != 25 {
				t.Fatalf("progress %d/%d at call %d", step, total, calls)
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("chosen %d, best %d, loglik %v", sel.Chosen, sel.Best, sel.LogLik)
	if sel.Chosen != 3 {
		t.Fatalf("chose %d latent dimensions, want 3", sel.Chosen)
	}
	for ci, r2 := range sel.R2 {
		for _, v := range r2 {
			if !(v > 0 && v < 1) {
				t.Fatalf("dimension %d: held-out R² %v outside (0, 1)", sel.Dims[ci], v)
			}
		}
	}
	if _, err := SelectDim(context.Background(), y, nil, SelectConfig{Dims: []int{2, 1}}); err == nil {
		t.Fatal("decreasing Dims accepted")
	}
}
