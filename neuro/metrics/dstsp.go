package metrics

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// DstspConfig configures Dstsp. The zero value follows Pals et al. (2024): σ = 1, 1000 Monte
// Carlo samples, at most 10,000 time points per set, exact float64 log-sum-exp.
type DstspConfig struct {
	Sigma     float64 // isotropic kernel width; 0 means 1
	Samples   int     // Monte Carlo samples; 0 means 1000
	MaxPoints int     // time points kept per set (random subset); 0 means 10,000
	Seed      uint64
	// Float32Drop reproduces the smc_rnns code: densities are averaged in float32 and samples
	// whose density underflows to 0 in either set are dropped. This biases the estimate
	// DOWNWARDS (the dropped samples are those with the largest log-ratios) and is offered only
	// to compare with the paper's numbers.
	Float32Drop bool
}

// DstspResult is a D_stsp estimate.
type DstspResult struct {
	KL   float64 // D_stsp = mean over samples of log p_data(s) − log p_gen(s)
	Kept int     // samples used (all of them unless Float32Drop dropped underflows)
}

// Dstsp estimates the state-space divergence D_stsp = KL(p_data ‖ p_gen) between Gaussian
// kernel density estimates of two point clouds (rows are time points, columns dimensions):
//
//	p(s) = (1/n) Σ_i N(s; μ_i, σ² I),   s_j = μ_{i_j} + σ ε_j  with i_j uniform over the data,
//
// D_stsp ≈ (1/S) Σ_j [log p_data(s_j) − log p_gen(s_j)]. The Gaussian normalisers cancel.
// Data are expected z-scored. An error is returned when every sample is dropped.
func Dstsp(data, gen *mat.Dense, cfg DstspConfig) (DstspResult, error) {
	if cfg.Sigma == 0 {
		cfg.Sigma = 1
	}
	if cfg.Samples == 0 {
		cfg.Samples = 1000
	}
	if cfg.MaxPoints == 0 {
		cfg.MaxPoints = 10000
	}
	if data == nil || gen == nil {
		return DstspResult{}, fmt.Errorf("metrics: Dstsp: data and gen are required")
	}
	nd, d := data.Dims()
	ng, dg := gen.Dims()
	switch {
	case d != dg:
		return DstspResult{}, fmt.Errorf("metrics: Dstsp: data has %d columns and gen %d", d, dg)
	case nd < 1 || ng < 1:
		return DstspResult{}, fmt.Errorf("metrics: Dstsp: empty point set (%d and %d rows)", nd, ng)
	case !(cfg.Sigma > 0) || cfg.Samples < 1 || cfg.MaxPoints < 1:
		return DstspResult{}, fmt.Errorf("metrics: Dstsp: Sigma %v, Samples %d, MaxPoints %d must be positive", cfg.Sigma, cfg.Samples, cfg.MaxPoints)
	}
	if err := finite("data", data); err != nil {
		return DstspResult{}, err
	}
	if err := finite("gen", gen); err != nil {
		return DstspResult{}, err
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xd575))
	pd, pg := subsample(data, cfg.MaxPoints, rng), subsample(gen, cfg.MaxPoints, rng)
	S := cfg.Samples
	s := mat.NewDense(S, d, nil)
	for j := range S {
		row := pd.RawRowView(rng.IntN(pd.RawMatrix().Rows))
		for c := range d {
			s.Set(j, c, row[c]+cfg.Sigma*rng.NormFloat64())
		}
	}
	lpd := kdeLog(s, pd, cfg)
	lpg := kdeLog(s, pg, cfg)
	sum, kept := 0.0, 0
	for j := range S {
		if math.IsInf(lpd[j], -1) || math.IsInf(lpg[j], -1) {
			continue
		}
		sum += lpd[j] - lpg[j]
		kept++
	}
	if kept == 0 {
		return DstspResult{}, fmt.Errorf("metrics: Dstsp: every sample underflowed in float32 (use the float64 mode)")
	}
	return DstspResult{KL: sum / float64(kept), Kept: kept}, nil
}

// kdeLog returns log (1/n) Σ_i exp(−‖s_j − μ_i‖²/(2σ²)) for every sample row s_j; in the
// Float32Drop mode the average is formed in float32 and an underflow gives −Inf.
func kdeLog(s, mu *mat.Dense, cfg DstspConfig) []float64 {
	S, _ := s.Dims()
	n, _ := mu.Dims()
	// ‖s − μ‖² = ‖s‖² + ‖μ‖² − 2 s·μ, with one matrix product.
	dot := mat.NewDense(S, n, nil)
	blas64.Gemm(blas.NoTrans, blas.Trans, 1, s.RawMatrix(), mu.RawMatrix(), 0, dot.RawMatrix())
	ns, nm := rowSq(s), rowSq(mu)
	out := make([]float64, S)
	inv := 1 / (2 * cfg.Sigma * cfg.Sigma)
	for j := range S {
		row := dot.RawRowView(j)
		if cfg.Float32Drop {
			var acc float32
			for i, x := range row {
				acc += float32(math.Exp(-math.Max(ns[j]+nm[i]-2*x, 0) * inv))
			}
			// float32 exp underflows (to 0) below about e^−103.3
			out[j] = math.Log(float64(acc / float32(n)))
			continue
		}
		mx := math.Inf(-1)
		for i, x := range row {
			row[i] = -math.Max(ns[j]+nm[i]-2*x, 0) * inv
			mx = math.Max(mx, row[i])
		}
		sum := 0.0
		for _, x := range row {
			sum += math.Exp(x - mx)
		}
		out[j] = mx + math.Log(sum/float64(n))
	}
	return out
}

func rowSq(a *mat.Dense) []float64 {
	r, _ := a.Dims()
	out := make([]float64, r)
	for i := range r {
		for _, x := range a.RawRowView(i) {
			out[i] += x * x
		}
	}
	return out
}

func subsample(a *mat.Dense, max int, rng *rand.Rand) *mat.Dense {
	r, c := a.Dims()
	if r <= max {
		return a
	}
	idx := rng.Perm(r)[:max]
	out := mat.NewDense(max, c, nil)
	for i, k := range idx {
		out.SetRow(i, a.RawRowView(k))
	}
	return out
}

func finite(name string, a *mat.Dense) error {
	r, _ := a.Dims()
	for i := range r {
		for j, x := range a.RawRowView(i) {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("metrics: %s[%d, %d] is %v", name, i, j, x)
			}
		}
	}
	return nil
}
