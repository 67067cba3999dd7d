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
// Groups are contiguous coordinate ranges [bounds[g], bounds[g+1]); the centres are stored
// group-major (muG[g] is m×H_g) so that the pair loops run over contiguous memory. The
// full-kernel exponentials are products of the group ones (one exp per pair and group); a row
// whose product underflows is recomputed directly. When dz/dmuG are not nil, scale·∂r_i/∂z_i
// and scale·∂r_i/∂μ_j (group-major) are added to them.
type kde struct {
	bounds  []int
	inv2s2  float64
	q, e    []float64 // G×m: q^g_j, then exp(q^g_j − max_j q^g_j)
	full    []float64
	mx, tot []float64
	muG     [][]float64 // group-major centres of the current batch
	dmuG    [][]float64 // group-major gradient accumulators
}

func newKDE(bounds []int, sq float64, m int) *kde {
	G := len(bounds) - 1
	k := &kde{bounds: bounds, inv2s2: 1 / (2 * sq * sq), q: make([]float64, G*m), e: make([]float64, G*m),
		full: make([]float64, m), mx: make([]float64, G), tot: make([]float64, G),
		muG: make([][]float64, G), dmuG: make([][]float64, G)}
	for g := 0; g < G; g++ {
		h := bounds[g+1] - bounds[g]
		k.muG[g] = make([]float64, m*h)
		k.dmuG[g] = make([]float64, m*h)
	}
	return k
}

// groupBounds returns the offsets of equal contiguous groups of size H.
func groupBounds(K, H int) []int {
	b := make([]int, 0, K/H+1)
	for k := 0; k <= K; k += H {
		b = append(b, k)
	}
	return b
}

// toGroupMajor copies m rows of mu (row-major, K columns) into dst[g] (m×H_g each).
func toGroupMajor(dst [][]float64, bounds []int, mu []float64, m, K int) {
	for g := range dst {
		lo, hi := bounds[g], bounds[g+1]
		h := hi - lo
		d := dst[g][:m*h]
		for j := 0; j < m; j++ {
			copy(d[j*h:(j+1)*h], mu[j*K+lo:j*K+hi])
		}
	}
}

func (k *kde) row(z []float64, muG [][]float64, K, m, self int, lwSelf, lwOther, scale float64, dz []float64, dmuG [][]float64) float64 {
	G := len(k.bounds) - 1
	wSelf, wOther := math.Exp(lwSelf), math.Exp(lwOther)
	z = z[:K]
	full := k.full[:m]
	inv := k.inv2s2
	sumMax, sumGroupLSE := 0.0, 0.0
	for g := 0; g < G; g++ {
		lo, hi := k.bounds[g], k.bounds[g+1]
		h := hi - lo
		zg := z[lo:hi]
		mg := muG[g][:m*h]
		q, e := k.q[g*m:(g+1)*m], k.e[g*m:(g+1)*m]
		mx := math.Inf(-1)
		switch h {
		case 1:
			z0 := zg[0]
			for j := range q {
				d := z0 - mg[j]
				v := -d * d * inv
				q[j] = v
				mx = max(mx, v)
			}
		case 3:
			z0, z1, z2 := zg[0], zg[1], zg[2]
			for j := range q {
				mj := mg[3*j : 3*j+3 : 3*j+3]
				d0, d1, d2 := z0-mj[0], z1-mj[1], z2-mj[2]
				v := -(d0*d0 + d1*d1 + d2*d2) * inv
				q[j] = v
				mx = max(mx, v)
			}
		default:
			for j := range q {
				mj := mg[j*h : (j+1)*h]
				s := 0.0
				for c, zc := range zg {
					d := zc - mj[c]
					s += d * d
				}
				v := -s * inv
				q[j] = v
				mx = max(mx, v)
			}
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
	if dz == nil && dmuG == nil {
		return r
	}
	// c^g_j = (P_j − P^g_j)·scale/s² with P, P^g the softmax weights of the full and the group
	// kernels; ∂r/∂z_i = −Σ_j c_j (z_i − μ_j), ∂r/∂μ_j = c_j (z_i − μ_j) on the group's coordinates.
	f := scale * 2 * inv
	for g := 0; g < G; g++ {
		lo, hi := k.bounds[g], k.bounds[g+1]
		h := hi - lo
		zg := z[lo:hi]
		mg := muG[g][:m*h]
		dg := dmuG[g][:m*h]
		e := k.e[g*m : (g+1)*m]
		a, b := wOther*f/F, wOther*f/k.tot[g]
		if self >= 0 { // undo the other-weight on the self term below
			full[self] *= wSelf / wOther
			e[self] *= wSelf / wOther
		}
		switch h {
		case 3:
			z0, z1, z2 := zg[0], zg[1], zg[2]
			var s0, s1, s2 float64
			for j, ej := range e {
				c := full[j]*a - ej*b
				mj := mg[3*j : 3*j+3 : 3*j+3]
				dj := dg[3*j : 3*j+3 : 3*j+3]
				d0, d1, d2 := c*(z0-mj[0]), c*(z1-mj[1]), c*(z2-mj[2])
				dj[0] += d0
				dj[1] += d1
				dj[2] += d2
				s0 += d0
				s1 += d1
				s2 += d2
			}
			if dz != nil {
				dz[lo] -= s0
				dz[lo+1] -= s1
				dz[lo+2] -= s2
			}
		default:
			for cc, zc := range zg {
				s := 0.0
				for j, ej := range e {
					c := full[j]*a - ej*b
					d := c * (zc - mg[j*h+cc])
					dg[j*h+cc] += d
					s += d
				}
				if dz != nil {
					dz[lo+cc] -= s
				}
			}
		}
		if self >= 0 {
			full[self] *= wOther / wSelf
			e[self] *= wOther / wSelf
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
	toGroupMajor(k.muG, k.bounds, mu, n, K)
	var dmuG [][]float64
	if dmu != nil {
		dmuG = k.dmuG
		for g := range dmuG {
			clear(dmuG[g])
		}
	}
	lwOther := math.Log((tTot - 1) / float64(n-1))
	s := 0.0
	for i := 0; i < n; i++ {
		var dzi []float64
		if dz != nil {
			dzi = dz[i*K : (i+1)*K]
		}
		s += k.row(z[i*K:(i+1)*K], k.muG, K, n, i, 0, lwOther, scale/float64(n), dzi, dmuG)
	}
	if dmu != nil {
		for g := 0; g < G; g++ {
			lo, hi := k.bounds[g], k.bounds[g+1]
			h := hi - lo
			for j := 0; j < n; j++ {
				for c := 0; c < h; c++ {
					dmu[j*K+lo+c] += dmuG[g][j*h+c]
				}
			}
		}
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
	muG := make([][]float64, len(groups))
	for g := range muG {
		muG[g] = make([]float64, n*(bounds[g+1]-bounds[g]))
	}
	toGroupMajor(muG, bounds, m, n, K)
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
				vals[r] = k.row(z[r*K:(r+1)*K], muG, K, n, i, 0, 0, 0, nil, nil)
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
