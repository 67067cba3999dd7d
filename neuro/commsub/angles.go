package commsub

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// PrincipalAngles returns the principal angles (radians, ascending) between the column spaces of
// A (p×a) and B (p×b); there are min(rank A, rank B) of them.
func PrincipalAngles(a, b mat.Matrix) ([]float64, error) {
	A, err := dense("A", a)
	if err != nil {
		return nil, err
	}
	B, err := dense("B", b)
	if err != nil {
		return nil, err
	}
	if ra, rb := A.RawMatrix().Rows, B.RawMatrix().Rows; ra != rb {
		return nil, fmt.Errorf("commsub: A has %d rows but B has %d", ra, rb)
	}
	Qa, err := orthBasis(A)
	if err != nil {
		return nil, fmt.Errorf("commsub: A: %w", err)
	}
	Qb, err := orthBasis(B)
	if err != nil {
		return nil, fmt.Errorf("commsub: B: %w", err)
	}
	var M mat.Dense
	M.Mul(Qa.T(), Qb)
	var svd mat.SVD
	if !svd.Factorize(&M, mat.SVDNone) {
		return nil, fmt.Errorf("commsub: SVD failed")
	}
	s := svd.Values(nil)
	out := make([]float64, len(s))
	for i, c := range s {
		out[i] = math.Acos(math.Min(1, c))
	}
	return out, nil
}
