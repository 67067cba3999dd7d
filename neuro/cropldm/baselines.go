package cropldm

import (
	"context"
	"fmt"
	"math"

	"github.com/neurodyn/neurodyn/neuro/commsub"
	"github.com/neurodyn/neurodyn/neuro/lds"
	"github.com/neurodyn/neurodyn/neuro/linalg"
	"github.com/neurodyn/neurodyn/neuro/ssid"
	"gonum.org/v1/gonum/mat"
)

// JointLDM is a non-prioritized model of [source; target] identified by standard SID. The
// target is predicted from the source alone by the Kalman filter of the source rows:
// ẑ_{k|k−1} = C_target x̂_{k|k−1}.
type JointLDM struct {
	Joint *ssid.Model // the identified joint model (y = [source target])
	// Source is the source-only filter (Cy = source rows, Cz = target rows of the joint C).
	Source *ssid.Model
}

// FitJointLDM identifies a joint model with nx states and horizon i (0 means 10).
func FitJointLDM(source, target []*mat.Dense, nx, horizon int) (*JointLDM, error) {
	joint, err := concatChannels(source, target)
	if err != nil {
		return nil, err
	}
	ny := source[0].RawMatrix().Cols
	m, err := ssid.Fit(joint, nil, ssid.Config{NX: nx, Horizon: horizon})
	if err != nil {
		return nil, fmt.Errorf("cropldm: joint LDM: %w", err)
	}
	nj, _ := m.Cy.Dims()
	cs := mat.DenseCopyOf(m.Cy.Slice(0, ny, 0, nx))
	ct := mat.DenseCopyOf(m.Cy.Slice(ny, nj, 0, nx))
	rs := mat.NewSymDense(ny, nil)
	for r := range ny {
		for c := r; c < ny; c++ {
			rs.SetSym(r, c, m.R.At(r, c))
		}
	}
	ss := mat.DenseCopyOf(m.S.Slice(0, nx, 0, ny))
	kg, err := linalg.SteadyStateKalman(m.A, cs, m.Q, rs, ss)
	if err != nil {
		return nil, fmt.Errorf("cropldm: joint LDM source filter: %w", err)
	}
	src := &ssid.Model{A: m.A, Cy: cs, Cz: ct, Q: m.Q, R: rs, S: ss, K: kg.K, Kf: kg.Kf, P: kg.P,
		InnovCov: kg.Innov, YMean: m.YMean[:ny], ZMean: m.YMean[ny:], Horizon: m.Horizon,
		Report: m.Report}
	return &JointLDM{Joint: m, Source: src}, nil
}

// Predict returns the causal prediction of the target from the source.
func (j *JointLDM) Predict(source []*mat.Dense) ([]*mat.Dense, error) {
	return j.Source.PredictZ(source)
}

// EMLDS is a joint linear dynamical system of [source; target] fitted by EM (package
// neuro/lds). The target is predicted from the source by Kalman filtering with every target
// entry treated as missing: ẑ_{k|k−1} = C_target E[x_k | source_{<k}] + d_target.
type EMLDS struct {
	Model  *lds.Model
	Result *lds.FitResult
	ny     int
}

// FitEMLDS fits the joint LDS with nx states. cfg.States is set to nx; other fields of cfg
// (iterations, tolerance, progress) are passed through.
func FitEMLDS(ctx context.Context, source, target []*mat.Dense, nx int, cfg lds.Config) (*EMLDS, error) {
	joint, err := concatChannels(source, target)
	if err != nil {
		return nil, err
	}
	cfg.States = nx
	m, res, err := lds.FitEM(ctx, joint, nil, cfg)
	if err != nil {
		return nil, fmt.Errorf("cropldm: EM LDS: %w", err)
	}
	return &EMLDS{Model: m, Result: res, ny: source[0].RawMatrix().Cols}, nil
}

// Predict returns the causal prediction of the target from the source.
func (e *EMLDS) Predict(source []*mat.Dense) ([]*mat.Dense, error) {
	_, p, _ := e.Model.Dims()
	data := make([]*mat.Dense, len(source))
	for k, s := range source {
		T, c := s.Dims()
		if c != e.ny {
			return nil, fmt.Errorf("cropldm: source trial %d has %d channels, the model has %d", k, c, e.ny)
		}
		d := mat.NewDense(T, p, nil)
		for t := range T {
			row := d.RawRowView(t)
			copy(row, s.RawRowView(t))
			for j := e.ny; j < p; j++ {
				row[j] = math.NaN()
			}
		}
		data[k] = d
	}
	f, err := e.Model.Filter(data, nil)
	if err != nil {
		return nil, fmt.Errorf("cropldm: EM LDS: %w", err)
	}
	n, _, _ := e.Model.Dims()
	ct := e.Model.C.Slice(e.ny, p, 0, n)
	out := make([]*mat.Dense, len(source))
	for k := range source {
		var z mat.Dense
		z.Mul(f[k].PredMean, ct.T())
		if e.Model.Dout != nil {
			addMean(&z, e.Model.Dout[e.ny:])
		}
		out[k] = &z
	}
	return out, nil
}

// RRR is static reduced-rank regression of the target on the source (package
// neuro/commsub): same-bin (Lags = 0, ẑ_k from y_k) or with lags (ẑ_k from y_k … y_{k−Lags}).
// Samples before the first lag within a trial use the source mean for the missing lags.
type RRR struct {
	Fit   *commsub.RRR
	Rank  int
	Lags  int
	means []float64
}

// FitRRR fits reduced-rank regression with the given rank and number of lags.
func FitRRR(source, target []*mat.Dense, rank, lags int) (*RRR, error) {
	if lags < 0 {
		return nil, fmt.Errorf("cropldm: RRR lags = %d, need ≥ 0", lags)
	}
	if _, err := concatChannels(source, target); err != nil {
		return nil, err
	}
	means := channelMeans(source)
	x := linalg.StackRows(lagged(source, lags, means))
	z := linalg.StackRows(target)
	fit, err := commsub.FitRRR(x, z, 0)
	if err != nil {
		return nil, fmt.Errorf("cropldm: RRR: %w", err)
	}
	if rank < 1 || rank > fit.MaxRank() {
		return nil, fmt.Errorf("cropldm: RRR rank = %d, need 1 ≤ rank ≤ %d", rank, fit.MaxRank())
	}
	return &RRR{Fit: fit, Rank: rank, Lags: lags, means: means}, nil
}

// Predict returns the target predicted from the source.
func (r *RRR) Predict(source []*mat.Dense) ([]*mat.Dense, error) {
	for k, s := range source {
		if c := s.RawMatrix().Cols; c != len(r.means) {
			return nil, fmt.Errorf("cropldm: source trial %d has %d channels, the model has %d", k, c, len(r.means))
		}
	}
	xs := lagged(source, r.Lags, r.means)
	out := make([]*mat.Dense, len(xs))
	for k, x := range xs {
		p, err := r.Fit.Predict(x, r.Rank)
		if err != nil {
			return nil, fmt.Errorf("cropldm: RRR: %w", err)
		}
		out[k] = p
	}
	return out, nil
}

// lagged returns [y_k, y_{k−1}, …, y_{k−lags}] per trial, padding with means.
func lagged(x []*mat.Dense, lags int, means []float64) []*mat.Dense {
	out := make([]*mat.Dense, len(x))
	for k, xk := range x {
		T, c := xk.Dims()
		d := mat.NewDense(T, c*(lags+1), nil)
		for t := range T {
			row := d.RawRowView(t)
			for l := 0; l <= lags; l++ {
				dst := row[l*c : (l+1)*c]
				if t-l >= 0 {
					copy(dst, xk.RawRowView(t-l))
				} else {
					copy(dst, means)
				}
			}
		}
		out[k] = d
	}
	return out
}

// concatChannels returns [source target] per trial after checking shapes.
func concatChannels(source, target []*mat.Dense) ([]*mat.Dense, error) {
	if len(source) == 0 || len(source) != len(target) {
		return nil, fmt.Errorf("cropldm: source has %d trials, target has %d (need equal, > 0)", len(source), len(target))
	}
	out := make([]*mat.Dense, len(source))
	for k := range source {
		if source[k] == nil || target[k] == nil {
			return nil, fmt.Errorf("cropldm: trial %d is nil", k)
		}
		ts, cs := source[k].Dims()
		tt, ct := target[k].Dims()
		if ts != tt {
			return nil, fmt.Errorf("cropldm: trial %d has %d source samples but %d target samples", k, ts, tt)
		}
		if cs != source[0].RawMatrix().Cols || ct != target[0].RawMatrix().Cols {
			return nil, fmt.Errorf("cropldm: trial %d has %d source and %d target channels, trial 0 has %d and %d",
				k, cs, ct, source[0].RawMatrix().Cols, target[0].RawMatrix().Cols)
		}
		d := mat.NewDense(ts, cs+ct, nil)
		for t := range ts {
			row := d.RawRowView(t)
			copy(row[:cs], source[k].RawRowView(t))
			copy(row[cs:], target[k].RawRowView(t))
		}
		for _, v := range d.RawMatrix().Data {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("cropldm: trial %d has NaN or Inf entries", k)
			}
		}
		out[k] = d
	}
	return out, nil
}

func channelMeans(x []*mat.Dense) []float64 {
	_, c := x[0].Dims()
	m := make([]float64, c)
	n := 0
	for _, xk := range x {
		T, _ := xk.Dims()
		for t := range T {
			for j, v := range xk.RawRowView(t) {
				m[j] += v
			}
		}
		n += T
	}
	for j := range m {
		m[j] /= float64(n)
	}
	return m
}
