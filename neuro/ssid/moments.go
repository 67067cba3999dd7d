package ssid

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Moments holds the sample covariance of the block-Hankel data of a recording, from which every
// projection of the identification follows. Column t of a segment's Hankel data is
//
//	h_t = [y_t; y_{t+1}; …; y_{t+2i−1}; z_t; …; z_{t+2i−1}],   t = 0 … T−2i,
//
// and Moments holds Σ_t h_t h_tᵀ / J over all columns of all segments (J columns in total),
// computed from lagged products of the series without forming any J-wide matrix. Only the
// blocks the identification needs are filled: y with y, and y with z at equal or later times
// (all blocks when built for the oblique projection).
type Moments struct {
	NY, NZ   int       // channels of y and z (NZ = 0 without z)
	Horizon  int       // i
	Columns  int       // J, Hankel columns over all used segments
	Skipped  int       // segments shorter than 2i, left out
	YMean    []float64 // channel means removed from y (over all samples of all trials)
	ZMean    []float64 // channel means removed from z
	AllLags  bool      // z-with-earlier-y and z-with-z blocks were also computed
	h        *mat.Dense
	nyTotal  int // 2i·NY, offset of the z blocks
	segments int
	sum0     []float64 // Σ over all samples of all trials of w wᵀ, w = [y; z] mean-removed
	samples  int
}

// NewMoments computes the Hankel covariance of y (and z when non-nil) with horizon i. With
// allLags it also fills the blocks an oblique projection along the past of z needs.
func NewMoments(y, z []*mat.Dense, horizon int, allLags bool) (*Moments, error) {
	ny, nz, err := checkPair(y, z)
	if err != nil {
		return nil, err
	}
	if horizon < 2 {
		return nil, fmt.Errorf("ssid: horizon i = %d, need at least 2", horizon)
	}
	m := &Moments{NY: ny, NZ: nz, Horizon: horizon, AllLags: allLags, nyTotal: 2 * horizon * ny}
	m.YMean = channelMeans(y)
	if z != nil {
		m.ZMean = channelMeans(z)
	}
	dim := 2 * horizon * (ny + nz)
	m.h = mat.NewDense(dim, dim, nil)
	m.sum0 = make([]float64, (ny+nz)*(ny+nz))
	for k := range y {
		T, _ := y[k].Dims()
		var zk *mat.Dense
		if z != nil {
			zk = z[k]
		}
		m.samples += T
		x, stride := timeMajor(y[k], zk, m.YMean, m.ZMean, m.earlier())
		if T < 2*horizon {
			m.Skipped++
			for u := range T {
				outerAdd(m.sum0, x, stride, ny+nz, u, u, 1)
			}
			continue
		}
		m.addSegment(x, stride, T)
		m.Columns += T - 2*horizon + 1
		m.segments++
	}
	if m.segments == 0 {
		return nil, fmt.Errorf("ssid: every trial is shorter than 2i = %d samples", 2*horizon)
	}
	m.h.Scale(1/float64(m.Columns), m.h)
	return m, nil
}

// needed reports whether the lag-d product of channel p (earlier) with channel q (later) is
// used. Channels < NY belong to y, the others to z.
func (m *Moments) needed(p, q, d int) bool {
	py, qy := p < m.NY, q < m.NY
	switch {
	case py && qy:
		return d > 0 || p <= q
	case py && !qy:
		return true
	case !py && qy:
		return m.AllLags && d > 0
	default:
		return m.AllLags && (d > 0 || p <= q)
	}
}

// index returns the row of channel p at Hankel time offset r.
func (m *Moments) index(p, r int) int {
	if p < m.NY {
		return r*m.NY + p
	}
	return m.nyTotal + r*m.NZ + (p - m.NY)
}

// earlier returns the number of channels that appear as the earlier factor of a lagged
// product: y only, or y and z with AllLags.
func (m *Moments) earlier() int {
	if m.AllLags {
		return m.NY + m.NZ
	}
	return m.NY
}

// addSegment accumulates one segment's Hankel products (x time-major with the given stride).
// For a block between offsets r ≤ s (lag d = s − r) the sum over columns t = 0…j−1 of
// w_{t+r} w_{t+s}ᵀ equals the full lag-d sum over the series minus a head (u < r) and a tail
// (u ≥ r + j), both at most 2i terms.
func (m *Moments) addSegment(x []float64, stride, T int) {
	nw := m.NY + m.NZ
	L := 2 * m.Horizon
	j := T - L + 1
	full := lagSums(x, stride, T, nw, m.earlier(), L, m.needed)
	for k, v := range full[0] {
		m.sum0[k] += v
	}
	head := make([]float64, nw*nw)
	tail := make([]float64, nw*nw)
	h := m.h.RawMatrix()
	for d := range L {
		clear(head)
		clear(tail)
		for u := j; u <= T-1-d; u++ {
			outerAdd(tail, x, stride, nw, u, u+d, 1)
		}
		for r := 0; r+d < L; r++ {
			s := r + d
			for p := range nw {
				for q := range nw {
					if !m.needed(p, q, d) {
						continue
					}
					k := p*nw + q
					v := full[d][k] - head[k] - tail[k]
					a, b := m.index(p, r), m.index(q, s)
					h.Data[a*h.Stride+b] += v
					if a != b {
						h.Data[b*h.Stride+a] += v
					}
				}
			}
			if s+1 < L {
				outerAdd(head, x, stride, nw, r, r+d, 1)
				outerAdd(tail, x, stride, nw, j+r, j+r+d, -1)
			}
		}
	}
}

// outerAdd adds sign·w_u w_vᵀ to acc (nw×nw, row-major); x is time-major.
func outerAdd(acc, x []float64, stride, nw, u, v int, sign float64) {
	xu, xv := x[u*stride:u*stride+nw], x[v*stride:v*stride+nw]
	for p, a := range xu {
		a *= sign
		row := acc[p*nw : (p+1)*nw]
		for q, b := range xv {
			row[q] += a * b
		}
	}
}

// block returns a copy of rows [r0, r1) and columns [c0, c1) of the Hankel covariance.
func (m *Moments) block(r0, r1, c0, c1 int) *mat.Dense {
	return mat.DenseCopyOf(m.h.Slice(r0, r1, c0, c1))
}

// yRange and zRange return the Hankel rows of y (or z) at offsets from (inclusive) to to
// (exclusive).
func (m *Moments) yRange(from, to int) (int, int) { return from * m.NY, to * m.NY }
func (m *Moments) zRange(from, to int) (int, int) {
	return m.nyTotal + from*m.NZ, m.nyTotal + to*m.NZ
}

// Lag0Sums returns, over every sample of every trial (short ones included), the sums of
// products of the mean-removed signals: Σ y yᵀ (NY×NY) and Σ z yᵀ (NZ×NY, nil without z), and
// the number of samples.
func (m *Moments) Lag0Sums() (yy *mat.SymDense, zy *mat.Dense, n int) {
	nw := m.NY + m.NZ
	yy = mat.NewSymDense(m.NY, nil)
	for p := range m.NY {
		for q := p; q < m.NY; q++ {
			yy.SetSym(p, q, m.sum0[p*nw+q])
		}
	}
	if m.NZ > 0 {
		zy = mat.NewDense(m.NZ, m.NY, nil)
		for p := range m.NY {
			for q := range m.NZ {
				zy.Set(q, p, m.sum0[p*nw+m.NY+q])
			}
		}
	}
	return yy, zy, m.samples
}
