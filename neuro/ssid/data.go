package ssid

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// checkTrials validates a recording: at least one trial, every trial non-empty with the same
// number of columns and finite entries. It returns the number of channels.
func checkTrials(name string, x []*mat.Dense) (int, error) {
	if len(x) == 0 {
		return 0, fmt.Errorf("ssid: %s has no trials", name)
	}
	nc := -1
	for k, t := range x {
		if t == nil {
			return 0, fmt.Errorf("ssid: %s trial %d is nil", name, k)
		}
		r, c := t.Dims()
		if r == 0 || c == 0 {
			return 0, fmt.Errorf("ssid: %s trial %d is empty (%d×%d)", name, k, r, c)
		}
		if nc < 0 {
			nc = c
		} else if c != nc {
			return 0, fmt.Errorf("ssid: %s trial %d has %d channels, trial 0 has %d", name, k, c, nc)
		}
		for i := range r {
			for j, v := range t.RawRowView(i) {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return 0, fmt.Errorf("ssid: %s trial %d sample %d channel %d is %v", name, k, i, j, v)
				}
			}
		}
	}
	return nc, nil
}

// checkPair validates y and, when z is non-nil, that z has the same trials and lengths.
func checkPair(y, z []*mat.Dense) (ny, nz int, err error) {
	if ny, err = checkTrials("y", y); err != nil {
		return 0, 0, err
	}
	if z == nil {
		return ny, 0, nil
	}
	if nz, err = checkTrials("z", z); err != nil {
		return 0, 0, err
	}
	if len(z) != len(y) {
		return 0, 0, fmt.Errorf("ssid: y has %d trials, z has %d", len(y), len(z))
	}
	for k := range y {
		if ry, rz := y[k].RawMatrix().Rows, z[k].RawMatrix().Rows; ry != rz {
			return 0, 0, fmt.Errorf("ssid: trial %d has %d samples in y but %d in z", k, ry, rz)
		}
	}
	return ny, nz, nil
}

// channelMeans returns the mean of every column over all samples of all trials.
func channelMeans(x []*mat.Dense) []float64 {
	_, nc := x[0].Dims()
	m := make([]float64, nc)
	var n float64
	for _, t := range x {
		r, _ := t.Dims()
		for i := range r {
			for j, v := range t.RawRowView(i) {
				m[j] += v
			}
		}
		n += float64(r)
	}
	for j := range m {
		m[j] /= n
	}
	return m
}

// timeMajor returns the mean-removed trial with one row per sample, y's channels then z's,
// each row padded with zeros to a stride that fits whole 6-channel blocks of the first np
// channels and whole 8-channel blocks of all channels (the lagged-product kernel's tiles).
func timeMajor(y, z *mat.Dense, ym, zm []float64, np int) (x []float64, stride int) {
	T, ny := y.Dims()
	nz := 0
	if z != nil {
		_, nz = z.Dims()
	}
	nw := ny + nz
	stride = max((nw+7)/8*8, (np+5)/6*6)
	x = make([]float64, T*stride)
	for t := range T {
		row := x[t*stride : t*stride+nw]
		for c, v := range y.RawRowView(t) {
			row[c] = v - ym[c]
		}
		if z != nil {
			for c, v := range z.RawRowView(t) {
				row[ny+c] = v - zm[c]
			}
		}
	}
	return x, stride
}
