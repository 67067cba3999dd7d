package lds

import "math"

// Small dense kernels on row-major slices. The filter's per-step matrices are n×n with n
// typically below 50, where call and allocation overheads of general routines dominate.

// mulNN sets dst (m×n) = a (m×k) · b (k×n).
func mulNN(dst, a, b []float64, m, k, n int) {
	for i := range m {
		di := dst[i*n : (i+1)*n]
		clear(di)
		for l, av := range a[i*k : (i+1)*k] {
			if av == 0 {
				continue
			}
			bl := b[l*n : (l+1)*n]
			for j, bv := range bl {
				di[j] += av * bv
			}
		}
	}
}

// mulNT sets dst (m×n) = a (m×k) · b (n×k)ᵀ.
func mulNT(dst, a, b []float64, m, k, n int) {
	for i := range m {
		ai := a[i*k : (i+1)*k]
		for j := range n {
			dst[i*n+j] = dot(ai, b[j*k:(j+1)*k])
		}
	}
}

// symmetrizeFlat replaces the n×n matrix a by (a + aᵀ)/2.
func symmetrizeFlat(a []float64, n int) {
	for i := range n {
		for j := i + 1; j < n; j++ {
			v := 0.5 * (a[i*n+j] + a[j*n+i])
			a[i*n+j], a[j*n+i] = v, v
		}
	}
}

// cholFlat overwrites the lower triangle of the n×n symmetric a with L, a = L Lᵀ. It reports
// false when a is not numerically positive definite (a pivot ≤ tiny·max diagonal).
func cholFlat(a []float64, n int) bool {
	dmax := 0.0
	for i := range n {
		dmax = math.Max(dmax, a[i*n+i])
	}
	if !(dmax > 0) {
		return false
	}
	for j := range n {
		s := a[j*n+j] - dot(a[j*n:j*n+j], a[j*n:j*n+j])
		if !(s > 1e-14*dmax) {
			return false
		}
		d := math.Sqrt(s)
		a[j*n+j] = d
		for i := j + 1; i < n; i++ {
			a[i*n+j] = (a[i*n+j] - dot(a[i*n:i*n+j], a[j*n:j*n+j])) / d
		}
	}
	return true
}

// cholSolveFlat solves (L Lᵀ) X = B in place for B (n×c), L from cholFlat.
func cholSolveFlat(l []float64, n int, b []float64, c int) {
	for col := range c {
		// Forward: L y = b.
		for i := range n {
			s := b[i*c+col]
			for k := range i {
				s -= l[i*n+k] * b[k*c+col]
			}
			b[i*c+col] = s / l[i*n+i]
		}
		// Backward: Lᵀ x = y.
		for i := n - 1; i >= 0; i-- {
			s := b[i*c+col]
			for k := i + 1; k < n; k++ {
				s -= l[k*n+i] * b[k*c+col]
			}
			b[i*c+col] = s / l[i*n+i]
		}
	}
}

// arena hands out zeroed float64 slices from large chunks to cut per-step allocations.
type arena struct{ buf []float64 }

func (a *arena) get(n int) []float64 {
	if len(a.buf) < n {
		a.buf = make([]float64, max(n, 1<<14))
	}
	s := a.buf[:n:n]
	a.buf = a.buf[n:]
	return s
}
