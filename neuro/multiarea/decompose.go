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
	Jd, R := mat.DenseCopyOf(J), mat.DenseCopyOf(rates)
	for t := range T {
		for u, v := range R.RawRowView(t) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("multiarea: rates[%d,%d] = %v is not finite", t, u, v)
			}
		}
	}
	// cols gathers the given columns of the given rows of m.
	cols := func(m *mat.Dense, rowIdx, colIdx []int) *mat.Dense {
		out := mat.NewDense(len(rowIdx), len(colIdx), nil)
		for a, i := range rowIdx {
			src, dst := m.RawRowView(i), out.RawRowView(a)
			for b, j := range colIdx {
				dst[b] = src[j]
			}
		}
		return out
	}
	allT := span(0, T)
	Rs := make([]*mat.Dense, len(regions))
	for j, rj := range regions {
		Rs[j] = cols(R, allT, rj.Units)
	}
	cur := &Currents{Regions: regions, C: make([][]*mat.Dense, len(regions))}
	for i, ri := range regions {
		cur.C[i] = make([]*mat.Dense, len(regions))
		for j, rj := range regions {
			Jij := cols(Jd, ri.Units, rj.Units)
			Rj := Rs[j]
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
