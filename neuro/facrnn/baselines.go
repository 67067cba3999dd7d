package facrnn

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// WithICA returns the lrRNN+ICA baseline: FastICA on the encoder means of the samples U
// (typically the training inputs), then A' = A·Mix and B' = Unmix·B with biases adjusted so
// that the new latents are the ICA sources and the decoder output is unchanged.
func WithICA(m *Model, U *mat.Dense, cfg ICAConfig) (*Model, error) {
	if !m.Linear() {
		return nil, fmt.Errorf("facrnn: WithICA: needs a linear model")
	}
	mu, err := m.Encode(U)
	if err != nil {
		return nil, err
	}
	ica, err := FastICA(mu, cfg)
	if err != nil {
		return nil, err
	}
	out := m.clone()
	// s = Unmix(B u + b − mean): B' = Unmix B, b' = Unmix (b − mean).
	out.Enc[0].W.Mul(ica.Unmix, m.Enc[0].W)
	bm := make([]float64, m.K)
	for k := range bm {
		bm[k] = m.Enc[0].Bias[k] - ica.Mean[k]
	}
	mat.NewVecDense(m.K, out.Enc[0].Bias).MulVec(ica.Unmix, mat.NewVecDense(m.K, bm))
	// x̂ = A(Mix s + mean) + a: A' = A Mix, a' = a + A mean.
	out.Dec[0].W.Mul(m.Dec[0].W, ica.Mix)
	am := mat.NewVecDense(m.N, nil)
	am.MulVec(m.Dec[0].W, mat.NewVecDense(m.K, ica.Mean))
	for i := range out.Dec[0].Bias {
		out.Dec[0].Bias[i] = m.Dec[0].Bias[i] + am.AtVec(i)
	}
	return out, nil
}

// WithLINT returns the LINT baseline: the rank-K SVD W = U S Vᵀ of the trained connectivity,
// A' = U_K S_K, B' = V_Kᵀ, b' = 0 and a' = a + A b (so the decoder output is unchanged).
func WithLINT(m *Model) (*Model, error) {
	W, err := m.W()
	if err != nil {
		return nil, err
	}
	var svd mat.SVD
	if !svd.Factorize(W, mat.SVDThin) {
		return nil, fmt.Errorf("facrnn: WithLINT: SVD failed")
	}
	var U, V mat.Dense
	svd.UTo(&U)
	svd.VTo(&V)
	s := svd.Values(nil)
	out := m.clone()
	for k := 0; k < m.K; k++ {
		for i := 0; i < m.N; i++ {
			out.Dec[0].W.Set(i, k, U.At(i, k)*s[k])
			out.Enc[0].W.Set(k, i, V.At(i, k))
		}
		out.Enc[0].Bias[k] = 0
	}
	ab := mat.NewVecDense(m.N, nil)
	ab.MulVec(m.Dec[0].W, mat.NewVecDense(m.K, m.Enc[0].Bias))
	for i := range out.Dec[0].Bias {
		out.Dec[0].Bias[i] = m.Dec[0].Bias[i] + ab.AtVec(i)
	}
	return out, nil
}

func (m *Model) clone() *Model {
	c := *m
	cp := func(ls []Layer) []Layer {
		out := make([]Layer, len(ls))
		for i, L := range ls {
			out[i] = Layer{W: mat.DenseCopyOf(L.W), Bias: append([]float64(nil), L.Bias...), ReLU: L.ReLU}
		}
		return out
	}
	c.Enc, c.Dec = cp(m.Enc), cp(m.Dec)
	c.LogStd = append([]float64(nil), m.LogStd...)
	return &c
}
