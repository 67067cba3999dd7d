package kernelext

import (
	"errors"
	"testing"

	"gonum.org/v1/gonum/mat"
)

type fitted struct {
	A    *mat.Dense
	Loss []float64
}

func TestMemo(t *testing.T) {
	for _, dir := range []string{"", t.TempDir()} { // in memory, and in a notebook's scratch dir
		t.Setenv("GONB_TMP_DIR", dir)
		calls := 0
		compute := func() (fitted, error) {
			calls++
			return fitted{A: mat.NewDense(2, 2, []float64{1, 2, 3, 4}), Loss: []float64{3, 2, 1}}, nil
		}
		a, err := Memo("fit seed=1", compute)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Memo("fit seed=1", compute)
		if err != nil {
			t.Fatal(err)
		}
		if calls != 1 {
			t.Fatalf("dir %q: compute ran %d times, want 1", dir, calls)
		}
		if !mat.Equal(a.A, b.A) || b.Loss[2] != 1 {
			t.Fatalf("dir %q: stored value differs: %v vs %v", dir, a, b)
		}
		Forget("fit seed=1")
		if _, err := Memo("fit seed=1", compute); err != nil || calls != 2 {
			t.Fatalf("dir %q: Forget did not drop the value (calls %d, err %v)", dir, calls, err)
		}
		Forget("fit seed=1")
	}
	_, err := Memo("failing", func() (int, error) { return 0, errors.New("boom") })
	if err == nil || err.Error() != "boom" {
		t.Fatalf("compute error not returned: %v", err)
	}
	_, err = Memo("unencodable", func() (func(), error) { return func() {}, nil })
	if err == nil {
		t.Fatal("a func value cannot be stored; expected an error")
	}
}
