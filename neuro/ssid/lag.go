package ssid

// lag2x8Go is the portable version of the lagged-product kernel: out[k] = Σ_{u<n} x0[u] y[u+k]
// and out[8+k] = Σ_{u<n} x1[u] y[u+k] for k = 0…7 (y holds n+7 elements).
func lag2x8Go(x0, x1, y []float64, n int, out *[16]float64) {
	*out = [16]float64{}
	for u := range n {
		a, b := x0[u], x1[u]
		w := y[u : u+8 : u+8]
		for k, v := range w {
			out[k] += a * v
			out[8+k] += b * v
		}
	}
}

// lag2x4Go is lag2x8Go for lags k = 0…3 (y holds n+3 elements; out[4:8] and out[12:16] are
// left untouched).
func lag2x4Go(x0, x1, y []float64, n int, out *[16]float64) {
	for k := range 4 {
		out[k], out[8+k] = 0, 0
	}
	for u := range n {
		a, b := x0[u], x1[u]
		w := y[u : u+4 : u+4]
		for k, v := range w {
			out[k] += a * v
			out[8+k] += b * v
		}
	}
}

// lagSums fills full[d][p*nw+q] = Σ_{u=0}^{T−1−d} x_p[u] x_q[u+d] for d < L and the channel
// pairs for which need(p, q, d) holds (others may be filled too).
func lagSums(x [][]float64, T, L int, need func(p, q, d int) bool, full [][]float64) {
	nw := len(x)
	var out [16]float64
	for d0 := 0; d0 < L; d0 += 8 {
		width := min(8, L-d0) // lags in this group: 8, or 4 or fewer at the end
		if width > 4 {
			width = 8
		} else {
			width = 4
		}
		n := T - d0 - width + 1 // samples where all lags of the group exist
		for p := 0; p < nw; p += 2 {
			p1 := min(p+1, nw-1)
			for q := range nw {
				use := false
				for d := d0; d < min(d0+8, L); d++ {
					if need(p, q, d) || need(p1, q, d) {
						use = true
						break
					}
				}
				if !use {
					continue
				}
				switch {
				case n <= 0:
					out = [16]float64{}
				case width == 8:
					lag2x8(x[p], x[p1], x[q][d0:], n, &out)
				default:
					lag2x4(x[p], x[p1], x[q][d0:], n, &out)
				}
				for k := range min(8, L-d0) {
					d := d0 + k
					a, b := out[k], out[8+k]
					for u := max(n, 0); u+d < T; u++ {
						a += x[p][u] * x[q][u+d]
						b += x[p1][u] * x[q][u+d]
					}
					full[d][p*nw+q] = a
					full[d][p1*nw+q] = b
				}
			}
		}
	}
}
