package lowrank

import (
	"context"
	"math"
	"testing"

	"github.com/neurodyn/neurodyn/datasets"
	"github.com/neurodyn/neurodyn/internal/shareddata"
)

// loadTeacher reads a shipped teacher through the datasets package from the shared recordings.
func loadTeacher(t testing.TB, name string) *Continuous {
	t.Helper()
	store := &datasets.Store{Dirs: []string{shareddata.Dir(t)}}
	w, err := store.SMCTeacher(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	c, err := FromTeacher(w.M, w.N, w.BRec, w.WInp, w.WOut, w.Dt, w.Tau)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLoadTeachers(t *testing.T) {
	for _, tc := range []struct {
		name string
		n, r int
	}{{"teacher_reach_rnn", 60, 2}, {"teacher_reach_rnn_128", 128, 2}, {"teacher_osc_rnn", 20, 2}, {"teacher_rdm_rnn", 60, 1}} {
		c := loadTeacher(t, tc.name)
		n, r := c.M.Dims()
		if n != tc.n || r != tc.r || c.Alpha() != 0.1 {
			t.Errorf("%s: N = %d, R = %d, α = %v; want %d, %d, 0.1", tc.name, n, r, c.Alpha(), tc.n, tc.r)
		}
		lat, err := c.Latent()
		if err != nil {
			t.Fatal(err)
		}
		if lat.Decay != 0.9 || lat.H[0] != -c.B[0] || math.Abs(lat.V.At(0, 0)-c.N.At(0, 0)*0.1/float64(n)) > 1e-15 {
			t.Errorf("%s: latent conversion a = %v", tc.name, lat.Decay)
		}
	}
}
