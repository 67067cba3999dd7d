package datasets

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Epochs cuts windows [t+start, t+end) around each time t of a continuous
// (one-trial) recording into a new recording with one trial per window.
// Row i of a window is the sample nearest to t + start + i/Rate; all
// windows have round((end−start)·Rate) rows. A window that leaves the
// recording is an error naming it.
func (r *Recording) Epochs(times []float64, start, end float64) (*Recording, error) {
	if len(r.Trials) != 1 {
		return nil, fmt.Errorf("datasets: Epochs needs a continuous recording (one trial), have %d trials", len(r.Trials))
	}
	if !(r.Rate > 0) {
		return nil, fmt.Errorf("datasets: recording rate %g is not positive", r.Rate)
	}
	if !(end > start) || math.IsInf(end-start, 0) {
		return nil, fmt.Errorf("datasets: window [%g, %g) is empty or not finite", start, end)
	}
	n := int(math.Round((end - start) * r.Rate))
	if n < 1 {
		return nil, fmt.Errorf("datasets: window [%g, %g) holds no sample at %g Hz", start, end, r.Rate)
	}
	rows, cols := r.Trials[0].Dims()
	out := &Recording{Name: r.Name + " (epochs)", Channels: r.Channels, Units: r.Units, Rate: r.Rate, Note: r.Note}
	for k, t := range times {
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return nil, fmt.Errorf("datasets: epoch time %d is %g", k, t)
		}
		i0 := int(math.Round((t + start - r.TrialStart[0]) * r.Rate))
		if i0 < 0 || i0+n > rows {
			return nil, fmt.Errorf("datasets: epoch %d [%g, %g) s leaves the recording [%g, %g) s", k, t+start, t+end, r.TrialStart[0], r.Time(0, rows))
		}
		out.Trials = append(out.Trials, mat.DenseCopyOf(r.Trials[0].Slice(i0, i0+n, 0, cols)))
		out.TrialStart = append(out.TrialStart, start)
		for _, e := range r.Events {
			if e.Onset >= t+start && e.Onset < t+end {
				out.Events = append(out.Events, Event{Onset: e.Onset - t, Duration: e.Duration, Label: e.Label, Trial: k})
			}
		}
	}
	return out, nil
}
