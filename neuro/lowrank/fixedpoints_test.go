package lowrank

import (
	"context"
	"math"
	"testing"
)

// Acceptance: the shipped reach teachers have 17 fixed points (8 stable, 9 unstable) and the
// arrangement of their 60 / 128 ReLU hyperplanes has Zaslavsky's 1831 / 8257 regions.
func TestTeacherFixedPoints(t *testing.T) {
	for _, tc := range []struct {
		name    string
		regions int
	}{{"teacher_reach_rnn", 1831}, {"teacher_reach_rnn_128", 8257}} {
		lat, err := loadTeacher(t, tc.name).Latent()
		if err != nil {
			t.Fatal(err)
		}
		res, err := lat.FixedPoints(context.Background(), nil, FixedPointConfig{})
		if err != nil {
			t.Fatal(err)
		}
		stable := 0
		for _, fp := range res.Points {
			if fp.Residual > 1e-9 {
				t.Errorf("%s: fixed point %v has residual %g", tc.name, fp.Z, fp.Residual)
			}
			if fp.Stability == Stable {
				stable++
			}
		}
		t.Logf("%s: %d points (%d stable), %d regions, %d vertex + %d region solves, bound %v",
			tc.name, len(res.Points), stable, res.Regions, res.VertexSolves, res.Regions, res.Bound)
		if len(res.Points) != 17 || stable != 8 || len(res.Continua) != 0 {
			t.Errorf("%s: %d fixed points (%d stable), %d continua; want 17 (8 stable), 0", tc.name, len(res.Points), stable, len(res.Continua))
		}
		if res.Regions != tc.regions || float64(res.Regions) != res.Bound {
			t.Errorf("%s: %d candidate regions, bound %v; want %d", tc.name, res.Regions, res.Bound, tc.regions)
		}
		bf := 0
		for _, fp := range res.Points {
			if fp.Stability != Stable {
				bf++
			}
		}
		if bf != 9 {
			t.Errorf("%s: %d unstable points, want 9", tc.name, bf)
		}
		if tc.name == "teacher_reach_rnn" {
			// The spec's reproduction: one of the 17 lies near the origin (norm 0.06); it is
			// a repelling spiral source, the other eight unstable ones are saddles on the ring.
			near, saddles := 0, 0
			for _, fp := range res.Points {
				if n := math.Hypot(fp.Z[0], fp.Z[1]); n < 0.07 && n > 0.05 && fp.Stability == Unstable {
					near++
				}
				if fp.Stability == Saddle {
					saddles++
				}
			}
			if near != 1 || saddles != 8 {
				t.Errorf("%s: %d unstable points near norm 0.06, %d saddles; want 1 and 8", tc.name, near, saddles)
			}
		}
	}
}
