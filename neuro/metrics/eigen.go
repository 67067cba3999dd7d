package metrics

import (
	"fmt"
	"math"
	"math/cmplx"
)

// MatchEigenvalues pairs every true eigenvalue with a learned one so that Σ|λ_true − λ_learned|
// is minimal. Both lists are padded with zeros to the same length first; it returns the padded
// true list and the learned list reordered to match it.
func MatchEigenvalues(truth, learned []complex128) (t, l []complex128, err error) {
	for k, v := range truth {
		if cmplx.IsNaN(v) || cmplx.IsInf(v) {
			return nil, nil, fmt.Errorf("metrics: true eigenvalue %d = %v is not finite", k, v)
		}
	}
	for k, v := range learned {
		if cmplx.IsNaN(v) || cmplx.IsInf(v) {
			return nil, nil, fmt.Errorf("metrics: learned eigenvalue %d = %v is not finite", k, v)
		}
	}
	n := max(len(truth), len(learned))
	t = make([]complex128, n)
	lp := make([]complex128, n)
	copy(t, truth)
	copy(lp, learned)
	cost := make([][]float64, n)
	for r := range cost {
		cost[r] = make([]float64, n)
		for c := range cost[r] {
			cost[r][c] = cmplx.Abs(t[r] - lp[c])
		}
	}
	assign, _, err := Hungarian(cost)
	if err != nil {
		return nil, nil, err
	}
	l = make([]complex128, n)
	for r, c := range assign {
		l[r] = lp[c]
	}
	return t, l, nil
}

// EigenvalueError returns the normalized eigenvalue error ‖λ_true − λ_learned[π]‖/‖λ_true‖
// after optimal matching (see the package documentation).
func EigenvalueError(truth, learned []complex128) (float64, error) {
	if len(truth) == 0 {
		return 0, fmt.Errorf("metrics: EigenvalueError: no true eigenvalues")
	}
	t, l, err := MatchEigenvalues(truth, learned)
	if err != nil {
		return 0, err
	}
	var num, den float64
	for k := range t {
		d := cmplx.Abs(t[k] - l[k])
		num += d * d
		a := cmplx.Abs(t[k])
		den += a * a
	}
	if den == 0 {
		return 0, fmt.Errorf("metrics: EigenvalueError: all true eigenvalues are zero")
	}
	return math.Sqrt(num / den), nil
}
