package datasets

import (
	"context"
	"fmt"
	"strings"

	"github.com/neurodyn/neurodyn/datasets/edf"
	"github.com/neurodyn/neurodyn/datasets/npy"
	"gonum.org/v1/gonum/mat"
)

// EEGMMIDBChannels are the 64 electrodes (10-10 system) of the EEG Motor
// Movement/Imagery database, in file order.
var EEGMMIDBChannels = strings.Fields("Fc5 Fc3 Fc1 Fcz Fc2 Fc4 Fc6 C5 C3 C1 Cz C2 C4 C6 Cp5 Cp3 Cp1 Cpz Cp2 Cp4 Cp6 " +
	"Fp1 Fpz Fp2 Af7 Af3 Afz Af4 Af8 F7 F5 F3 F1 Fz F2 F4 F6 F8 Ft7 Ft8 T7 T8 T9 T10 Tp7 Tp8 " +
	"P7 P5 P3 P1 Pz P2 P4 P6 P8 Po7 Po3 Poz Po4 Po8 O1 Oz O2 Iz")

// eegmmidbTask describes the T1/T2 events of a run.
func eegmmidbTask(run int) (task, t1, t2 string) {
	switch {
	case run == 1:
		return "baseline, eyes open", "", ""
	case run == 2:
		return "baseline, eyes closed", "", ""
	}
	kind := "executed"
	if run%2 == 0 {
		kind = "imagined"
	}
	if (run-3)%4 < 2 {
		return "left vs right fist, " + kind, "left fist", "right fist"
	}
	return "both fists vs both feet, " + kind, "both fists", "both feet"
}

// EEGMotorImagery loads run 1–14 of a subject of the PhysioNet EEG Motor
// Movement/Imagery database with the default Store (see
// Store.EEGMotorImagery).
func EEGMotorImagery(subject, run int) (*Recording, error) {
	return DefaultStore().EEGMotorImagery(context.Background(), subject, run)
}

// EEGMotorImagery loads one run: 64 channels in µV at 160 Hz as one trial,
// with the T0 (rest), T1 and T2 (task) blocks as events. Only subject 1 is
// registered. For the baseline runs 1 and 2 the official 61-s file is used
// when it is present locally or downloadable; otherwise the 60-s
// reconstruction from the shared data (Recording.Note says which).
func (s *Store) EEGMotorImagery(ctx context.Context, subject, run int) (*Recording, error) {
	if subject != 1 {
		return nil, fmt.Errorf("datasets: subject %d: only subject 1 of eegmmidb is registered (checksums known)", subject)
	}
	if run < 1 || run > 14 {
		return nil, fmt.Errorf("datasets: run %d: eegmmidb runs are 1–14", run)
	}
	ds, _ := Lookup("eegmmidb-s001")
	file := fmt.Sprintf("eegmmidb/S001R%02d.edf", run)
	note := ""
	var path string
	var err error
	if run <= 2 {
		// Local official file, else the local reconstruction, else download.
		path, err = s.locate(ctx, ds, file, false)
		if err != nil {
			if alt, altErr := s.locate(ctx, ds, fmt.Sprintf("eegmmidb/S001R%02d_first60s.edf", run), false); altErr == nil {
				path, err = alt, nil
				note = "60-s reconstruction of the official 61-s baseline run (see shared/data/SOURCES.md)"
			}
		}
	}
	if path == "" {
		if path, err = s.Locate(ctx, ds, file); err != nil {
			return nil, err
		}
	}
	f, err := edf.Open(path)
	if err != nil {
		return nil, err
	}
	return eegRecording(f, run, note)
}

func eegRecording(f *edf.File, run int, note string) (*Recording, error) {
	var cols []int
	var names []string
	for i, sh := range f.Header.Signals {
		if !sh.IsAnnotation() {
			cols = append(cols, i)
			names = append(names, strings.TrimRight(sh.Label, "."))
		}
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("datasets: EDF file has no data signals")
	}
	rate := f.Rate(cols[0])
	n := len(f.Signals[cols[0]])
	units := f.Header.Signals[cols[0]].PhysDim
	for _, c := range cols {
		if f.Rate(c) != rate || len(f.Signals[c]) != n {
			return nil, fmt.Errorf("datasets: signal %q has rate %g Hz, signal %q %g Hz; mixed rates are not one recording", names[0], rate, f.Header.Signals[c].Label, f.Rate(c))
		}
	}
	m := mat.NewDense(n, len(cols), nil)
	for j, c := range cols {
		m.SetCol(j, f.Signals[c])
	}
	task, t1, t2 := eegmmidbTask(run)
	rec := &Recording{
		Name:       fmt.Sprintf("eegmmidb S001R%02d (%s)", run, task),
		Channels:   names,
		Units:      units,
		Rate:       rate,
		Trials:     []*mat.Dense{m},
		TrialStart: []float64{0},
		Note:       note,
	}
	meaning := map[string]string{"T0": "rest", "T1": t1, "T2": t2}
	for _, a := range f.Annotations {
		label := a.Text
		if m := meaning[a.Text]; m != "" {
			label += " " + m
		}
		rec.Events = append(rec.Events, Event{Onset: a.Onset, Duration: a.Duration, Label: label, Trial: -1})
	}
	if f.Discontinuous() {
		rec.Note = strings.TrimPrefix(rec.Note+"; discontinuous EDF+D: rows are not evenly spaced across gaps", "; ")
	}
	return rec, nil
}

// EEGSmoothed loads the preprocessed S001R01 EEG of Pals et al. 2024 with
// the default Store (see Store.EEGSmoothed).
func EEGSmoothed() (*Recording, error) { return DefaultStore().EEGSmoothed(context.Background()) }

// EEGSmoothed loads the preprocessed S001R01 EEG used by Pals et al. 2024:
// 9640 samples × 64 channels (160 Hz, z-scored and smoothed) as one trial.
func (s *Store) EEGSmoothed(ctx context.Context) (*Recording, error) {
	p, err := s.Path(ctx, "eegmmidb-s001-smoothed", "eegmmidb_smc_rnns_preprocessed/EEG_data_smoothed.npy")
	if err != nil {
		return nil, err
	}
	a, err := npy.ReadFile(p)
	if err != nil {
		return nil, err
	}
	m, err := a.Dense()
	if err != nil {
		return nil, err
	}
	if _, c := m.Dims(); c != len(EEGMMIDBChannels) {
		return nil, fmt.Errorf("datasets: %s has %d columns, want %d channels", p, c, len(EEGMMIDBChannels))
	}
	return &Recording{
		Name:       "eegmmidb S001R01, preprocessed (Pals et al. 2024)",
		Channels:   append([]string(nil), EEGMMIDBChannels...),
		Units:      "z",
		Rate:       160,
		Trials:     []*mat.Dense{m},
		TrialStart: []float64{0},
		Note:       "z-scored and smoothed by the smc_rnns authors; channel order as in the EDF file",
	}, nil
}
