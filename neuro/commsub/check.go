package commsub

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// dense validates a data matrix argument and returns a private copy.
func dense(name string, m mat.Matrix) (*mat.Dense, error) {
	if m == nil {
		return nil, fmt.Errorf("commsub: %s is nil", name)
	}
	r, c := m.Dims()
	if r == 0 || c == 0 {
		return nil, fmt.Errorf("commsub: %s is empty (%d×%d)", name, r, c)
	}
	d := mat.DenseCopyOf(m)
	for i := range r {
		for j, v := range d.RawRowView(i) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("commsub: %s[%d,%d] = %v is not finite", name, i, j, v)
			}
		}
	}
	return d, nil
}

// pair validates a source/target pair with matching sample counts.
func pair(x, y mat.Matrix) (*mat.Dense, *mat.Dense, error) {
	X, err := dense("X", x)
	if err != nil {
		return nil, nil, err
	}
	Y, err := dense("Y", y)
	if err != nil {
		return nil, nil, err
	}
	if nx, ny := X.RawMatrix().Rows, Y.RawMatrix().Rows; nx != ny {
		return nil, nil, fmt.Errorf("commsub: X has %d rows (samples) but Y has %d", nx, ny)
	}
	if X.RawMatrix().Rows < 2 {
		return nil, nil, fmt.Errorf("commsub: need at least 2 samples, got %d", X.RawMatrix().Rows)
	}
	return X, Y, nil
}

// center subtracts the column means in place and returns them.
func center(X *mat.Dense) []float64 {
	n, p := X.Dims()
	mean := make([]float64, p)
	for i := range n {
		for j, v := range X.RawRowView(i) {
			mean[j] += v
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	for i := range n {
		row := X.RawRowView(i)
		for j := range row {
			row[j] -= mean[j]
		}
	}
	return mean
}

// rows returns the rows idx of X as a new matrix.
func rows(X *mat.Dense, idx []int) *mat.Dense {
	_, c := X.Dims()
	out := mat.NewDense(len(idx), c, nil)
	for i, k := range idx {
		copy(out.RawRowView(i), X.RawRowView(k))
	}
	return out
}
