package linalg

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestStackRows(t *testing.T) {
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	b := mat.NewDense(1, 2, []float64{5, 6})
	got := StackRows([]*mat.Dense{a, b})
	want := mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6})
	if !mat.Equal(got, want) {
		t.Fatalf("got %v, want %v", mat.Formatted(got), mat.Formatted(want))
	}
	if r, c := StackRows(nil).Dims(); r != 0 || c != 0 {
		t.Fatalf("empty input gave %d×%d", r, c)
	}
}

func TestRandomOrthogonal(t *testing.T) {
	q := RandomOrthogonal(5, rand.New(rand.NewPCG(1, 2)))
	var qtq mat.Dense
	qtq.Mul(q.T(), q)
	id := mat.NewDiagDense(5, []float64{1, 1, 1, 1, 1})
	if !mat.EqualApprox(&qtq, id, 1e-12) {
		t.Fatalf("QᵀQ ≠ I:\n%v", mat.Formatted(&qtq))
	}
}
