package metrics

import (
	"fmt"
	"math"
)

// Hungarian solves the linear assignment problem for an n×m cost matrix: it returns assign
// with assign[r] = the column given to row r (−1 when n > m and row r is left out) and the
// minimal total cost. Every row has the same length; entries must be finite.
func Hungarian(cost [][]float64) (assign []int, total float64, err error) {
	n := len(cost)
	if n == 0 {
		return nil, 0, nil
	}
	m := len(cost[0])
	for r, row := range cost {
		if len(row) != m {
			return nil, 0, fmt.Errorf("metrics: Hungarian: cost row %d has %d entries, row 0 has %d", r, len(row), m)
		}
		for c, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, 0, fmt.Errorf("metrics: Hungarian: cost[%d][%d] = %v is not finite", r, c, v)
			}
		}
	}
	if m == 0 {
		assign = make([]int, n)
		for r := range assign {
			assign[r] = -1
		}
		return assign, 0, nil
	}
	if n > m {
		t := make([][]float64, m)
		for c := range t {
			t[c] = make([]float64, n)
			for r := range n {
				t[c][r] = cost[r][c]
			}
		}
		colOf, tot, _ := Hungarian(t)
		assign = make([]int, n)
		for r := range assign {
			assign[r] = -1
		}
		for c, r := range colOf {
			assign[r] = c
		}
		return assign, tot, nil
	}
	// n ≤ m. Potentials u (rows) and v (columns), 1-based with a virtual column 0.
	u := make([]float64, n+1)
	v := make([]float64, m+1)
	rowOf := make([]int, m+1) // rowOf[c] = row (1-based) assigned to column c, 0 = none
	way := make([]int, m+1)
	minv := make([]float64, m+1)
	used := make([]bool, m+1)
	for r := 1; r <= n; r++ {
		rowOf[0] = r
		c0 := 0
		for c := range minv {
			minv[c] = math.Inf(1)
			used[c] = false
		}
		for {
			used[c0] = true
			r0 := rowOf[c0]
			delta := math.Inf(1)
			c1 := 0
			for c := 1; c <= m; c++ {
				if used[c] {
					continue
				}
				cur := cost[r0-1][c-1] - u[r0] - v[c]
				if cur < minv[c] {
					minv[c] = cur
					way[c] = c0
				}
				if minv[c] < delta {
					delta = minv[c]
					c1 = c
				}
			}
			for c := 0; c <= m; c++ {
				if used[c] {
					u[rowOf[c]] += delta
					v[c] -= delta
				} else {
					minv[c] -= delta
				}
			}
			c0 = c1
			if rowOf[c0] == 0 {
				break
			}
		}
		for c0 != 0 {
			c1 := way[c0]
			rowOf[c0] = rowOf[c1]
			c0 = c1
		}
	}
	assign = make([]int, n)
	for c := 1; c <= m; c++ {
		if rowOf[c] != 0 {
			assign[rowOf[c]-1] = c - 1
		}
	}
	for r, c := range assign {
		total += cost[r][c]
	}
	return assign, total, nil
}
