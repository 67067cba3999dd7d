package ssid

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// obliqueStage1 returns the whitened stage-1 coefficients for the oblique projection of z's
// future onto y's past along z's past: regress Zf on [Yp; Zp] and keep the Yp part Wy, so that
// Ẑ = Wy Yp = (Wy L_p) v_p; the shifted version regresses Zf⁻ on [Yp⁺; Zp⁺].
func obliqueStage1(mo *Moments, L *mat.TriDense) (g, gm *mat.Dense, err error) {
	i, ny, nz := mo.Horizon, mo.NY, mo.NZ
	P, P1 := i*ny, (i+1)*ny
	ld := mat.DenseCopyOf(L)
	wy, err := obliqueCoef(mo, i, i, 2*i, P)
	if err != nil {
		return nil, nil, err
	}
	g = mat.NewDense(i*nz, P, nil)
	g.Mul(wy, ld.Slice(0, P, 0, P))
	wyp, err := obliqueCoef(mo, i+1, i+1, 2*i, P1)
	if err != nil {
		return nil, nil, err
	}
	gm = mat.NewDense((i-1)*nz, P1, nil)
	gm.Mul(wyp, ld)
	return g, gm, nil
}

// obliqueCoef regresses the z rows at offsets [zf0, zf1) on [y offsets 0..past−1; z offsets
// 0..past−1] and returns the coefficients of the y part (its first nyCols columns).
func obliqueCoef(mo *Moments, zf0, past, zf1, nyCols int) (*mat.Dense, error) {
	var rows, cols []int
	for r := zf0; r < zf1; r++ {
		for c := range mo.NZ {
			rows = append(rows, mo.index(mo.NY+c, r))
		}
	}
	for r := range past {
		for c := range mo.NY {
			cols = append(cols, mo.index(c, r))
		}
	}
	for r := range past {
		for c := range mo.NZ {
			cols = append(cols, mo.index(mo.NY+c, r))
		}
	}
	sfb := subMatrix(mo.h, rows, cols)
	sbb := subMatrix(mo.h, cols, cols)
	w, err := regress(sfb, sbb)
	if err != nil {
		return nil, fmt.Errorf("ssid: oblique projection: %w", err)
	}
	return mat.DenseCopyOf(w.Slice(0, len(rows), 0, nyCols)), nil
}

func subMatrix(h *mat.Dense, rows, cols []int) *mat.Dense {
	out := mat.NewDense(len(rows), len(cols), nil)
	for a, r := range rows {
		for b, c := range cols {
			out.Set(a, b, h.At(r, c))
		}
	}
	return out
}
