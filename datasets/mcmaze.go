package datasets

import (
	"context"
	"fmt"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"gonum.org/v1/gonum/mat"
)

// MCMazeKinematics are the behavioural columns of the MC_Maze trial files.
var MCMazeKinematics = []string{"cursor_pos_x", "cursor_pos_y", "eye_pos_x", "eye_pos_y",
	"hand_pos_x", "hand_pos_y", "hand_vel_x", "hand_vel_y"}

// MCMaze holds single MC_Maze trials at 1 ms resolution.
type MCMaze struct {
	TrialIDs []int
	// TrialStart is each trial's first timestamp on the session clock (s).
	TrialStart []float64
	// Kinematics has one trial per entry (rows are 1-ms steps, columns
	// MCMazeKinematics); its time axis starts at 0 in every trial.
	Kinematics *Recording
	// Spikes holds the spikes of the 182 units with times relative to the
	// trial start; Region is "array 1" or "array 2" from the unit id.
	Spikes *SpikeTable
	// Frames are the raw CSV tables, one per trial.
	Frames []dataframe.DataFrame
}

// MCMazeTrials loads the two exported MC_Maze trials with the default
// Store.
func MCMazeTrials() (*MCMaze, error) { return DefaultStore().MCMazeTrials(context.Background()) }

// MCMazeTrials loads the two single trials of NLB MC_Maze (trials 748 and
// 1356) exported to CSV: kinematics and spikes of 182 units at 1 ms.
func (s *Store) MCMazeTrials(ctx context.Context) (*MCMaze, error) {
	out := &MCMaze{Kinematics: &Recording{Name: "NLB MC_Maze single trials", Units: "mixed (positions mm, velocities mm/s)", Rate: 1000, Channels: MCMazeKinematics}, Spikes: &SpikeTable{}}
	for k, id := range []int{748, 1356} {
		p, err := s.Path(ctx, "mc-maze-trials", fmt.Sprintf("mc_maze_trials/trial_%d_data.csv", id))
		if err != nil {
			return nil, err
		}
		df, err := ReadCSVFile(p, true)
		if err != nil {
			return nil, err
		}
		if err := out.addTrial(k, id, df); err != nil {
			return nil, fmt.Errorf("datasets: %s: %w", p, err)
		}
	}
	return out, out.Spikes.Validate()
}

func (m *MCMaze) addTrial(k, id int, df dataframe.DataFrame) error {
	ts := df.Col("timestamp")
	if ts.Err != nil {
		return fmt.Errorf("no timestamp column")
	}
	t := ts.Float()
	if len(t) < 2 {
		return fmt.Errorf("%d rows", len(t))
	}
	if dt := t[1] - t[0]; dt < 0.0009 || dt > 0.0011 {
		return fmt.Errorf("rows are %g s apart, want 1 ms", dt)
	}
	kin, err := FrameMatrix(df, MCMazeKinematics...)
	if err != nil {
		return err
	}
	var units []string
	for _, n := range df.Names() {
		if strings.HasPrefix(n, "unit_") {
			units = append(units, n)
		}
	}
	if k == 0 {
		for _, u := range units {
			m.Spikes.Units = append(m.Spikes.Units, UnitInfo{Name: u, Region: "array " + u[len("unit_"):len("unit_")+1]})
		}
	} else if len(units) != len(m.Spikes.Units) {
		return fmt.Errorf("%d unit columns, the first trial has %d", len(units), len(m.Spikes.Units))
	}
	counts, err := FrameMatrix(df, units...)
	if err != nil {
		return err
	}
	r, c := counts.Dims()
	for j := 0; j < c; j++ {
		if units[j] != m.Spikes.Units[j].Name {
			return fmt.Errorf("unit column %d is %s, the first trial has %s", j, units[j], m.Spikes.Units[j].Name)
		}
		for i := 0; i < r; i++ {
			n := counts.At(i, j)
			if n < 0 || n != float64(int(n)) {
				return fmt.Errorf("%s row %d holds %g, not a spike count", units[j], i, n)
			}
			for ; n > 0; n-- {
				m.Spikes.Add(j, t[i]-t[0], k)
			}
		}
	}
	m.TrialIDs = append(m.TrialIDs, id)
	m.TrialStart = append(m.TrialStart, t[0])
	m.Kinematics.Trials = append(m.Kinematics.Trials, kin)
	m.Kinematics.TrialStart = append(m.Kinematics.TrialStart, 0)
	m.Frames = append(m.Frames, df)
	return nil
}

// MCMazeSmall is the binned MC_Maze_Small fixture: evaluation trials split
// into even ("source") and odd ("target") halves.
type MCMazeSmall struct {
	Rate                       float64      // bins per second (50)
	Source, Target             []*mat.Dense // per trial: bins × held-out neurons (35×35)
	SourceIntent, TargetIntent *mat.Dense   // trials × 2 behaviour summary
	SourceID, TargetID         string
}

// MCMazeSmallFixture loads the MC_Maze_Small fixture with the default Store.
func MCMazeSmallFixture() (*MCMazeSmall, error) {
	return DefaultStore().MCMazeSmallFixture(context.Background())
}
