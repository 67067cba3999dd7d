package datasets

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

func checkTrials(x []*mat.Dense) (int, error) {
	if len(x) == 0 {
		return 0, fmt.Errorf("datasets: no trials")
	}
	_, c := x[0].Dims()
	for k, m := range x {
		if m == nil {
			return 0, fmt.Errorf("datasets: trial %d is nil", k)
		}
		if _, ck := m.Dims(); ck != c {
			return 0, fmt.Errorf("datasets: trial %d has %d columns, trial 0 has %d", k, ck, c)
		}
	}
	return c, nil
}

// SmoothGaussian convolves every column of every trial along time with a
// Gaussian of standard deviation sigma bins, truncated at ±4σ; near the
// trial edges the kernel is renormalised over the bins that exist.
func SmoothGaussian(x []*mat.Dense, sigma float64) ([]*mat.Dense, error) {
	if _, err := checkTrials(x); err != nil {
		return nil, err
	}
	if !(sigma > 0) || math.IsInf(sigma, 0) {
		return nil, fmt.Errorf("datasets: sigma %g is not a positive number of bins", sigma)
	}
	h := int(math.Ceil(4 * sigma))
	w := make([]float64, 2*h+1)
	for k := -h; k <= h; k++ {
		w[k+h] = math.Exp(-float64(k*k) / (2 * sigma * sigma))
	}
	out := make([]*mat.Dense, len(x))
	for n, m := range x {
		r, c := m.Dims()
		y := mat.NewDense(r, c, nil)
		col := make([]float64, r)
		for j := 0; j < c; j++ {
			mat.Col(col, j, m)
			for t := 0; t < r; t++ {
				var s, z float64
				for k := max(-h, -t); k <= h && t+k < r; k++ {
					s += w[k+h] * col[t+k]
					z += w[k+h]
				}
				y.Set(t, j, s/z)
			}
		}
		out[n] = y
	}
	return out, nil
}

// SmoothExponential filters every column causally: y_t = α y_{t−1} +
// (1 − α) x_t with α = exp(−1/tau), tau in bins, and y_0 = x_0.
func SmoothExponential(x []*mat.Dense, tau float64) ([]*mat.Dense, error) {
	if _, err := checkTrials(x); err != nil {
		return nil, err
	}
	if !(tau > 0) || math.IsInf(tau, 0) {
		return nil, fmt.Errorf("datasets: tau %g is not a positive number of bins", tau)
	}
	a := math.Exp(-1 / tau)
	out := make([]*mat.Dense, len(x))
	for n, m := range x {
		r, c := m.Dims()
		y := mat.NewDense(r, c, nil)
		for j := 0; j < c; j++ {
			v := m.At(0, j)
			y.Set(0, j, v)
			for t := 1; t < r; t++ {
				v = a*v + (1-a)*m.At(t, j)
				y.Set(t, j, v)
			}
		}
		out[n] = y
	}
	return out, nil
}

// Sqrt returns the element-wise square root (the variance-stabilising
// transform for Poisson counts). Negative entries are an error.
func Sqrt(x []*mat.Dense) ([]*mat.Dense, error) {
	if _, err := checkTrials(x); err != nil {
		return nil, err
	}
	out := make([]*mat.Dense, len(x))
	for n, m := range x {
		r, c := m.Dims()
		y := mat.NewDense(r, c, nil)
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				v := m.At(i, j)
				if v < 0 || math.IsNaN(v) {
					return nil, fmt.Errorf("datasets: trial %d entry (%d, %d) = %g has no real square root", n, i, j, v)
				}
				y.Set(i, j, math.Sqrt(v))
			}
		}
		out[n] = y
	}
	return out, nil
}

// ZScore standardises every column with its mean and standard deviation
// pooled over all trials: z = (x − mean)/sd. A constant column has sd 0 and
// is mapped to 0 (its sd is reported as 0).
func ZScore(x []*mat.Dense) (z []*mat.Dense, mean, sd []float64, err error) {
	c, err := checkTrials(x)
	if err != nil {
		return nil, nil, nil, err
	}
	mean, sd = make([]float64, c), make([]float64, c)
	n := 0
	for _, m := range x {
		r, _ := m.Dims()
		n += r
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				v := m.At(i, j)
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return nil, nil, nil, fmt.Errorf("datasets: non-finite value %g in column %d", v, j)
				}
				mean[j] += v
			}
		}
	}
	if n < 2 {
		return nil, nil, nil, fmt.Errorf("datasets: %d rows; z-scoring needs at least 2", n)
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	for _, m := range x {
		r, _ := m.Dims()
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				d := m.At(i, j) - mean[j]
				sd[j] += d * d
			}
		}
	}
	for j := range sd {
		sd[j] = math.Sqrt(sd[j] / float64(n-1))
	}
	z = make([]*mat.Dense, len(x))
	for k, m := range x {
		r, _ := m.Dims()
		y := mat.NewDense(r, c, nil)
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				if sd[j] > 0 {
					y.Set(i, j, (m.At(i, j)-mean[j])/sd[j])
				}
			}
		}
		z[k] = y
	}
	return z, mean, sd, nil
}
