package ssid

import (
	"fmt"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"
)

// stabilize clips the eigenvalues of the diagonal blocks A11 (first n1 states) and A22 whose
// magnitude exceeds maxR to magnitude maxR (same angle), keeping eigenvectors, A21 and A12 = 0.
func stabilize(a *mat.Dense, n1 int, maxR float64) (*mat.Dense, error) {
	nx, _ := a.Dims()
	out := mat.DenseCopyOf(a)
	for _, blk := range [][2]int{{0, n1}, {n1, nx}} {
		if blk[1] == blk[0] {
			continue
		}
		b := mat.DenseCopyOf(a.Slice(blk[0], blk[1], blk[0], blk[1]))
		nb, err := clipEigenvalues(b, maxR)
		if err != nil {
			return nil, fmt.Errorf("ssid: stabilisation: %w", err)
		}
		out.Slice(blk[0], blk[1], blk[0], blk[1]).(*mat.Dense).Copy(nb)
	}
	return out, nil
}

// clipEigenvalues returns Re(V Λ' V⁻¹) with |λ'| = min(|λ|, maxR).
func clipEigenvalues(b *mat.Dense, maxR float64) (*mat.Dense, error) {
	n, _ := b.Dims()
	var e mat.Eigen
	if !e.Factorize(b, mat.EigenRight) {
		return nil, fmt.Errorf("eigendecomposition did not converge")
	}
	vals := e.Values(nil)
	var v mat.CDense
	e.VectorsTo(&v)
	// V⁻¹ via the real embedding [Re −Im; Im Re].
	emb := mat.NewDense(2*n, 2*n, nil)
	for r := range n {
		for c := range n {
			z := v.At(r, c)
			emb.Set(r, c, real(z))
			emb.Set(r, c+n, -imag(z))
			emb.Set(r+n, c, imag(z))
			emb.Set(r+n, c+n, real(z))
		}
	}
	var inv mat.Dense
	if err := inv.Inverse(emb); err != nil {
		return nil, fmt.Errorf("eigenvectors are (nearly) dependent: %v", err)
	}
	out := mat.NewDense(n, n, nil)
	for r := range n {
		for c := range n {
			var s complex128
			for k, lam := range vals {
				if a := cmplx.Abs(lam); a > maxR {
					lam *= complex(maxR/a, 0)
				}
				vinv := complex(inv.At(k, c), inv.At(k+n, c))
				s += v.At(r, k) * lam * vinv
			}
			out.Set(r, c, real(s))
		}
	}
	return out, nil
}
