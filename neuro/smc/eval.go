package smc

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// SmoothHann convolves every column of x with a Hann window of the given width normalised to
// sum 1 (output length unchanged, zeros beyond the ends, as numpy's convolve mode "same"), the
// evaluation smoothing of the EEG experiment (width 15).
func SmoothHann(x *mat.Dense, width int) (*mat.Dense, error) {
	if x == nil {
		return nil, fmt.Errorf("smc: SmoothHann: x is nil")
	}
	if width < 1 {
		return nil, fmt.Errorf("smc: SmoothHann: width = %d, want ≥ 1", width)
	}
	T, d := x.Dims()
	w := make([]float64, width)
	s := 0.0
	for i := range w {
		// numpy.hanning: 0.5 − 0.5 cos(2πi/(M−1)), zero at both ends
		if width > 1 {
			w[i] = 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/float64(width-1))
		} else {
			w[i] = 1
		}
		s += w[i]
	}
	out := mat.NewDense(T, d, nil)
	half := (width - 1) / 2
	for t := range T {
		row := out.RawRowView(t)
		for j, wj := range w {
			src := t + half - j
			if src < 0 || src >= T {
				continue
			}
			xr := x.RawRowView(src)
			for c := range d {
				row[c] += wj / s * xr[c]
			}
		}
	}
	return out, nil
}

// ZScore returns x with every column shifted to mean 0 and scaled to standard deviation 1
// (a constant column is an error).
func ZScore(x *mat.Dense) (*mat.Dense, error) {
	if x == nil {
		return nil, fmt.Errorf("smc: ZScore: x is nil")
	}
	T, d := x.Dims()
	out := mat.DenseCopyOf(x)
	for c := range d {
		m, v := 0.0, 0.0
		for t := range T {
			m += x.At(t, c)
		}
		m /= float64(T)
		for t := range T {
			dv := x.At(t, c) - m
			v += dv * dv
		}
		sd := math.Sqrt(v / float64(T))
		if !(sd > 0) || math.IsInf(sd, 0) {
			return nil, fmt.Errorf("smc: ZScore: column %d has standard deviation %v", c, sd)
		}
		for t := range T {
			out.Set(t, c, (x.At(t, c)-m)/sd)
		}
	}
	return out, nil
}
