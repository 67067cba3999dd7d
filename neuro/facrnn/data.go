package facrnn

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Dataset holds T samples of the one-step model: inputs U (T×N, u_t = tanh(x_{t−1})), targets
// X (T×N) and an optional known external input E (T×N, added to the decoder mean; nil = 0).
type Dataset struct {
	U, X, E *mat.Dense
}

// NewDataset builds the samples of one or more recordings: each trial (time × neurons) gives
// u_t = tanh(x_{t−1}) with u_0 = 0 and target x_t. ext, if not nil, holds one known-input
// matrix per trial with the same shape.
func NewDataset(trials []*mat.Dense, ext []*mat.Dense) (Dataset, error) {
	if len(trials) == 0 {
		return Dataset{}, fmt.Errorf("facrnn: NewDataset: trials is empty")
	}
	if ext != nil && len(ext) != len(trials) {
		return Dataset{}, fmt.Errorf("facrnn: NewDataset: ext has %d trials, trials has %d", len(ext), len(trials))
	}
	_, n := trials[0].Dims()
	total := 0
	for i, tr := range trials {
		if tr == nil {
			return Dataset{}, fmt.Errorf("facrnn: NewDataset: trials[%d] is nil", i)
		}
		r, c := tr.Dims()
		if c != n {
			return Dataset{}, fmt.Errorf("facrnn: NewDataset: trials[%d] has %d neurons, trials[0] has %d", i, c, n)
		}
		if err := finite(fmt.Sprintf("trials[%d]", i), tr); err != nil {
			return Dataset{}, err
		}
		if ext != nil {
			if ext[i] == nil {
				return Dataset{}, fmt.Errorf("facrnn: NewDataset: ext[%d] is nil", i)
			}
			if er, ec := ext[i].Dims(); er != r || ec != c {
				return Dataset{}, fmt.Errorf("facrnn: NewDataset: ext[%d] is %d×%d, trials[%d] is %d×%d", i, er, ec, i, r, c)
			}
			if err := finite(fmt.Sprintf("ext[%d]", i), ext[i]); err != nil {
				return Dataset{}, err
			}
		}
		total += r
	}
	d := Dataset{U: mat.NewDense(total, n, nil), X: mat.NewDense(total, n, nil)}
	if ext != nil {
		d.E = mat.NewDense(total, n, nil)
	}
	row := 0
	for i, tr := range trials {
		r, _ := tr.Dims()
		for t := 0; t < r; t++ {
			d.X.SetRow(row, tr.RawRowView(t))
			if t > 0 {
				u := d.U.RawRowView(row)
				for k, v := range tr.RawRowView(t - 1) {
					u[k] = math.Tanh(v)
				}
			}
			if ext != nil {
				d.E.SetRow(row, ext[i].RawRowView(t))
			}
			row++
		}
	}
	return d, nil
}

// Len returns the number of samples.
func (d Dataset) Len() int {
	if d.X == nil {
		return 0
	}
	r, _ := d.X.Dims()
	return r
}

// Subset returns the samples at the given indices (copies).
func (d Dataset) Subset(idx []int) (Dataset, error) {
	if err := d.check(); err != nil {
		return Dataset{}, err
	}
	if len(idx) == 0 {
		return Dataset{}, fmt.Errorf("facrnn: Subset: idx is empty")
	}
	T, n := d.X.Dims()
	out := Dataset{U: mat.NewDense(len(idx), n, nil), X: mat.NewDense(len(idx), n, nil)}
	if d.E != nil {
		out.E = mat.NewDense(len(idx), n, nil)
	}
	for r, i := range idx {
		if i < 0 || i >= T {
			return Dataset{}, fmt.Errorf("facrnn: Subset: idx[%d] = %d out of range [0, %d)", r, i, T)
		}
		out.U.SetRow(r, d.U.RawRowView(i))
		out.X.SetRow(r, d.X.RawRowView(i))
		if d.E != nil {
			out.E.SetRow(r, d.E.RawRowView(i))
		}
	}
	return out, nil
}

// Interleave splits the samples into even (train) and odd (test) indices, the split of the
// paper's synthetic benchmark.
func (d Dataset) Interleave() (train, test Dataset, err error) {
	T := d.Len()
	if T < 4 {
		return Dataset{}, Dataset{}, fmt.Errorf("facrnn: Interleave: %d samples, need at least 4", T)
	}
	var even, odd []int
	for t := 0; t < T; t++ {
		if t%2 == 0 {
			even = append(even, t)
		} else {
			odd = append(odd, t)
		}
	}
	if train, err = d.Subset(even); err != nil {
		return
	}
	test, err = d.Subset(odd)
	return
}

func (d Dataset) check() error {
	if d.U == nil || d.X == nil {
		return fmt.Errorf("facrnn: dataset: U and X must not be nil")
	}
	ur, uc := d.U.Dims()
	xr, xc := d.X.Dims()
	if ur != xr || uc != xc {
		return fmt.Errorf("facrnn: dataset: U is %d×%d but X is %d×%d", ur, uc, xr, xc)
	}
	if d.E != nil {
		if er, ec := d.E.Dims(); er != xr || ec != xc {
			return fmt.Errorf("facrnn: dataset: E is %d×%d but X is %d×%d", er, ec, xr, xc)
		}
	}
	for _, m := range []struct {
		name string
		a    *mat.Dense
	}{{"U", d.U}, {"X", d.X}, {"E", d.E}} {
		if m.a != nil {
			if err := finite("dataset "+m.name, m.a); err != nil {
				return err
			}
		}
	}
	return nil
}

func finite(name string, a mat.Matrix) error {
	r, c := a.Dims()
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			if v := a.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("facrnn: %s[%d][%d] = %v is not finite", name, i, j, v)
			}
		}
	}
	return nil
}
