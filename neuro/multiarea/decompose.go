package multiarea

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Currents is the decomposition of the recurrent input into region-to-region currents.
type Currents struct {
	Regions []Region
	// C[i][j] is the T×N_i current from source region j into target region i, J[R_i,R_j] r_{R_j}(t).
	C [][]*mat.Dense
}

// Decompose splits the recurrent input J r of rates (T×N) into region-to-region currents.
func Decompose(J, rates mat.Matrix, regions []Region) (*Currents, error) {
	if J == nil || rates == nil {
		return nil, fmt.Errorf("multiarea: J and rates must not be nil")
	}
	n, n2 := J.Dims()
	if n != n2 {
		return nil, fmt.Errorf("multiarea: J is %d×%d, need square", n, n2)
	}
	T, c := rates.Dims()
	if c != n {
		return nil, fmt.Errorf("multiarea: rates have %d columns, J has %d units", c, n)
	}
	if err := checkRegions(regions, n); err != nil {
		return nil, err
	}
	for t := range T {
		for u := range n {
			if v := rates.At(t, u); math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("multiarea: rates[%d,%d] = %v is not finite", t, u, v)
			}
		}
	}
	sub := func(m mat.Matrix, rowIdx, colIdx []int) *mat.Dense {
		out := mat.NewDense(len(rowIdx), len(colIdx), nil)
		for a, i := range rowIdx {
			for b, j := range colIdx {
				out.Set(a, b, m.At(i, j))
			}
		}
		return out
	}
	allT := span(0, T)
	cur := &Currents{Regions: regions, C: make([][]*mat.Dense, len(regions))}
	for i, ri := range regions {
		cur.C[i] = make([]*mat.Dense, len(regions))
		for j, rj := range regions {
			Jij := sub(J, ri.Units, rj.Units)
			Rj := sub(rates, allT, rj.Units)
			C := mat.NewDense(T, len(ri.Units), nil)
			C.Mul(Rj, Jij.T())
			cur.C[i][j] = C
		}
	}
	return cur, nil
}

// RMS returns the M×M matrix of root-mean-square currents, [target][source].
func (c *Currents) RMS() *mat.Dense {
	M := len(c.Regions)
	out := mat.NewDense(M, M, nil)
	for i := range M {
		for j := range M {
			r, cc := c.C[i][j].Dims()
			f := mat.Norm(c.C[i][j], 2)
			out.Set(i, j, f/math.Sqrt(float64(r*cc)))
		}
	}
	return out
}
