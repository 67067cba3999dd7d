package facrnn

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/neurodyn/neurodyn/neuro/metrics"
)

// Alignment is the result of GroupR2.
type Alignment struct {
	R2      float64    // uniform mean over the true dimensions of the aligned R²
	PerDim  []float64  // R² of every true dimension
	Assign  []int      // Assign[g] = predicted group aligned to true group g
	Aligned *mat.Dense // the aligned prediction (same shape as the truth)
}

// GroupR2 aligns predicted latent groups to true ones: for every (true, predicted) pair it fits
// an affine least-squares map from the predicted group's coordinates (plus an intercept) to the
// true group's coordinates, assigns groups one-to-one by the Hungarian algorithm (maximising
// the summed R²) and reports the R² of the stacked aligned prediction, averaged over the true
// dimensions.
func GroupR2(zTrue, zPred *mat.Dense, trueGroups, predGroups [][]int) (Alignment, error) {
	n, Kt := zTrue.Dims()
	np, Kp := zPred.Dims()
	if np != n {
		return Alignment{}, fmt.Errorf("facrnn: GroupR2: zPred has %d rows, zTrue has %d", np, n)
	}
	if err := checkPartition(trueGroups, Kt); err != nil {
		return Alignment{}, fmt.Errorf("facrnn: GroupR2: trueGroups: %w", err)
	}
	if err := checkPartition(predGroups, Kp); err != nil {
		return Alignment{}, fmt.Errorf("facrnn: GroupR2: predGroups: %w", err)
	}
	if len(predGroups) < len(trueGroups) {
		return Alignment{}, fmt.Errorf("facrnn: GroupR2: %d predicted groups for %d true groups", len(predGroups), len(trueGroups))
	}
	for _, m := range []*mat.Dense{zTrue, zPred} {
		if err := finite("GroupR2 latents", m); err != nil {
			return Alignment{}, err
		}
	}
	fits := make([][]*mat.Dense, len(trueGroups))
	cost := make([][]float64, len(trueGroups))
	for g, St := range trueGroups {
		Y := cols(zTrue, St)
		fits[g] = make([]*mat.Dense, len(predGroups))
		cost[g] = make([]float64, len(predGroups))
		for p, Sp := range predGroups {
			if n <= len(Sp)+1 {
				return Alignment{}, fmt.Errorf("facrnn: GroupR2: %d samples for a %d-dimensional group", n, len(Sp))
			}
			Yhat, err := affineFit(cols(zPred, Sp), Y)
			if err != nil {
				return Alignment{}, err
			}
			fits[g][p] = Yhat
			for _, r := range r2Cols(Y, Yhat) {
				cost[g][p] -= r
			}
		}
	}
	assign, _, err := metrics.Hungarian(cost)
	if err != nil {
		return Alignment{}, err
	}
	al := Alignment{Assign: assign, Aligned: mat.NewDense(n, Kt, nil), PerDim: make([]float64, Kt)}
	for g, St := range trueGroups {
		Yhat := fits[g][assign[g]]
		r := r2Cols(cols(zTrue, St), Yhat)
		for c, k := range St {
			al.PerDim[k] = r[c]
			for t := 0; t < n; t++ {
				al.Aligned.Set(t, k, Yhat.At(t, c))
			}
		}
	}
	for _, r := range al.PerDim {
		al.R2 += r / float64(Kt)
	}
	return al, nil
}

// ComponentR2 is GroupR2 with every dimension its own group.
func ComponentR2(zTrue, zPred *mat.Dense) (Alignment, error) {
	_, Kt := zTrue.Dims()
	_, Kp := zPred.Dims()
	return GroupR2(zTrue, zPred, ContiguousGroups(Kt, 1), ContiguousGroups(Kp, 1))
}

// Groupings returns every partition of K coordinates into unordered groups of size H
// ((GH)!/(G!(H!)^G) of them; 10 for K = 6, H = 3).
func Groupings(K, H int) ([][][]int, error) {
	if H < 1 || K%H != 0 {
		return nil, fmt.Errorf("facrnn: Groupings: H = %d must divide K = %d", H, K)
	}
	if K > 12 {
		return nil, fmt.Errorf("facrnn: Groupings: K = %d too large to enumerate (max 12)", K)
	}
	var out [][][]int
	var rec func(left []int, acc [][]int)
	rec = func(left []int, acc [][]int) {
		if len(left) == 0 {
			cp := make([][]int, len(acc))
			for i, g := range acc {
				cp[i] = append([]int(nil), g...)
			}
			out = append(out, cp)
			return
		}
		// The smallest remaining coordinate opens the next group (unordered groups).
		first, rest := left[0], left[1:]
		var choose func(start int, grp []int)
		choose = func(start int, grp []int) {
			if len(grp) == H {
				var remain []int
				for _, c := range rest {
					if !contains(grp, c) {
						remain = append(remain, c)
					}
				}
				rec(remain, append(acc, grp))
				return
			}
			for i := start; i < len(rest); i++ {
				choose(i+1, append(append([]int(nil), grp...), rest[i]))
			}
		}
		choose(0, []int{first})
	}
	rec(allIdx(K), nil)
	return out, nil
}

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Conn compares a connectivity matrix with the truth over all entries.
type Conn struct {
	MAE, RMSE, R2, Corr float64
}

// CompareConn returns MAE, RMSE, R² (1 − SS_res/SS_tot about the truth's mean) and the Pearson
// correlation between the entries of W and WTrue.
func CompareConn(W, WTrue *mat.Dense) (Conn, error) {
	r, c := W.Dims()
	if tr, tc := WTrue.Dims(); tr != r || tc != c {
		return Conn{}, fmt.Errorf("facrnn: CompareConn: W is %d×%d, WTrue is %d×%d", r, c, tr, tc)
	}
	a, b := mat.DenseCopyOf(W).RawMatrix().Data, mat.DenseCopyOf(WTrue).RawMatrix().Data
	n := float64(len(a))
	var ma, mb float64
	for i := range a {
		ma += a[i] / n
		mb += b[i] / n
	}
	var out Conn
	var ssr, sst, sab, saa, sbb float64
	for i := range a {
		d := a[i] - b[i]
		out.MAE += math.Abs(d) / n
		ssr += d * d
		sst += (b[i] - mb) * (b[i] - mb)
		sab += (a[i] - ma) * (b[i] - mb)
		saa += (a[i] - ma) * (a[i] - ma)
		sbb += (b[i] - mb) * (b[i] - mb)
	}
	out.RMSE = math.Sqrt(ssr / n)
	if sst == 0 || saa == 0 {
		return Conn{}, fmt.Errorf("facrnn: CompareConn: a matrix is constant, R² and correlation are undefined")
	}
	out.R2 = 1 - ssr/sst
	out.Corr = sab / math.Sqrt(saa*sbb)
	for _, v := range []float64{out.MAE, out.RMSE, out.R2, out.Corr} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Conn{}, fmt.Errorf("facrnn: CompareConn: non-finite entries")
		}
	}
	return out, nil
}

// CompareSubConn compares the model's sub-connectivities (one per predicted group) with the
// true ones, in the group order with the smallest mean MAE; metrics are averaged over groups.
// It also returns the chosen order (order[g] = predicted group matched to true group g).
func CompareSubConn(m *Model, predGroups [][]int, subTrue []*mat.Dense) (Conn, []int, error) {
	if len(predGroups) != len(subTrue) {
		return Conn{}, nil, fmt.Errorf("facrnn: CompareSubConn: %d predicted groups, %d true sub-connectivities", len(predGroups), len(subTrue))
	}
	if err := checkPartition(predGroups, m.K); err != nil {
		return Conn{}, nil, fmt.Errorf("facrnn: CompareSubConn: %w", err)
	}
	G := len(predGroups)
	cmp := make([][]Conn, G)
	for g := range cmp {
		cmp[g] = make([]Conn, G)
		for p, S := range predGroups {
			w, err := m.SubW(S)
			if err != nil {
				return Conn{}, nil, err
			}
			if cmp[g][p], err = CompareConn(w, subTrue[g]); err != nil {
				return Conn{}, nil, err
			}
		}
	}
	best, bestMAE := []int(nil), math.Inf(1)
	permute(allIdx(G), func(order []int) {
		s := 0.0
		for g, p := range order {
			s += cmp[g][p].MAE
		}
		if s < bestMAE {
			bestMAE, best = s, append([]int(nil), order...)
		}
	})
	var out Conn
	for g, p := range best {
		c := cmp[g][p]
		f := 1 / float64(G)
		out.MAE += f * c.MAE
		out.RMSE += f * c.RMSE
		out.R2 += f * c.R2
		out.Corr += f * c.Corr
	}
	return out, best, nil
}

// permute calls f with every permutation of s (Heap's algorithm; f must not keep s).
func permute(s []int, f func([]int)) {
	var rec func(k int)
	rec = func(k int) {
		if k <= 1 {
			f(s)
			return
		}
		for i := 0; i < k; i++ {
			rec(k - 1)
			if k%2 == 0 {
				s[i], s[k-1] = s[k-1], s[i]
			} else {
				s[0], s[k-1] = s[k-1], s[0]
			}
		}
	}
	rec(len(s))
}

// PairedT is the two-sided paired t-test of a against b (same length ≥ 2): t statistic and
// p-value with n−1 degrees of freedom.
func PairedT(a, b []float64) (t, p float64, err error) {
	n := len(a)
	if n != len(b) || n < 2 {
		return 0, 0, fmt.Errorf("facrnn: PairedT: need two samples of equal length ≥ 2, got %d and %d", len(a), len(b))
	}
	mean := 0.0
	for i := range a {
		mean += (a[i] - b[i]) / float64(n)
	}
	v := 0.0
	for i := range a {
		d := a[i] - b[i] - mean
		v += d * d / float64(n-1)
	}
	if v == 0 {
		return 0, 0, fmt.Errorf("facrnn: PairedT: the differences are constant")
	}
	t = mean / math.Sqrt(v/float64(n))
	st := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}
	p = 2 * st.CDF(-math.Abs(t))
	return t, p, nil
}

// Stars is the usual significance code: **** p<1e-4, *** p<1e-3, ** p<0.01, * p<0.05, else "ns".
func Stars(p float64) string {
	switch {
	case p < 1e-4:
		return "****"
	case p < 1e-3:
		return "***"
	case p < 0.01:
		return "**"
	case p < 0.05:
		return "*"
	}
	return "ns"
}

// cols copies the given columns of a.
func cols(a *mat.Dense, S []int) *mat.Dense {
	n, _ := a.Dims()
	out := mat.NewDense(n, len(S), nil)
	for t := 0; t < n; t++ {
		for c, k := range S {
			out.Set(t, c, a.At(t, k))
		}
	}
	return out
}

// affineFit returns the least-squares prediction of Y from [X, 1].
func affineFit(X, Y *mat.Dense) (*mat.Dense, error) {
	n, p := X.Dims()
	D := mat.NewDense(n, p+1, nil)
	for t := 0; t < n; t++ {
		for c := 0; c < p; c++ {
			D.Set(t, c, X.At(t, c))
		}
		D.Set(t, p, 1)
	}
	var qr mat.QR
	qr.Factorize(D)
	var coef mat.Dense
	if err := qr.SolveTo(&coef, false, Y); err != nil {
		return nil, fmt.Errorf("facrnn: affine alignment: %w (collinear predicted latents?)", err)
	}
	var Yhat mat.Dense
	Yhat.Mul(D, &coef)
	return &Yhat, nil
}

// r2Cols returns 1 − SS_res/SS_tot for every column.
func r2Cols(Y, Yhat *mat.Dense) []float64 {
	n, c := Y.Dims()
	out := make([]float64, c)
	for k := 0; k < c; k++ {
		m := 0.0
		for t := 0; t < n; t++ {
			m += Y.At(t, k) / float64(n)
		}
		var ssr, sst float64
		for t := 0; t < n; t++ {
			d := Y.At(t, k) - Yhat.At(t, k)
			ssr += d * d
			e := Y.At(t, k) - m
			sst += e * e
		}
		if sst == 0 {
			out[k] = 0
			continue
		}
		out[k] = 1 - ssr/sst
	}
	return out
}
