package covspec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// CovarianceEigenvalues returns the eigenvalues, descending, of the sample covariance
// (mean removed, divided by M−1) of x, which has one row per sample (time window) and one column
// per neuron. When M−1 < N the N×N covariance has rank at most M−1: the eigenvalues come from the
// smaller M×M Gram matrix and the rest are returned as zeros.
func CovarianceEigenvalues(x *mat.Dense) ([]float64, error) {
	if x == nil {
		return nil, fmt.Errorf("covspec: x is nil")
	}
	m, n := x.Dims()
	if m < 2 {
		return nil, fmt.Errorf("covspec: x has %d rows (samples), need at least 2", m)
	}
	c := mat.NewDense(m, n, nil)
	c.Copy(x)
	for j := range n {
		s := 0.0
		for i := range m {
			s += c.At(i, j)
		}
		mu := s / float64(m)
		if math.IsNaN(mu) || math.IsInf(mu, 0) {
			return nil, fmt.Errorf("covspec: x column %d contains NaN or Inf", j)
		}
		for i := range m {
			c.Set(i, j, c.At(i, j)-mu)
		}
	}
	var s mat.SymDense
	if m <= n {
		s.SymOuterK(1/float64(m-1), c)
	} else {
		s.SymOuterK(1/float64(m-1), c.T())
	}
	var es mat.EigenSym
	if !es.Factorize(&s, false) {
		return nil, fmt.Errorf("covspec: eigendecomposition failed")
	}
	v := es.Values(nil)
	out := make([]float64, n)
	for i, e := range v {
		if i < n {
			out[i] = math.Max(e, 0)
		}
	}
	slices.Sort(out)
	slices.Reverse(out)
	return out, nil
}

// ParticipationRatio returns (Σλ)² / Σλ².
func ParticipationRatio(eigs []float64) float64 {
	var s1, s2 float64
	for _, v := range eigs {
		s1 += v
		s2 += v * v
	}
	if s2 == 0 {
		return 0
	}
	return s1 * s1 / s2
}

// RandomConnectivity draws an n×n matrix with reciprocal motifs,
// J = g[√(1−|κ|) G + √|κ| (A ± Aᵀ)], G_ij ~ N(0, 1/n), A_ij ~ N(0, 1/(2n)), + for κ > 0;
// κ = 0 gives i.i.d. J_ij ~ N(0, g²/n).
func RandomConnectivity(n int, g, kappa float64, rng *rand.Rand) (*mat.Dense, error) {
	if n < 1 {
		return nil, fmt.Errorf("covspec: n = %d, need at least 1", n)
	}
	if err := checkFinite("g", g); err != nil {
		return nil, err
	}
	if math.IsNaN(kappa) || kappa < -1 || kappa > 1 {
		return nil, fmt.Errorf("covspec: kappa = %v must lie in [-1, 1]", kappa)
	}
	if rng == nil {
		return nil, fmt.Errorf("covspec: rng is nil")
	}
	j := mat.NewDense(n, n, nil)
	raw := j.RawMatrix().Data
	sg := g * math.Sqrt((1-math.Abs(kappa))/float64(n))
	for i := range raw {
		raw[i] = sg * rng.NormFloat64()
	}
	if kappa != 0 {
		sa := g * math.Sqrt(math.Abs(kappa)/(2*float64(n)))
		sign := 1.0
		if kappa < 0 {
			sign = -1
		}
		for a := range n {
			for b := range n {
				v := sa * rng.NormFloat64() // A_ab, added to J_ab and ±J_ba
				j.Set(a, b, j.At(a, b)+v)
				j.Set(b, a, j.At(b, a)+sign*v)
			}
		}
	}
	return j, nil
}

// QuenchedSpectrum returns the eigenvalues, descending, of (I − γJ)⁻¹(I − γJ)⁻ᵀ for a given J:
// the long-window covariance of the linear network with the same connectivity and gain γ, i.e.
// 1/s_i² over the singular values s_i of I − γJ.
func QuenchedSpectrum(j *mat.Dense, gamma float64) ([]float64, error) {
	if j == nil {
		return nil, fmt.Errorf("covspec: J is nil")
	}
	r, c := j.Dims()
	if r != c {
		return nil, fmt.Errorf("covspec: J is %d×%d, must be square", r, c)
	}
	if err := checkFinite("gamma", gamma); err != nil {
		return nil, err
	}
	a := mat.NewDense(r, r, nil)
	a.Scale(-gamma, j)
	for i := range r {
		a.Set(i, i, a.At(i, i)+1)
	}
	var svd mat.SVD
	if !svd.Factorize(a, mat.SVDNone) {
		return nil, fmt.Errorf("covspec: SVD of I − γJ failed")
	}
	sv := svd.Values(nil)
	out := make([]float64, r)
	for i, s := range sv {
		if s == 0 {
			return nil, fmt.Errorf("covspec: I − γJ is singular")
		}
		out[i] = 1 / (s * s)
	}
	slices.Sort(out)
	slices.Reverse(out)
	return out, nil
}
