package facrnn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// ICAConfig configures FastICA.
type ICAConfig struct {
	MaxIter int     // 0 means 1000
	Tol     float64 // convergence on max |1 − |⟨w_new, w_old⟩||; 0 means 1e-6
	Seed    uint64
}

// ICA is a fitted FastICA model: sources s = Unmix (x − Mean), x = Mix s + Mean.
type ICA struct {
	Mean       []float64
	Unmix, Mix *mat.Dense // K×K
	Iter       int
}

// FastICA estimates K independent components of X (T×K) with the symmetric (parallel)
// fixed-point algorithm and the logcosh contrast G(u) = log cosh u (g = tanh):
//
//	x̃ = whitened data;  W ← E[g(W x̃) x̃ᵀ] − diag(E[g'(W x̃)]) W;  W ← (W Wᵀ)^(−1/2) W.
//
// Hyvärinen (1999), "Fast and robust fixed-point algorithms for independent component analysis".
func FastICA(X *mat.Dense, cfg ICAConfig) (*ICA, error) {
	T, K := X.Dims()
	if T < K+1 {
		return nil, fmt.Errorf("facrnn: FastICA: X has %d rows, need more than %d (columns)", T, K)
	}
	if err := finite("FastICA X", X); err != nil {
		return nil, err
	}
	if cfg.MaxIter == 0 {
		cfg.MaxIter = 1000
	}
	if cfg.Tol == 0 {
		cfg.Tol = 1e-6
	}
	mean := make([]float64, K)
	for t := 0; t < T; t++ {
		for k, v := range X.RawRowView(t) {
			mean[k] += v / float64(T)
		}
	}
	Xc := mat.NewDense(T, K, nil)
	for t := 0; t < T; t++ {
		for k, v := range X.RawRowView(t) {
			Xc.Set(t, k, v-mean[k])
		}
	}
	var cov mat.SymDense
	cov.SymOuterK(1/float64(T), Xc.T())
	var eig mat.EigenSym
	if !eig.Factorize(&cov, true) {
		return nil, fmt.Errorf("facrnn: FastICA: eigendecomposition of the covariance failed")
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	if vals[0] <= 1e-12*vals[K-1] {
		return nil, fmt.Errorf("facrnn: FastICA: X is rank deficient (covariance eigenvalue %g)", vals[0])
	}
	// Whitening V = D^(−1/2) Eᵀ (K×K), its inverse E D^(1/2).
	V, Vinv := mat.NewDense(K, K, nil), mat.NewDense(K, K, nil)
	for i := 0; i < K; i++ {
		for j := 0; j < K; j++ {
			V.Set(i, j, vecs.At(j, i)/math.Sqrt(vals[i]))
			Vinv.Set(j, i, vecs.At(j, i)*math.Sqrt(vals[i]))
		}
	}
	var Xw mat.Dense // T×K whitened
	Xw.Mul(Xc, V.T())
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x1ca))
	W := mat.NewDense(K, K, nil)
	for i, d := 0, W.RawMatrix().Data; i < len(d); i++ {
		d[i] = rng.NormFloat64()
	}
	if err := symDecorrelate(W); err != nil {
		return nil, err
	}
	var Y mat.Dense
	Wn := mat.NewDense(K, K, nil)
	iter := 0
	for iter = 1; iter <= cfg.MaxIter; iter++ {
		Y.Mul(&Xw, W.T()) // T×K, y_t = W x̃_t
		Wn.Zero()
		gp := make([]float64, K)
		for t := 0; t < T; t++ {
			y, x := Y.RawRowView(t), Xw.RawRowView(t)
			for i, v := range y {
				g := math.Tanh(v)
				gp[i] += 1 - g*g
				row := Wn.RawRowView(i)
				for j, xv := range x {
					row[j] += g * xv
				}
			}
		}
		for i := 0; i < K; i++ {
			row, wi := Wn.RawRowView(i), W.RawRowView(i)
			for j := range row {
				row[j] = row[j]/float64(T) - gp[i]/float64(T)*wi[j]
			}
		}
		if err := symDecorrelate(Wn); err != nil {
			return nil, err
		}
		lim := 0.0
		for i := 0; i < K; i++ {
			lim = max(lim, math.Abs(math.Abs(mat.Dot(Wn.RowView(i), W.RowView(i)))-1))
		}
		W.Copy(Wn)
		if lim < cfg.Tol {
			break
		}
	}
	ica := &ICA{Mean: mean, Unmix: &mat.Dense{}, Mix: &mat.Dense{}, Iter: min(iter, cfg.MaxIter)}
	ica.Unmix.Mul(W, V)
	ica.Mix.Mul(Vinv, W.T()) // W orthogonal: (W V)⁻¹ = V⁻¹ Wᵀ
	return ica, nil
}

// symDecorrelate sets W ← (W Wᵀ)^(−1/2) W.
func symDecorrelate(W *mat.Dense) error {
	K, _ := W.Dims()
	var s mat.SymDense
	s.SymOuterK(1, W)
	var eig mat.EigenSym
	if !eig.Factorize(&s, true) {
		return fmt.Errorf("facrnn: FastICA: decorrelation failed")
	}
	vals := eig.Values(nil)
	var E mat.Dense
	eig.VectorsTo(&E)
	M := mat.NewDense(K, K, nil)
	for i := 0; i < K; i++ {
		for j := 0; j < K; j++ {
			v := 0.0
			for l := 0; l < K; l++ {
				if !(vals[l] > 0) {
					return fmt.Errorf("facrnn: FastICA: singular unmixing matrix")
				}
				v += E.At(i, l) * E.At(j, l) / math.Sqrt(vals[l])
			}
			M.Set(i, j, v)
		}
	}
	W.Mul(M, mat.DenseCopyOf(W))
	return nil
}
