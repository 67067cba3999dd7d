package commsub

import (
	"context"
	"testing"
)

func TestCrossValRidgePrefersShrinkageWhenOverfitting(t *testing.T) {
	// 60 samples, 40 noisy predictors: OLS overfits, a moderate penalty predicts better.
	X, Y, _ := commSim(9, 60, 40, 5, 2, 1)
	cv, err := CrossValRidge(context.Background(), X, Y, RidgeCVConfig{Lambdas: []float64{0, 1, 10, 100, 1000}, Folds: 5})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("mean held-out 1−NSE %.3f, best λ %g", cv.Mean, cv.Best)
	if cv.Best == 0 {
		t.Fatal("cross-validation chose no shrinkage on an overfitting problem")
	}
	if cv.Mean[0] >= cv.Mean[2] {
		t.Fatalf("OLS (%.3f) not worse than λ = 10 (%.3f)", cv.Mean[0], cv.Mean[2])
	}
	if _, err := CrossValRidge(context.Background(), X, Y, RidgeCVConfig{}); err == nil {
		t.Fatal("expected empty Lambdas error")
	}
	if _, err := CrossValRidge(context.Background(), X, Y, RidgeCVConfig{Lambdas: []float64{-1}}); err == nil {
		t.Fatal("expected negative lambda error")
	}
}
