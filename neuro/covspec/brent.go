package covspec

import "math"

// minimize1D returns the minimiser of f on [a, b]: a coarse scan of n points picks the best
// bracket, then Brent's method (golden section with parabolic steps) refines it to tol.
func minimize1D(f func(float64) float64, a, b float64, n int, tol float64) (xmin, fmin float64) {
	best, bi := math.Inf(1), 0
	xs := make([]float64, n)
	for i := range n {
		xs[i] = a + (b-a)*float64(i)/float64(n-1)
		if v := f(xs[i]); v < best {
			best, bi = v, i
		}
	}
	lo, hi := xs[max(bi-1, 0)], xs[min(bi+1, n-1)]
	return brent(f, lo, hi, xs[bi], best, tol)
}

// brent minimises f on [lo, hi] starting from x with f(x) = fx.
func brent(f func(float64) float64, lo, hi, x, fx, tol float64) (float64, float64) {
	const cgold = 0.3819660112501051
	w, v := x, x
	fw, fv := fx, fx
	var d, e float64
	for range 100 {
		m := (lo + hi) / 2
		tol1 := tol*math.Abs(x) + 1e-12
		tol2 := 2 * tol1
		if math.Abs(x-m) <= tol2-(hi-lo)/2 {
			break
		}
		useGolden := true
		if math.Abs(e) > tol1 {
			r := (x - w) * (fx - fv)
			q := (x - v) * (fx - fw)
			p := (x-v)*q - (x-w)*r
			q = 2 * (q - r)
			if q > 0 {
				p = -p
			}
			q = math.Abs(q)
			if math.Abs(p) < math.Abs(q*e/2) && p > q*(lo-x) && p < q*(hi-x) {
				e, d = d, p/q
				u := x + d
				if u-lo < tol2 || hi-u < tol2 {
					d = math.Copysign(tol1, m-x)
				}
				useGolden = false
			}
		}
		if useGolden {
			if x >= m {
				e = lo - x
			} else {
				e = hi - x
			}
			d = cgold * e
		}
		u := x + d
		if math.Abs(d) < tol1 {
			u = x + math.Copysign(tol1, d)
		}
		fu := f(u)
		if fu <= fx {
			if u >= x {
				lo = x
			} else {
				hi = x
			}
			v, fv, w, fw, x, fx = w, fw, x, fx, u, fu
		} else {
			if u < x {
				lo = u
			} else {
				hi = u
			}
			if fu <= fw || w == x {
				v, fv, w, fw = w, fw, u, fu
			} else if fu <= fv || v == x || v == w {
				v, fv = u, fu
			}
		}
	}
	return x, fx
}

// nelderMead2 minimises f(a, b) with the Nelder–Mead simplex method from (a0, b0) with initial
// step h, for at most maxEval evaluations.
func nelderMead2(f func(a, b float64) float64, a0, b0, h float64, maxEval int) ([2]float64, float64) {
	pts := [3][2]float64{{a0, b0}, {a0 + h, b0}, {a0, b0 + h}}
	var val [3]float64
	for i := range pts {
		val[i] = f(pts[i][0], pts[i][1])
	}
	evals := 3
	at := func(c [2]float64, d [2]float64, t float64) [2]float64 {
		return [2]float64{c[0] + t*(d[0]-c[0]), c[1] + t*(d[1]-c[1])}
	}
	for evals < maxEval {
		// order: best 0, worst 2
		for i := 0; i < 3; i++ {
			for j := i + 1; j < 3; j++ {
				if val[j] < val[i] {
					val[i], val[j] = val[j], val[i]
					pts[i], pts[j] = pts[j], pts[i]
				}
			}
		}
		if math.Abs(val[2]-val[0]) < 1e-10 && math.Abs(pts[2][0]-pts[0][0])+math.Abs(pts[2][1]-pts[0][1]) < 1e-6 {
			break
		}
		c := [2]float64{(pts[0][0] + pts[1][0]) / 2, (pts[0][1] + pts[1][1]) / 2}
		r := at(c, pts[2], -1)
		fr := f(r[0], r[1])
		evals++
		switch {
		case fr < val[0]:
			e := at(c, pts[2], -2)
			fe := f(e[0], e[1])
			evals++
			if fe < fr {
				pts[2], val[2] = e, fe
			} else {
				pts[2], val[2] = r, fr
			}
		case fr < val[1]:
			pts[2], val[2] = r, fr
		default:
			k := at(c, pts[2], 0.5)
			if fr < val[2] {
				k = at(c, r, 0.5)
			}
			fk := f(k[0], k[1])
			evals++
			if fk < math.Min(fr, val[2]) {
				pts[2], val[2] = k, fk
			} else { // shrink towards the best point
				for i := 1; i < 3; i++ {
					pts[i] = at(pts[0], pts[i], 0.5)
					val[i] = f(pts[i][0], pts[i][1])
				}
				evals += 2
			}
		}
	}
	best := 0
	for i := range val {
		if val[i] < val[best] {
			best = i
		}
	}
	return pts[best], val[best]
}
