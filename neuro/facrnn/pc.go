package facrnn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// kde evaluates the partial-correlation integrand of one sample z_i against a set of kernel
// centres μ_j (m×K), with log-weights lwSelf for j = self and lwOther otherwise:
//
//	r_i = LSE_j(Σ_g q^g_ij + lw_ij) − Σ_g LSE_j(q^g_ij + lw_ij),  q^g_ij = −|z_i^g − μ_j^g|²/(2s²).
//
// Groups are contiguous coordinate ranges [bounds[g], bounds[g+1]). The full-kernel
// exponentials are products of the group ones (one exp per pair and group); a row whose
// product underflows is recomputed directly. When dz/dmu are not nil, scale·∂r_i/∂z_i and
// scale·∂r_i/∂μ_j are added to them.
type kde struct {
	bounds  []int
	inv2s2  float64
	q, e    []float64 // G×m: q^g_j, then exp(q^g_j − max_j q^g_j)
	full    []float64
	mx, tot []float64
}

func newKDE(bounds []int, sq float64, m int) *kde {
	G := len(bounds) - 1
	return &kde{bounds: bounds, inv2s2: 1 / (2 * sq * sq), q: make([]float64, G*m), e: make([]float64, G*m),
		full: make([]float64, m), mx: make([]float64, G), tot: make([]float64, G)}
}

// groupBounds returns the offsets of equal contiguous groups of size H.
func groupBounds(K, H int) []int {
	b := make([]int, 0, K/H+1)
	for k := 0; k <= K; k += H {
		b = append(b, k)
	}
	return b
}

func (k *kde) row(z []float64, mu []float64, K, m, self int, lwSelf, lwOther, scale float64, dz, dmu []float64) float64 {
	G := len(k.bounds) - 1
	wSelf, wOther := math.Exp(lwSelf), math.Exp(lwOther)
	z = z[:K]
	mu = mu[:m*K]
	full := k.full[:m]
	sumMax, sumGroupLSE := 0.0, 0.0
	for g := 0; g < G; g++ {
		lo, hi := k.bounds[g], k.bounds[g+1]
		zg := z[lo:hi]
		q, e := k.q[g*m:(g+1)*m], k.e[g*m:(g+1)*m]
		mx := math.Inf(-1)
		for j := range q {
			mj := mu[j*K+lo : j*K+hi]
			s := 0.0
			for c, zc := range zg {
				d := zc - mj[c]
				s += d * d
			}
			v := -s * k.inv2s2
			q[j] = v
			mx = max(mx, v)
		}
		tot := 0.0
		if g == 0 {
			for j, v := range q {
				x := expNeg(v - mx)
				e[j] = x
				full[j] = x
				tot += x
			}
		} else {
			for j, v := range q {
				x := expNeg(v - mx)
				e[j] = x
				full[j] *= x
				tot += x
			}
		}
		if self >= 0 {
			tot = (tot-e[self])*wOther + e[self]*wSelf
		} else {
			tot *= wOther
		}
		k.mx[g], k.tot[g] = mx, tot
		sumMax += mx
		sumGroupLSE += mx + math.Log(tot)
	}
	F := 0.0
	for _, x := range full {
		F += x
	}
	if self >= 0 {
		F = (F-full[self])*wOther + full[self]*wSelf
	} else {
		F *= wOther
	}
	var lseFull float64
	if F > 1e-250 {
		lseFull = sumMax + math.Log(F)
	} else { // underflow: recompute with the full maximum
		fm := math.Inf(-1)
		for j := range full {
			v := 0.0
			for g := 0; g < G; g++ {
				v += k.q[g*m+j]
			}
			full[j] = v
			fm = max(fm, v)
		}
		F = 0
		for j, v := range full {
			full[j] = expNeg(v - fm)
			F += full[j]
		}
		if self >= 0 {
			F = (F-full[self])*wOther + full[self]*wSelf
		} else {
			F *= wOther
		}
		lseFull = fm + math.Log(F)
	}
	r := lseFull - sumGroupLSE
	if dz == nil && dmu == nil {
		return r
	}
	// c^g_j = P_j − P^g_j (softmax weights of the full and the group kernels);
	// ∂r/∂z_i = −Σ_j c_j (z_i − μ_j)/s², ∂r/∂μ_j = c_j (z_i − μ_j)/s² on the group's coordinates.
	f := scale * 2 * k.inv2s2
	invF := f / F
	for g := 0; g < G; g++ {
		lo, hi := k.bounds[g], k.bounds[g+1]
		zg := z[lo:hi]
		e := k.e[g*m : (g+1)*m]
		invT := f / k.tot[g]
		var acc [8]float64
		for j, ej := range e {
			c := full[j]*invF - ej*invT
			if j == self {
				c *= wSelf
			} else {
				c *= wOther
			}
			mj := mu[j*K+lo : j*K+hi]
			if dmu != nil {
				dmj := dmu[j*K+lo : j*K+hi]
				for cc, zc := range zg {
					d := c * (zc - mj[cc])
					dmj[cc] += d
					if cc < len(acc) {
						acc[cc] += d
					}
				}
			} else {
				for cc, zc := range zg[:min(len(zg), len(acc))] {
					acc[cc] += c * (zc - mj[cc])
				}
			}
			if len(zg) > len(acc) && dz != nil {
				for cc := len(acc); cc < len(zg); cc++ {
					dz[lo+cc] -= c * (zg[cc] - mj[cc])
				}
			}
		}
		if dz != nil {
			for cc := 0; cc < min(len(zg), len(acc)); cc++ {
				dz[lo+cc] -= acc[cc]
			}
		}
	}
	return r
}

// batchPC is the mini-batch estimator PĈ over n samples z (n×K) with means mu, importance
// weights w_ii = 1, w_ij = (tTot−1)/(n−1); with dz, dmu it adds scale·∂PĈ/∂z and ∂PĈ/∂μ.
func batchPC(k *kde, z, mu []float64, n, K int, tTot, scale float64, dz, dmu []float64) float64 {
	G := len(k.bounds) - 1
	if G <= 1 || n < 2 {
		return 0
	}
	lwOther := math.Log((tTot - 1) / float64(n-1))
	s := 0.0
	for i := 0; i < n; i++ {
		var dzi []float64
		if dz != nil {
			dzi = dz[i*K : (i+1)*K]
		}
		s += k.row(z[i*K:(i+1)*K], mu, K, n, i, 0, lwOther, scale/float64(n), dzi, dmu)
	}
	return s/float64(n) + float64(G-1)*math.Log(tTot)
}

// PartialCorrelation is the evaluation estimator of KL(q(z) ‖ Π_g q(z^(g))) over a test set:
// the aggregated posterior is the Gaussian KDE of all n encoder means mu (n×K) with bandwidth
// sq, evaluated at `samples` draws z ~ N(μ_i, sq² I) per point (seeded) and averaged. groups is
// a partition of the K coordinates; singletons give the total correlation.
func PartialCorrelation(mu *mat.Dense, sq float64, groups [][]int, samples int, seed uint64) (float64, error) {
	n, K := mu.Dims()
	switch {
	case n < 2:
		return 0, fmt.Errorf("facrnn: PartialCorrelation: mu has %d rows, need at least 2", n)
	case !(sq > 0) || math.IsInf(sq, 0):
		return 0, fmt.Errorf("facrnn: PartialCorrelation: sq = %v, want positive and finite", sq)
	case samples < 1:
		return 0, fmt.Errorf("facrnn: PartialCorrelation: samples = %d, want ≥ 1", samples)
	}
	if err := checkPartition(groups, K); err != nil {
		return 0, fmt.Errorf("facrnn: PartialCorrelation: %w", err)
	}
	if err := finite("PartialCorrelation mu", mu); err != nil {
		return 0, err
	}
	if len(groups) == 1 {
		return 0, nil
	}
	// Reorder the coordinates so that every group is a contiguous range.
	order, bounds := make([]int, 0, K), []int{0}
	for _, S := range groups {
		order = append(order, S...)
		bounds = append(bounds, len(order))
	}
	m := make([]float64, n*K)
	for i := 0; i < n; i++ {
		for c, src := range order {
			m[i*K+c] = mu.At(i, src)
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x9c3))
	z := make([]float64, samples*n*K)
	for s := 0; s < samples; s++ {
		for i := 0; i < n*K; i++ {
			z[s*n*K+i] = m[i] + sq*rng.NormFloat64()
		}
	}
	vals := make([]float64, samples*n)
	workers := min(runtime.GOMAXPROCS(0), samples*n)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			k := newKDE(bounds, sq, n)
			for r := w; r < samples*n; r += workers {
				i := r % n
				vals[r] = k.row(z[r*K:(r+1)*K], m, K, n, i, 0, 0, 0, nil, nil)
			}
		}(w)
	}
	wg.Wait()
	s := 0.0
	for _, v := range vals {
		s += v
	}
	return s/float64(len(vals)) + float64(len(groups)-1)*math.Log(float64(n)), nil
}

// TotalCorrelation is PartialCorrelation with every coordinate its own group.
func TotalCorrelation(mu *mat.Dense, sq float64, samples int, seed uint64) (float64, error) {
	_, K := mu.Dims()
	return PartialCorrelation(mu, sq, ContiguousGroups(K, 1), samples, seed)
}

func checkPartition(groups [][]int, K int) error {
	seen := make([]bool, K)
	cnt := 0
	for g, S := range groups {
		if len(S) == 0 {
			return fmt.Errorf("groups[%d] is empty", g)
		}
		for _, c := range S {
			if c < 0 || c >= K || seen[c] {
				return fmt.Errorf("groups[%d] has coordinate %d out of range [0, %d) or repeated", g, c, K)
			}
			seen[c] = true
			cnt++
		}
	}
	if cnt != K {
		return fmt.Errorf("groups cover %d of %d coordinates", cnt, K)
	}
	return nil
}
