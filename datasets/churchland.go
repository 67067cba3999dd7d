package datasets

import (
	"context"
	"fmt"

	"github.com/neurodyn/neurodyn/datasets/matv5"
)

// ChurchlandReaching loads the TME copy of the Churchland et al. 2012
// reaching data with the default Store (see Store.ChurchlandReaching).
func ChurchlandReaching() (*Recording, error) {
	return DefaultStore().ChurchlandReaching(context.Background())
}

// ChurchlandReaching loads dataTensor (61 times × 50 neurons × 10
// conditions, trial-averaged and normalised firing rates) as 10 trials of
// 61×50, one per reach condition, sampled every 10 ms from −50 to 550 ms
// around movement onset.
func (s *Store) ChurchlandReaching(ctx context.Context) (*Recording, error) {
	p, err := s.Path(ctx, "tme-churchland2012", "tme_churchland2012/exampleData.mat")
	if err != nil {
		return nil, err
	}
	f, err := matv5.Open(p)
	if err != nil {
		return nil, err
	}
	dt, err := f.Var("dataTensor")
	if err != nil {
		return nil, err
	}
	pages, err := dt.Pages()
	if err != nil {
		return nil, err
	}
	tv, err := f.Var("t")
	if err != nil {
		return nil, err
	}
	t, err := tv.Vector()
	if err != nil {
		return nil, err
	}
	r, c := pages[0].Dims()
	if len(t) != r || r < 2 {
		return nil, fmt.Errorf("datasets: %s: t has %d entries for %d time points", p, len(t), r)
	}
	step := (t[1] - t[0]) / 1000 // ms → s
	if !(step > 0) {
		return nil, fmt.Errorf("datasets: %s: time axis does not increase", p)
	}
	rec := &Recording{
		Name:  "Churchland et al. 2012 reaching (TME preprocessing)",
		Units: "normalised rate",
		Rate:  1 / step,
		Note:  "trial-averaged per condition; each trial is one reach condition; time 0 = movement onset",
	}
	for j := 0; j < c; j++ {
		rec.Channels = append(rec.Channels, fmt.Sprintf("n%02d", j+1))
	}
	for k := range pages {
		rec.Trials = append(rec.Trials, pages[k])
		rec.TrialStart = append(rec.TrialStart, t[0]/1000)
		rec.Events = append(rec.Events, Event{Onset: 0, Label: "movement onset", Trial: k})
	}
	return rec, nil
}
