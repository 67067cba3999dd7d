package commsub

import (
	"context"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// FAConfig configures FitFA. The zero value is valid (zero factors: independent neurons).
type FAConfig struct {
	Factors  int     // number of latent factors q ≥ 0
	MaxIter  int     // EM iterations; default 5000
	Tol      float64 // stop when the log-likelihood gain is below Tol·|LL|; default 1e-8
	VarFloor float64 // private variance floor as a fraction of each neuron's variance; default 0.01
	// Progress, if set, is called after every EM iteration with {"loglik": total LL}.
	Progress func(step, total int, metrics map[string]float64)
}

func (c FAConfig) withDefaults() (FAConfig, error) {
	if c.MaxIter == 0 {
		c.MaxIter = 5000
	}
	if c.Tol == 0 {
		c.Tol = 1e-8
	}
	if c.VarFloor == 0 {
		c.VarFloor = 0.01
	}
	switch {
	case c.Factors < 0:
		return c, fmt.Errorf("commsub: Factors = %d, need ≥ 0", c.Factors)
	case c.MaxIter < 0:
		return c, fmt.Errorf("commsub: MaxIter = %d, need ≥ 0", c.MaxIter)
	case !(c.Tol > 0):
		return c, fmt.Errorf("commsub: Tol = %v, need > 0", c.Tol)
	case !(c.VarFloor > 0 && c.VarFloor < 1):
		return c, fmt.Errorf("commsub: VarFloor = %v, need 0 < VarFloor < 1", c.VarFloor)
	}
	return c, nil
}

// FA is a fitted factor-analysis model x = L z + Mean + ε, z ~ N(0, I), ε ~ N(0, diag(Psi)).
type FA struct {
	L      *mat.Dense // p×q loadings
	Psi    []float64  // private variances (length p)
	Mean   []float64  // length p
	LogLik float64    // training log-likelihood (total over samples)
	Iter   int        // EM iterations run
}

// FitFA fits factor analysis to X (n samples × p neurons) by EM, initialised from probabilistic
// PCA, with a floor on the private variances.
func FitFA(ctx context.Context, x mat.Matrix, cfg FAConfig) (*FA, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	X, err := dense("X", x)
	if err != nil {
		return nil, err
	}
	n, p := X.Dims()
	if n < 2 {
		return nil, fmt.Errorf("commsub: X has %d samples, need at least 2", n)
	}
	if cfg.Factors >= p {
		return nil, fmt.Errorf("commsub: Factors = %d, need fewer than the %d neurons", cfg.Factors, p)
	}
	mean := center(X)
	S := mat.NewSymDense(p, nil)
	S.SymOuterK(1/float64(n), X.T())
	for i := range p {
		if S.At(i, i) <= 0 {
			return nil, fmt.Errorf("commsub: X column %d has zero variance", i)
		}
	}
	return faEM(ctx, S, n, mean, cfg)
}

// faEM runs EM on the sample covariance S of n samples.
func faEM(ctx context.Context, S *mat.SymDense, n int, mean []float64, cfg FAConfig) (*FA, error) {
	p, q := S.SymmetricDim(), cfg.Factors
	floor := make([]float64, p)
	for i := range p {
		floor[i] = cfg.VarFloor * S.At(i, i)
	}
	L, psi := ppcaInit(S, q)
	for i := range psi {
		psi[i] = math.Max(psi[i], floor[i])
	}
	fa := &FA{L: L, Psi: psi, Mean: mean}
	fa.LogLik = float64(n) * faAvgLL(L, psi, S)
	if q == 0 {
		return fa, nil
	}
	var (
		PiL  = mat.NewDense(p, q, nil) // Ψ⁻¹ L
		M    = mat.NewSymDense(q, nil)
		beta = mat.NewDense(q, p, nil)
		SbT  = mat.NewDense(p, q, nil) // S βᵀ
		Ezz  = mat.NewSymDense(q, nil)
		chol mat.Cholesky
		Minv mat.SymDense
	)
	for it := 1; it <= cfg.MaxIter; it++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// E-step: β = (I + LᵀΨ⁻¹L)⁻¹ LᵀΨ⁻¹; E[zzᵀ] = M⁻¹ + β S βᵀ.
		for i := range p {
			for j := range q {
				PiL.Set(i, j, L.At(i, j)/psi[i])
			}
		}
		var LtPiL mat.Dense
		LtPiL.Mul(L.T(), PiL)
		for i := range q {
			for j := i; j < q; j++ {
				v := LtPiL.At(i, j)
				if i == j {
					v++
				}
				M.SetSym(i, j, v)
			}
		}
		if !chol.Factorize(M) {
			return nil, fmt.Errorf("commsub: factor analysis E-step lost positive definiteness at iteration %d", it)
		}
		if err := chol.InverseTo(&Minv); err != nil {
			return nil, fmt.Errorf("commsub: factor analysis E-step: %w", err)
		}
		beta.Mul(&Minv, PiL.T())
		SbT.Mul(S, beta.T())
		var bSbT mat.Dense
		bSbT.Mul(beta, SbT)
		for i := range q {
			for j := i; j < q; j++ {
				Ezz.SetSym(i, j, Minv.At(i, j)+bSbT.At(i, j))
			}
		}
		// M-step: L = S βᵀ E[zzᵀ]⁻¹; Ψ = diag(S − L β S), floored.
		if !chol.Factorize(Ezz) {
			return nil, fmt.Errorf("commsub: factor analysis M-step: E[zzᵀ] not positive definite at iteration %d", it)
		}
		var Lt mat.Dense
		if err := chol.SolveTo(&Lt, SbT.T()); err != nil {
			return nil, fmt.Errorf("commsub: factor analysis M-step: %w", err)
		}
		L.Copy(Lt.T())
		for i := range p {
			var v float64
			for j := range q {
				v += L.At(i, j) * SbT.At(i, j)
			}
			psi[i] = math.Max(S.At(i, i)-v, floor[i])
		}
		ll := float64(n) * faAvgLL(L, psi, S)
		fa.Iter = it
		if cfg.Progress != nil {
			cfg.Progress(it, cfg.MaxIter, map[string]float64{"loglik": ll})
		}
		done := ll-fa.LogLik < cfg.Tol*math.Abs(ll)
		fa.LogLik = ll
		if done {
			break
		}
	}
	if math.IsNaN(fa.LogLik) {
		return nil, fmt.Errorf("commsub: factor analysis diverged (NaN log-likelihood)")
	}
	return fa, nil
}

// ppcaInit returns probabilistic-PCA loadings U_q (λ − σ²)^½ and private variances diag(S − LLᵀ).
func ppcaInit(S *mat.SymDense, q int) (*mat.Dense, []float64) {
	p := S.SymmetricDim()
	psi := make([]float64, p)
	for i := range p {
		psi[i] = S.At(i, i)
	}
	if q == 0 {
		return &mat.Dense{}, psi
	}
	L := mat.NewDense(p, q, nil)
	var eig mat.EigenSym
	eig.Factorize(S, true)
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	order := make([]int, p)
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return vals[order[a]] > vals[order[b]] })
	var sigma2 float64
	for _, k := range order[q:] {
		sigma2 += vals[k]
	}
	sigma2 /= float64(p - q)
	for j, k := range order[:q] {
		s := math.Sqrt(math.Max(vals[k]-sigma2, 1e-6*vals[order[0]]))
		for i := range p {
			L.Set(i, j, vecs.At(i, k)*s)
			psi[i] -= L.At(i, j) * L.At(i, j)
		}
	}
	return L, psi
}

// faAvgLL is the average Gaussian log-likelihood per sample of data with covariance S (about the
// model mean) under Σ = L Lᵀ + diag(psi), in O(p²q) through the Woodbury identity:
// log det Σ = log det M + Σ log ψ_i and tr(Σ⁻¹S) = tr(Ψ⁻¹S) − tr(M⁻¹ (Ψ⁻¹L)ᵀ S (Ψ⁻¹L)),
// with M = I + LᵀΨ⁻¹L.
func faAvgLL(L *mat.Dense, psi []float64, S mat.Symmetric) float64 {
	p := len(psi)
	var logdet, tr float64
	for i, v := range psi {
		if !(v > 0) {
			return math.Inf(-1)
		}
		logdet += math.Log(v)
		tr += S.At(i, i) / v
	}
	if r, q := L.Dims(); r > 0 && q > 0 {
		PiL := mat.NewDense(p, q, nil)
		for i := range p {
			for j := range q {
				PiL.Set(i, j, L.At(i, j)/psi[i])
			}
		}
		M := mat.NewSymDense(q, nil)
		var LtPiL, SPiL, G mat.Dense
		LtPiL.Mul(L.T(), PiL)
		for i := range q {
			for j := i; j < q; j++ {
				v := LtPiL.At(i, j)
				if i == j {
					v++
				}
				M.SetSym(i, j, v)
			}
		}
		var chol mat.Cholesky
		if !chol.Factorize(M) {
			return math.Inf(-1)
		}
		logdet += chol.LogDet()
		SPiL.Mul(S, PiL)
		G.Mul(PiL.T(), &SPiL)
		var X mat.Dense
		if err := chol.SolveTo(&X, &G); err != nil {
			return math.Inf(-1)
		}
		tr -= mat.Trace(&X)
	}
	return -0.5 * (float64(p)*math.Log(2*math.Pi) + logdet + tr)
}

func faCov(L *mat.Dense, psi []float64) *mat.SymDense {
	p := len(psi)
	Sigma := mat.NewSymDense(p, nil)
	if r, c := L.Dims(); r > 0 && c > 0 {
		Sigma.SymOuterK(1, L)
	}
	for i := range p {
		Sigma.SetSym(i, i, Sigma.At(i, i)+psi[i])
	}
	return Sigma
}

// Factors returns the number of latent factors q.
func (f *FA) Factors() int {
	if r, _ := f.L.Dims(); r == 0 {
		return 0
	}
	_, q := f.L.Dims()
	return q
}

// Cov returns the model covariance L Lᵀ + diag(Psi).
func (f *FA) Cov() *mat.SymDense { return faCov(f.L, f.Psi) }

// LogLikelihood returns the total log-likelihood of the rows of X under the model.
func (f *FA) LogLikelihood(x mat.Matrix) (float64, error) {
	X, err := dense("X", x)
	if err != nil {
		return 0, err
	}
	n, p := X.Dims()
	if p != len(f.Psi) {
		return 0, fmt.Errorf("commsub: X has %d columns, model has %d neurons", p, len(f.Psi))
	}
	for i := range n {
		row := X.RawRowView(i)
		for j := range row {
			row[j] -= f.Mean[j]
		}
	}
	S := mat.NewSymDense(p, nil)
	S.SymOuterK(1/float64(n), X.T())
	return float64(n) * faAvgLL(f.L, f.Psi, S), nil
}

// Latents returns the posterior means E[z | x] = β (x − Mean) for the rows of X (n×q).
func (f *FA) Latents(x mat.Matrix) (*mat.Dense, error) {
	X, err := dense("X", x)
	if err != nil {
		return nil, err
	}
	n, p := X.Dims()
	if p != len(f.Psi) {
		return nil, fmt.Errorf("commsub: X has %d columns, model has %d neurons", p, len(f.Psi))
	}
	q := f.Factors()
	if q == 0 {
		return nil, fmt.Errorf("commsub: a zero-factor model has no latents")
	}
	PiL := mat.NewDense(p, q, nil)
	for i := range p {
		for j := range q {
			PiL.Set(i, j, f.L.At(i, j)/f.Psi[i])
		}
	}
	M := mat.NewDense(q, q, nil)
	M.Mul(f.L.T(), PiL)
	for i := range q {
		M.Set(i, i, M.At(i, i)+1)
	}
	var beta mat.Dense
	if err := beta.Solve(M, PiL.T()); err != nil {
		return nil, fmt.Errorf("commsub: posterior: %w", err)
	}
	for i := range n {
		row := X.RawRowView(i)
		for j := range row {
			row[j] -= f.Mean[j]
		}
	}
	out := mat.NewDense(n, q, nil)
	out.Mul(X, beta.T())
	return out, nil
}

// SharedSpace returns the eigen-decomposition of the shared covariance L Lᵀ: an orthonormal
// basis (p×q, columns by decreasing shared variance) of the loading subspace and the shared
// variance along each column.
func (f *FA) SharedSpace() (*mat.Dense, []float64, error) {
	q := f.Factors()
	if q == 0 {
		return nil, nil, fmt.Errorf("commsub: a zero-factor model has no shared space")
	}
	var svd mat.SVD
	if !svd.Factorize(f.L, mat.SVDThin) {
		return nil, nil, fmt.Errorf("commsub: SVD of loadings failed")
	}
	s := svd.Values(nil)
	var U mat.Dense
	svd.UTo(&U)
	for i := range s {
		s[i] *= s[i]
	}
	return &U, s, nil
}

// SharedDim returns the smallest number of dimensions of the shared space that explain at least
// frac (e.g. 0.95) of the shared variance.
func (f *FA) SharedDim(frac float64) (int, error) {
	if !(frac > 0 && frac <= 1) {
		return 0, fmt.Errorf("commsub: frac = %v, need 0 < frac ≤ 1", frac)
	}
	_, v, err := f.SharedSpace()
	if err != nil {
		return 0, err
	}
	var tot float64
	for _, x := range v {
		tot += x
	}
	var acc float64
	for i, x := range v {
		acc += x
		if acc >= frac*tot*(1-1e-12) {
			return i + 1, nil
		}
	}
	return len(v), nil
}
