package datasets

import (
	"context"
	"fmt"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/neurodyn/neurodyn/datasets/matv5"
	"github.com/neurodyn/neurodyn/datasets/postrack"
)

// Position is an animal's tracked position.
type Position struct {
	Time []float64 // seconds, on the spike clock
	X, Y []float64 // camera pixels
	// Monotonic is false when the tracker's time stamps go backwards
	// somewhere (the raw file order is kept).
	Monotonic bool
}

// Frame returns the position as a DataFrame (time, x, y).
func (p *Position) Frame() dataframe.DataFrame {
	return dataframe.New(
		series.New(p.Time, series.Float, "time"),
		series.New(p.X, series.Float, "x"),
		series.New(p.Y, series.Float, "y"),
	)
}

// PlaceData is a hippocampal session: spikes of sorted units and the
// animal's position.
type PlaceData struct {
	Name     string
	Spikes   *SpikeTable // continuous (Trial = −1), times in seconds
	Position *Position
}

// HippocampusLinearTrack loads the nelpy linear-track session (31 units)
// with the default Store.
func HippocampusLinearTrack() (*PlaceData, error) {
	return DefaultStore().Hippocampus(context.Background(), "nelpy-linear-track")
}

// HippocampusWMaze loads the nelpy W-maze session (25 units) with the
// default Store.
func HippocampusWMaze() (*PlaceData, error) {
	return DefaultStore().Hippocampus(context.Background(), "nelpy-w-maze")
}

// Hippocampus loads a nelpy session ("nelpy-linear-track" or
// "nelpy-w-maze"): the MatClust spike times of every non-empty unit,
// named tTT_uUU with the tetrode as region, and the LED position.
func (s *Store) Hippocampus(ctx context.Context, name string) (*PlaceData, error) {
	ds, err := Lookup(name)
	if err != nil {
		return nil, err
	}
	if len(ds.Files) != 2 || name != "nelpy-linear-track" && name != "nelpy-w-maze" {
		return nil, fmt.Errorf("datasets: %q is not a nelpy hippocampus session", name)
	}
	sp, err := s.Locate(ctx, ds, ds.Files[0].Path)
	if err != nil {
		return nil, err
	}
	tp, err := s.Locate(ctx, ds, ds.Files[1].Path)
	if err != nil {
		return nil, err
	}
	mf, err := matv5.Open(sp)
	if err != nil {
		return nil, err
	}
	spikes, err := nelpySpikes(mf)
	if err != nil {
		return nil, fmt.Errorf("datasets: %s: %w", sp, err)
	}
	tr, err := postrack.Open(tp)
	if err != nil {
		return nil, err
	}
	x, okx := tr.Columns["xloc"]
	y, oky := tr.Columns["yloc"]
	if !okx || !oky {
		return nil, fmt.Errorf("datasets: %s has no xloc/yloc fields", tp)
	}
	return &PlaceData{
		Name:     ds.Title,
		Spikes:   spikes,
		Position: &Position{Time: tr.Columns[tr.TimeField], X: x, Y: y, Monotonic: tr.Monotonic() < 0},
	}, nil
}

// nelpySpikes walks spikes{1}…{tetrode}{unit}.time.
func nelpySpikes(f *matv5.File) (*SpikeTable, error) {
	v, err := f.Var("spikes")
	if err != nil {
		return nil, err
	}
	for v.Class == matv5.Cell && len(v.Cells) == 1 {
		v = v.Cells[0]
	}
	if v.Class != matv5.Cell {
		return nil, fmt.Errorf("spikes is %s, want a cell array of tetrodes", v.Class)
	}
	st := &SpikeTable{}
	for ti, tet := range v.Cells {
		if tet.Class != matv5.Cell {
			continue // tetrode without units
		}
		for ui, u := range tet.Cells {
			if u.Class != matv5.Struct || u.Len() != 1 {
				continue // empty slot
			}
			tm, err := u.Field("time")
			if err != nil {
				return nil, err
			}
			if tm.IsEmpty() {
				continue
			}
			times, err := tm.Vector()
			if err != nil {
				return nil, err
			}
			idx := len(st.Units)
			st.Units = append(st.Units, UnitInfo{Name: fmt.Sprintf("t%02d_u%02d", ti+1, ui+1), Region: fmt.Sprintf("tetrode %d", ti+1)})
			for _, t := range times {
				st.Add(idx, t, -1)
			}
		}
	}
	return st, st.Validate()
}
