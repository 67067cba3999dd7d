package datasets

import (
	"fmt"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"gonum.org/v1/gonum/mat"
)

// Event is a labelled interval. Onset is in seconds on the time axis of
// Recording.Time (of trial Trial when Trial ≥ 0).
type Event struct {
	Onset    float64
	Duration float64
	Label    string
	Trial    int // −1 for continuous recordings
}

// Recording is a set of channels sampled on a common clock.
type Recording struct {
	Name     string
	Channels []string
	Units    string  // physical unit of the values, e.g. "uV"
	Rate     float64 // rows per second
	// Trials holds one matrix per trial: rows are time, columns channels.
	Trials []*mat.Dense
	// TrialStart is the time in seconds of row 0 of each trial.
	TrialStart []float64
	Events     []Event
	// Note records anything a user must know about the source (e.g. a
	// reconstructed or shortened file).
	Note string
}

// Time returns the time in seconds of row i of trial k.
func (r *Recording) Time(k, i int) float64 { return r.TrialStart[k] + float64(i)/r.Rate }

// Frame returns trial k as a DataFrame with a "time" column (seconds)
// followed by one column per channel.
func (r *Recording) Frame(k int) (dataframe.DataFrame, error) {
	if k < 0 || k >= len(r.Trials) {
		return dataframe.DataFrame{}, fmt.Errorf("datasets: trial %d out of range [0, %d)", k, len(r.Trials))
	}
	return MatrixFrame(r.Trials[k], r.Channels, r.Rate, r.TrialStart[k])
}

// EventFrame returns the events as a DataFrame (onset, duration, label,
// trial).
func (r *Recording) EventFrame() dataframe.DataFrame {
	n := len(r.Events)
	on, du, tr := make([]float64, n), make([]float64, n), make([]int, n)
	lb := make([]string, n)
	for i, e := range r.Events {
		on[i], du[i], lb[i], tr[i] = e.Onset, e.Duration, e.Label, e.Trial
	}
	return dataframe.New(
		series.New(on, series.Float, "onset"),
		series.New(du, series.Float, "duration"),
		series.New(lb, series.String, "label"),
		series.New(tr, series.Int, "trial"),
	)
}

// MatrixFrame turns a time × channel matrix into a DataFrame. If rate > 0 a
// "time" column t0 + i/rate comes first. names must have one entry per
// column (nil gives c0, c1, …).
func MatrixFrame(m *mat.Dense, names []string, rate, t0 float64) (dataframe.DataFrame, error) {
	if m == nil {
		return dataframe.DataFrame{}, fmt.Errorf("datasets: matrix is nil")
	}
	r, c := m.Dims()
	if names == nil {
		names = make([]string, c)
		for j := range names {
			names[j] = fmt.Sprintf("c%d", j)
		}
	}
	if len(names) != c {
		return dataframe.DataFrame{}, fmt.Errorf("datasets: %d names for %d columns", len(names), c)
	}
	cols := make([]series.Series, 0, c+1)
	if rate > 0 {
		t := make([]float64, r)
		for i := range t {
			t[i] = t0 + float64(i)/rate
		}
		cols = append(cols, series.New(t, series.Float, "time"))
	}
	for j := 0; j < c; j++ {
		cols = append(cols, series.New(mat.Col(nil, j, m), series.Float, names[j]))
	}
	df := dataframe.New(cols...)
	if df.Err != nil {
		return dataframe.DataFrame{}, fmt.Errorf("datasets: %w", df.Err)
	}
	return df, nil
}

// FrameMatrix extracts the named numeric columns (all columns if none are
// named) of a DataFrame as a matrix.
func FrameMatrix(df dataframe.DataFrame, cols ...string) (*mat.Dense, error) {
	if df.Err != nil {
		return nil, fmt.Errorf("datasets: DataFrame carries an error: %w", df.Err)
	}
	if len(cols) == 0 {
		cols = df.Names()
	}
	have := map[string]bool{}
	for _, n := range df.Names() {
		have[n] = true
	}
	r := df.Nrow()
	if r == 0 || len(cols) == 0 {
		return nil, fmt.Errorf("datasets: DataFrame is empty")
	}
	m := mat.NewDense(r, len(cols), nil)
	for j, name := range cols {
		if !have[name] {
			return nil, fmt.Errorf("datasets: DataFrame has no column %q", name)
		}
		s := df.Col(name)
		if s.Type() != series.Float && s.Type() != series.Int && s.Type() != series.Bool {
			return nil, fmt.Errorf("datasets: column %q is %s, not numeric", name, s.Type())
		}
		m.SetCol(j, s.Float())
	}
	return m, nil
}
