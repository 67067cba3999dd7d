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

// channelMajor returns the mean-removed trial as one contiguous series per channel, appending
// the channels of z after those of y.
func channelMajor(y, z *mat.Dense, ym, zm []float64) [][]float64 {
	T, ny := y.Dims()
	nz := 0
	if z != nil {
		_, nz = z.Dims()
	}
	buf := make([]float64, T*(ny+nz))
	out := make([][]float64, ny+nz)
	for c := range out {
		out[c] = buf[c*T : (c+1)*T : (c+1)*T]
	}
	for t := range T {
		for c, v := range y.RawRowView(t) {
			out[c][t] = v - ym[c]
		}
		if z != nil {
			for c, v := range z.RawRowView(t) {
				out[ny+c][t] = v - zm[c]
			}
		}
	}
	return out
}
