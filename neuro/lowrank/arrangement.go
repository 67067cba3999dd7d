package lowrank

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/mat"
)

// Region enumeration of the hyperplane arrangement {u_j·z = θ_j} (see doc.go, "Exact fixed
// points"). Offsets are perturbed symbolically, θ_j + ε^{j+1} with ε → 0 (simulation of
// simplicity), so that every vertex lies on exactly d hyperplanes and sees 2^d regions. A
// region is emitted once, at its lowest vertex along a generic direction c; regions unbounded
// along −c are the regions of the arrangement cut by a hyperplane Π = {c·y = −M} below all
// vertices, enumerated recursively in one dimension less.

const (
	parTol  = 1e-11 // |n_k·dir| below which plane k is parallel to a line
	geomTol = 1e-10 // relative tolerance for a point on a plane and for tied crossings
	coefTol = 1e-9  // perturbation coefficients below this are zero
	ambTol  = 1e-10 // ownership multipliers below this are ambiguous (both sides emitted)
)

// level is one affine arrangement of the recursion: planes n_k·y = off_k (unit normals) in R^d
// and the hinges whose state is constant on it.
type level struct {
	d     int
	pos   []int     // global hinge index of each plane, ascending
	nrm   []float64 // len(pos)×d
	off   []float64
	fixed []int // global hinges with constant state
	fixOn []bool
	c     []float64 // generic direction, unit length
}

type crossing struct {
	t float64
	k int
}

// walker enumerates the regions of a level line by line; one per goroutine.
type walker struct {
	sys   *system
	lv    *level
	visit func(w *walker, first []int)
	state []bool // hinge states of the current region

	jb, cb, J, c, Jr, cr []float64

	inT             []bool
	s, e            []float64
	cross           []crossing
	E, L            []float64
	dir, p, muc, mu []float64
	q, qa, qb       []float64
	keys            []uint64
	first           []int
	amb             []int

	regions, vertices, skipped int
	minCV, maxCV               float64
	seen                       bool

	points   [][]float64
	continua []continuum
	contKeys map[string]bool
	a, b     []float64
	patterns [][]bool
}

func newWalker(sys *system, visit func(*walker, []int)) *walker {
	r := sys.r
	return &walker{sys: sys, visit: visit, state: make([]bool, sys.p),
		jb: make([]float64, r*r), cb: make([]float64, r), J: make([]float64, r*r), c: make([]float64, r),
		Jr: make([]float64, r*r), cr: make([]float64, r), a: make([]float64, r*r), b: make([]float64, r),
		contKeys: map[string]bool{}}
}

func (w *walker) setLevel(lv *level) {
	w.lv = lv
	d, np := lv.d, len(lv.pos)
	m := max(d-1, 0)
	w.inT = make([]bool, np)
	w.s, w.e = make([]float64, np), make([]float64, np)
	w.cross = make([]crossing, 0, np)
	w.E, w.L = make([]float64, m*d), make([]float64, m*m)
	w.dir, w.p = make([]float64, d), make([]float64, d)
	w.muc, w.mu, w.q = make([]float64, m), make([]float64, m), make([]float64, m)
	w.qa, w.qb = make([]float64, m), make([]float64, m)
	w.first = make([]int, 0, d)
	copy(w.jb, w.sys.j0)
	copy(w.cb, w.sys.c0)
	for i, g := range lv.fixed {
		w.state[g] = lv.fixOn[i]
		if lv.fixOn[i] {
			w.sys.add(g, 1, w.jb, w.cb)
		}
	}
	w.minCV, w.maxCV, w.seen = math.Inf(1), math.Inf(-1), false
}

// single visits the only region of a level without planes.
func (w *walker) single() {
	copy(w.Jr, w.jb)
	copy(w.cr, w.cb)
	w.regions++
	w.visit(w, nil)
}

// qmul sets out = (N_T N_Tᵀ)^{-1} N_T x = L^{-T} E x.
func (w *walker) qmul(out, x []float64) {
	d, m := w.lv.d, w.lv.d-1
	for a := range m {
		out[a] = dot(w.E[a*d:(a+1)*d], x)
	}
	for a := m - 1; a >= 0; a-- {
		s := out[a]
		for b := a + 1; b < m; b++ {
			s -= w.L[b*m+a] * out[b]
		}
		out[a] = s / w.L[a*m+a]
	}
}

// line processes the line through the planes T (positions, ascending): it sweeps the
// crossings of all other planes and emits the regions owned by the vertices T ∪ {k}, k > max T.
func (w *walker) line(T []int) {
	lv, sys := w.lv, w.sys
	d, m, np := lv.d, lv.d-1, len(lv.pos)
	// Orthonormal basis E of the normals of T (N_T = L E) and the line y = p + t·dir.
	for a, ta := range T {
		ea, na := w.E[a*d:(a+1)*d], lv.nrm[ta*d:(ta+1)*d]
		copy(ea, na)
		for b := range a {
			eb := w.E[b*d : (b+1)*d]
			l := dot(na, eb)
			w.L[a*m+b] = l
			for i := range ea {
				ea[i] -= l * eb[i]
			}
		}
		nn := math.Sqrt(dot(ea, ea))
		if nn < 1e-10 {
			w.skipped++
			return
		}
		w.L[a*m+a] = nn
		for i := range ea {
			ea[i] /= nn
		}
	}
	best, bi := -1.0, 0
	for i := range d {
		res := 1.0
		for a := range m {
			res -= w.E[a*d+i] * w.E[a*d+i]
		}
		if res > best {
			best, bi = res, i
		}
	}
	for i := range d {
		w.dir[i] = 0
	}
	w.dir[bi] = 1
	for a := range m {
		ea := w.E[a*d : (a+1)*d]
		f := ea[bi]
		for i := range d {
			w.dir[i] -= f * ea[i]
		}
	}
	dn := math.Sqrt(dot(w.dir, w.dir))
	for i := range d {
		w.dir[i] /= dn
		w.p[i] = 0
	}
	for a, ta := range T {
		y := lv.off[ta]
		for b := range a {
			y -= w.L[a*m+b] * w.muc[b]
		}
		w.muc[a] = y / w.L[a*m+a] // forward solve L y = θ_T, stored temporarily
	}
	for a := range m {
		ea := w.E[a*d : (a+1)*d]
		for i := range d {
			w.p[i] += w.muc[a] * ea[i]
		}
	}
	pn := math.Sqrt(dot(w.p, w.p))
	w.qmul(w.muc, lv.c)
	cdir, cp := dot(lv.c, w.dir), dot(lv.c, w.p)

	for _, ta := range T {
		w.inT[ta] = true
	}
	copy(w.J, w.jb)
	copy(w.c, w.cb)
	w.cross = w.cross[:0]
	for k := range np {
		g := lv.pos[k]
		if w.inT[k] {
			w.state[g] = false
			continue
		}
		nk := lv.nrm[k*d : (k+1)*d]
		s, e := dot(nk, w.dir), dot(nk, w.p)-lv.off[k]
		w.s[k], w.e[k] = s, e
		var on bool
		if math.Abs(s) <= parTol {
			tol := geomTol * (1 + math.Abs(lv.off[k]) + pn)
			switch {
			case e > tol:
				on = true
			case e < -tol:
				on = false
			default:
				on = w.containSign(T, k)
			}
		} else {
			on = s < 0
			w.cross = append(w.cross, crossing{-e / s, k})
		}
		w.state[g] = on
		if on {
			sys.add(g, 1, w.J, w.c)
		}
	}
	w.sortCrossings()
	for i := 0; i < len(w.cross); {
		j := i + 1
		for j < len(w.cross) && w.cross[j].t-w.cross[j-1].t <= geomTol*(1+math.Abs(w.cross[j].t)) {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(w.cross[i:j], func(a, b crossing) int { return w.tieOrder(T, a.k, b.k) })
		}
		i = j
	}

	maxT := -1
	if m > 0 {
		maxT = T[m-1]
	}
	for _, cr := range w.cross {
		k, g := cr.k, lv.pos[cr.k]
		if k > maxT {
			w.vertex(T, k, cr.t, cdir, cp)
		}
		if w.state[g] {
			sys.add(g, -1, w.J, w.c)
		} else {
			sys.add(g, 1, w.J, w.c)
		}
		w.state[g] = !w.state[g]
	}
	for _, ta := range T {
		w.inT[ta] = false
	}
}

// sortCrossings orders the crossings by t. Keys are the order-preserving bit patterns of t with
// the lowest bits replaced by the plane's position, so a plain integer sort does the work; the
// lost precision (2^-36 relative at most) is far below geomTol, within which crossings count as
// tied and are ordered by tieOrder anyway.
func (w *walker) sortCrossings() {
	np := len(w.lv.pos)
	bits := 1
	for 1<<bits < np {
		bits++
	}
	if bits > 16 {
		slices.SortFunc(w.cross, func(a, b crossing) int {
			switch {
			case a.t < b.t:
				return -1
			case a.t > b.t:
				return 1
			}
			return a.k - b.k
		})
		return
	}
	mask := uint64(1)<<bits - 1
	w.keys = w.keys[:0]
	for _, c := range w.cross {
		u := math.Float64bits(c.t)
		if u>>63 == 1 {
			u = ^u
		} else {
			u |= 1 << 63
		}
		w.keys = append(w.keys, u&^mask|uint64(c.k))
	}
	slices.Sort(w.keys)
	for i, key := range w.keys {
		k := int(key & mask)
		w.cross[i] = crossing{-w.e[k] / w.s[k], k}
	}
}

// vertex emits the region owned by the vertex T ∪ {k} at parameter t of the line: the one
// whose lowest point along c is this vertex, c = Σ μ_j n_j, side of plane j = sign μ_j.
func (w *walker) vertex(T []int, k int, t, cdir, cp float64) {
	lv, sys := w.lv, w.sys
	d, m := lv.d, lv.d-1
	w.vertices++
	cv := cp + t*cdir
	if cv < w.minCV {
		w.minCV = cv
	}
	if cv > w.maxCV {
		w.maxCV = cv
	}
	w.seen = true
	muk := cdir / w.s[k]
	w.qmul(w.q, lv.nrm[k*d:(k+1)*d])
	for a := range m {
		w.mu[a] = w.muc[a] - muk*w.q[a]
	}
	g := lv.pos[k]
	prev := w.state[g]
	w.amb = w.amb[:0]
	for a := range m {
		if math.Abs(w.mu[a]) <= ambTol {
			w.amb = append(w.amb, a)
		}
	}
	if math.Abs(muk) <= ambTol {
		w.amb = append(w.amb, m)
	}
	w.first = w.first[:0]
	for _, ta := range T {
		w.first = append(w.first, lv.pos[ta])
	}
	w.first = append(w.first, g)
	for combo := range 1 << len(w.amb) {
		copy(w.Jr, w.J)
		copy(w.cr, w.c)
		if prev {
			sys.add(g, -1, w.Jr, w.cr)
		}
		for a := 0; a <= m; a++ {
			mu := muk
			if a < m {
				mu = w.mu[a]
			}
			on := mu > 0
			if i := slices.Index(w.amb, a); i >= 0 {
				on = combo>>i&1 == 1
			}
			w.state[w.first[a]] = on
			if on {
				sys.add(w.first[a], 1, w.Jr, w.cr)
			}
		}
		w.regions++
		w.visit(w, w.first)
	}
	for _, gt := range w.first[:m] {
		w.state[gt] = false
	}
	w.state[g] = prev
}

// containSign is the perturbed state of plane k that contains the line of T: its value on the
// line is Σ_{a} q_a δ_{T_a} − δ_k; the lowest-index non-zero coefficient decides.
func (w *walker) containSign(T []int, k int) bool {
	d := w.lv.d
	w.qmul(w.q, w.lv.nrm[k*d:(k+1)*d])
	for a, ta := range T {
		if ta > k {
			break
		}
		if math.Abs(w.q[a]) > coefTol {
			return w.q[a] > 0
		}
	}
	return false
}

// tieOrder orders two planes crossing the line of T at the same point by their perturbed
// crossing parameters t_k(δ) = t_k + (δ_k − Σ_a q_{k,a} δ_{T_a}) / s_k.
func (w *walker) tieOrder(T []int, k1, k2 int) int {
	d := w.lv.d
	w.qmul(w.qa, w.lv.nrm[k1*d:(k1+1)*d])
	w.qmul(w.qb, w.lv.nrm[k2*d:(k2+1)*d])
	s1, s2 := w.s[k1], w.s[k2]
	tol := coefTol * (1/math.Abs(s1) + 1/math.Abs(s2))
	decide := func(c float64) int {
		switch {
		case c < -tol:
			return -1
		case c > tol:
			return 1
		}
		return 0
	}
	a := 0
	for idx := range len(w.lv.pos) {
		var coef float64
		switch {
		case a < len(T) && T[a] == idx:
			coef = -w.qa[a]/s1 + w.qb[a]/s2
			a++
		case idx == k1:
			coef = 1 / s1
		case idx == k2:
			coef = -1 / s2
		default:
			continue
		}
		if r := decide(coef); r != 0 {
			return r
		}
		if idx >= k1 && idx >= k2 && a >= len(T) {
			break
		}
	}
	return k1 - k2
}

// sublevel is the arrangement cut by Π = {c·y = −M}, in coordinates y = −M c + B x, with B an
// orthonormal basis of c^⊥.
func sublevel(lv *level, M float64, rng *rand.Rand) *level {
	d := lv.d
	sub := &level{d: d - 1, fixed: slices.Clone(lv.fixed), fixOn: slices.Clone(lv.fixOn)}
	// Householder reflection mapping c to ±e_0; its columns 1..d−1 span c^⊥.
	h := householderBasis(lv.c)
	y0 := make([]float64, d)
	for i := range d {
		y0[i] = -M * lv.c[i]
	}
	nb := make([]float64, d-1)
	for k, g := range lv.pos {
		nk := lv.nrm[k*d : (k+1)*d]
		for i := range d - 1 {
			nb[i] = dot(h[(i+1)*d:(i+2)*d], nk)
		}
		nu := math.Sqrt(dot(nb, nb))
		val := dot(nk, y0) - lv.off[k]
		if nu <= parTol {
			sub.fixed = append(sub.fixed, g)
			sub.fixOn = append(sub.fixOn, val > geomTol*(1+math.Abs(lv.off[k])+M))
			continue
		}
		sub.pos = append(sub.pos, g)
		for i := range d - 1 {
			sub.nrm = append(sub.nrm, nb[i]/nu)
		}
		sub.off = append(sub.off, -val/nu)
	}
	sub.c = randomUnit(rng, d-1)
	return sub
}

// householderBasis returns the rows of an orthogonal matrix whose row 0 is ±c.
func householderBasis(c []float64) []float64 {
	d := len(c)
	v := slices.Clone(c)
	if c[0] >= 0 {
		v[0] += 1
	} else {
		v[0] -= 1
	}
	vv := dot(v, v)
	h := make([]float64, d*d)
	for i := range d {
		for j := range d {
			x := -2 * v[i] * v[j] / vv
			if i == j {
				x++
			}
			h[i*d+j] = x
		}
	}
	return h
}

func randomUnit(rng *rand.Rand, d int) []float64 {
	c := make([]float64, d)
	if d == 0 {
		return c
	}
	for {
		for i := range c {
			c[i] = rng.NormFloat64()
		}
		if n := math.Sqrt(dot(c, c)); n > 1e-3 {
			for i := range c {
				c[i] /= n
			}
			return c
		}
	}
}

// topLevel builds the arrangement of the system's hyperplanes in the span of their normals.
func topLevel(sys *system, rng *rand.Rand) *level {
	r := sys.r
	lv := &level{}
	maxNorm := 0.0
	for _, x := range sys.unorm {
		maxNorm = math.Max(maxNorm, x)
	}
	var planes []int
	for j := range sys.p {
		if sys.unorm[j] <= 1e-13*maxNorm || sys.unorm[j] == 0 {
			lv.fixed = append(lv.fixed, j)
			lv.fixOn = append(lv.fixOn, -sys.th[j] > 0)
			continue
		}
		planes = append(planes, j)
	}
	if len(planes) == 0 {
		return lv
	}
	nrm := mat.NewDense(len(planes), r, nil)
	for i, j := range planes {
		for k := range r {
			nrm.Set(i, k, sys.u[j*r+k]/sys.unorm[j])
		}
	}
	var svd mat.SVD
	svd.Factorize(nrm, mat.SVDThinV)
	sv := svd.Values(nil)
	rank := 0
	for _, s := range sv {
		if s > 1e-10*sv[0] {
			rank++
		}
	}
	var vv mat.Dense
	svd.VTo(&vv)
	lv.d = rank
	nb := make([]float64, rank)
	for i, j := range planes {
		for a := range rank {
			nb[a] = 0
			for k := range r {
				nb[a] += vv.At(k, a) * nrm.At(i, k)
			}
		}
		nu := math.Sqrt(dot(nb, nb))
		lv.pos = append(lv.pos, j)
		for a := range rank {
			lv.nrm = append(lv.nrm, nb[a]/nu)
		}
		lv.off = append(lv.off, sys.th[j]/sys.unorm[j]/nu)
	}
	lv.c = randomUnit(rng, rank)
	return lv
}

// enumStats counts the work of one enumeration.
type enumStats struct {
	regions, vertices, skipped, hyperplanes, dim int
}

// enumerate visits every region of the arrangement (once in general position), running the top
// level's lines on workers goroutines. It returns the walkers (holding the visitors' results).
func enumerate(ctx context.Context, sys *system, visit func(*walker, []int), workers int, seed uint64,
	progress func(step, total int, metrics map[string]float64)) ([]*walker, enumStats, error) {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	lv := topLevel(sys, rng)
	st := enumStats{hyperplanes: len(lv.pos), dim: lv.d}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	total := binom(len(lv.pos), max(lv.d-1, 0))
	if total < float64(workers) {
		workers = 1
	}
	ws := make([]*walker, workers)
	for i := range ws {
		ws[i] = newWalker(sys, visit)
	}
	for lv.d > 0 {
		top := len(ws)
		if st.dim != lv.d {
			top = 1 // lower levels are small: run them on one walker
		}
		var done atomic.Int64
		var wg sync.WaitGroup
		var cancelled atomic.Bool
		totalLines := int(binom(len(lv.pos), lv.d-1))
		for wi := range top {
			wg.Add(1)
			go func(wi int) {
				defer wg.Done()
				w := ws[wi]
				w.setLevel(lv)
				T := make([]int, lv.d-1)
				for i := range T {
					T[i] = i
				}
				for idx := 0; ; idx++ {
					if idx%top == wi {
						if idx%64 == 0 && ctx.Err() != nil {
							cancelled.Store(true)
							return
						}
						w.line(T)
						n := done.Add(1)
						if wi == 0 && progress != nil && st.dim == lv.d && n%256 == 0 {
							progress(int(n), totalLines, nil)
						}
					}
					if !nextCombination(T, len(lv.pos)) {
						return
					}
				}
			}(wi)
		}
		wg.Wait()
		if cancelled.Load() || ctx.Err() != nil {
			return nil, st, ctx.Err()
		}
		if progress != nil && st.dim == lv.d {
			progress(totalLines, totalLines, nil)
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, w := range ws[:top] {
			if w.seen {
				lo, hi = math.Min(lo, w.minCV), math.Max(hi, w.maxCV)
			}
		}
		M := 1.0
		for _, o := range lv.off {
			M = math.Max(M, 1+math.Abs(o))
		}
		if lo <= hi {
			M = math.Max(-lo, 0) + 1 + (hi - lo)
		}
		lv = sublevel(lv, M, rng)
	}
	ws[0].setLevel(lv)
	ws[0].single()
	for _, w := range ws {
		st.regions += w.regions
		st.vertices += w.vertices
		st.skipped += w.skipped
	}
	return ws, st, nil
}

// nextCombination advances T (ascending, from [0, n)) to the next combination in lexicographic
// order, reporting false after the last one.
func nextCombination(T []int, n int) bool {
	k := len(T)
	for i := k - 1; i >= 0; i-- {
		if T[i] < n-k+i {
			T[i]++
			for j := i + 1; j < k; j++ {
				T[j] = T[j-1] + 1
			}
			return true
		}
	}
	return false
}

// binom returns C(n, k) as a float64.
func binom(n, k int) float64 {
	if k < 0 || k > n {
		return 0
	}
	r := 1.0
	for i := 1; i <= k; i++ {
		r = r * float64(n-k+i) / float64(i)
	}
	return math.Round(r)
}
