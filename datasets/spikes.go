package datasets

import (
	"fmt"
	"math"
	"sort"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// UnitInfo describes one sorted unit.
type UnitInfo struct {
	Name   string
	Region string // brain region, array or tetrode
}

// SpikeTable is a tidy table of spikes: row i is one spike of unit Unit[i]
// (an index into Units) at Time[i] seconds in trial Trial[i] (−1 for
// continuous recordings, where times are from the start of the session).
type SpikeTable struct {
	Units []UnitInfo
	Unit  []int
	Time  []float64
	Trial []int
}

// Len returns the number of spikes.
func (s *SpikeTable) Len() int { return len(s.Time) }

// Add appends one spike.
func (s *SpikeTable) Add(unit int, t float64, trial int) {
	s.Unit = append(s.Unit, unit)
	s.Time = append(s.Time, t)
	s.Trial = append(s.Trial, trial)
}

// Validate checks that the columns agree and hold finite times and valid
// unit indices.
func (s *SpikeTable) Validate() error {
	if len(s.Unit) != len(s.Time) || len(s.Trial) != len(s.Time) {
		return fmt.Errorf("datasets: spike table columns differ in length: unit %d, time %d, trial %d", len(s.Unit), len(s.Time), len(s.Trial))
	}
	for i, u := range s.Unit {
		if u < 0 || u >= len(s.Units) {
			return fmt.Errorf("datasets: spike %d has unit %d, table has %d units", i, u, len(s.Units))
		}
		if math.IsNaN(s.Time[i]) || math.IsInf(s.Time[i], 0) {
			return fmt.Errorf("datasets: spike %d has non-finite time %g", i, s.Time[i])
		}
	}
	return nil
}

// Frame returns the table as a DataFrame with columns unit (name), unit_index,
// region, time and trial.
func (s *SpikeTable) Frame() dataframe.DataFrame {
	n := s.Len()
	name, region := make([]string, n), make([]string, n)
	for i, u := range s.Unit {
		if u >= 0 && u < len(s.Units) {
			name[i], region[i] = s.Units[u].Name, s.Units[u].Region
		}
	}
	return dataframe.New(
		series.New(name, series.String, "unit"),
		series.New(s.Unit, series.Int, "unit_index"),
		series.New(region, series.String, "region"),
		series.New(s.Time, series.Float, "time"),
		series.New(s.Trial, series.Int, "trial"),
	)
}

// UnitTimes returns the sorted spike times of each unit (all trials pooled).
func (s *SpikeTable) UnitTimes() [][]float64 {
	out := make([][]float64, len(s.Units))
	for i, u := range s.Unit {
		if u >= 0 && u < len(out) {
			out[u] = append(out[u], s.Time[i])
		}
	}
	for _, t := range out {
		sort.Float64s(t)
	}
	return out
}

// Summary returns one row per unit: name, region, number of spikes, rate
// n/duration in Hz, mean inter-spike interval and its coefficient of
// variation sd/mean. duration is the observation time in seconds; if it is
// 0 the span from the first to the last spike of the whole table is used.
// The ISI statistics need at least three spikes; for units with fewer, the
// isi_mean and isi_cv entries are NaN (the n_spikes column says why).
func (s *SpikeTable) Summary(duration float64) (dataframe.DataFrame, error) {
	if err := s.Validate(); err != nil {
		return dataframe.DataFrame{}, err
	}
	if duration < 0 || math.IsNaN(duration) || math.IsInf(duration, 0) {
		return dataframe.DataFrame{}, fmt.Errorf("datasets: duration %g is not a non-negative number", duration)
	}
	if duration == 0 {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, t := range s.Time {
			lo, hi = math.Min(lo, t), math.Max(hi, t)
		}
		duration = hi - lo
		if !(duration > 0) {
			return dataframe.DataFrame{}, fmt.Errorf("datasets: duration 0 and the spikes span no time; give the observation time")
		}
	}
	times := s.UnitTimes()
	nu := len(s.Units)
	name, region := make([]string, nu), make([]string, nu)
	count := make([]int, nu)
	rate, mean, cv := make([]float64, nu), make([]float64, nu), make([]float64, nu)
	for u, t := range times {
		name[u], region[u] = s.Units[u].Name, s.Units[u].Region
		count[u] = len(t)
		rate[u] = float64(len(t)) / duration
		mean[u], cv[u] = math.NaN(), math.NaN()
		if len(t) < 3 {
			continue
		}
		var m, m2 float64
		for i := 1; i < len(t); i++ {
			m += t[i] - t[i-1]
		}
		m /= float64(len(t) - 1)
		for i := 1; i < len(t); i++ {
			d := t[i] - t[i-1] - m
			m2 += d * d
		}
		mean[u] = m
		if m > 0 {
			cv[u] = math.Sqrt(m2/float64(len(t)-2)) / m
		}
	}
	return dataframe.New(
		series.New(name, series.String, "unit"),
		series.New(region, series.String, "region"),
		series.New(count, series.Int, "n_spikes"),
		series.New(rate, series.Float, "rate_hz"),
		series.New(mean, series.Float, "isi_mean"),
		series.New(cv, series.Float, "isi_cv"),
	), nil
}
