package datasets

import (
	"context"
	"fmt"
	"strings"

	"github.com/neurodyn/neurodyn/datasets/npy"
	"gonum.org/v1/gonum/mat"
)

// MCMazeSmallFixture loads the MC_Maze_Small fixture: 40 + 40 trials of
// 35 bins (20 ms) × 35 held-out neurons, spike counts.
func (s *Store) MCMazeSmallFixture(ctx context.Context) (*MCMazeSmall, error) {
	p, err := s.Path(ctx, "nlb-mc-maze-small-fixture", "nlb_mc_maze_small_fixture/nlb_mc_maze_small_20.npz")
	if err != nil {
		return nil, err
	}
	z, err := npy.ReadNPZFile(p)
	if err != nil {
		return nil, err
	}
	out := &MCMazeSmall{}
	for _, side := range []struct {
		prefix string
		neural *[]*mat.Dense
		intent **mat.Dense
		id     *string
	}{{"source", &out.Source, &out.SourceIntent, &out.SourceID}, {"target", &out.Target, &out.TargetIntent, &out.TargetID}} {
		n, err := z.Get(side.prefix + "_neural")
		if err != nil {
			return nil, err
		}
		if *side.neural, err = n.Slices(); err != nil {
			return nil, err
		}
		in, err := z.Get(side.prefix + "_intent")
		if err != nil {
			return nil, err
		}
		if *side.intent, err = in.Dense(); err != nil {
			return nil, err
		}
		id, err := z.Get(side.prefix + "_session_id")
		if err != nil {
			return nil, err
		}
		if *side.id, err = id.String(); err != nil {
			return nil, err
		}
		r, err := z.Get(side.prefix + "_sample_rate_hz")
		if err != nil {
			return nil, err
		}
		if out.Rate, err = r.Scalar(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Teacher holds the weights of a teacher low-rank RNN of Pals et al. 2024,
// a rate network τ dx/dt = −x + (1/N)·M·N·relu(x + BRec) + WInpᵀ u
// (α = Dt/Tau per step). The fields are the stored arrays, unchanged.
type Teacher struct {
	Name      string
	Size      int        // number of neurons N
	Rank      int        // R
	M         *mat.Dense // m, N×R
	N         *mat.Dense // n, R×N
	BRec      []float64  // b_rec, N
	WInp      *mat.Dense // w_inp, inputs×N
	WOut      *mat.Dense // w_out, N×outputs
	Dt, Tau   float64    // integration step and time constant (same units)
	WInpScale []float64  // w_inp_scale
	WOutScale []float64  // w_out_scale
}

// TeacherNames lists the registered teachers.
var TeacherNames = []string{"osc_rnn", "osc_rnn_poisson", "reach_rnn", "reach_rnn_128", "rdm_rnn"}

// SMCTeacher loads a teacher RNN with the default Store.
func SMCTeacher(name string) (*Teacher, error) {
	return DefaultStore().SMCTeacher(context.Background(), name)
}

// SMCTeacher loads the named teacher ("osc_rnn", "osc_rnn_poisson",
// "reach_rnn", "reach_rnn_128" or "rdm_rnn"; a "teacher_" prefix is
// accepted) and checks the shapes against each other.
func (s *Store) SMCTeacher(ctx context.Context, name string) (*Teacher, error) {
	name = strings.TrimSuffix(strings.TrimPrefix(name, "teacher_"), ".npz")
	known := false
	for _, n := range TeacherNames {
		known = known || n == name
	}
	if !known {
		return nil, fmt.Errorf("datasets: teacher %q unknown (have %s)", name, strings.Join(TeacherNames, ", "))
	}
	p, err := s.Path(ctx, "smc-rnns-teachers", "smc_rnns_teachers/teacher_"+name+".npz")
	if err != nil {
		return nil, err
	}
	z, err := npy.ReadNPZFile(p)
	if err != nil {
		return nil, err
	}
	t := &Teacher{Name: name}
	dense := func(key string) (*mat.Dense, error) {
		a, err := z.Get(key)
		if err != nil {
			return nil, err
		}
		return a.Dense()
	}
	vec := func(key string) ([]float64, error) {
		a, err := z.Get(key)
		if err != nil {
			return nil, err
		}
		return append([]float64(nil), a.Data...), nil
	}
	scalar := func(key string) (float64, error) {
		a, err := z.Get(key)
		if err != nil {
			return 0, err
		}
		return a.Scalar()
	}
	if t.M, err = dense("m"); err != nil {
		return nil, err
	}
	if t.N, err = dense("n"); err != nil {
		return nil, err
	}
	if t.WInp, err = dense("w_inp"); err != nil {
		return nil, err
	}
	if t.WOut, err = dense("w_out"); err != nil {
		return nil, err
	}
	if t.BRec, err = vec("b_rec"); err != nil {
		return nil, err
	}
	if t.WInpScale, err = vec("w_inp_scale"); err != nil {
		return nil, err
	}
	if t.WOutScale, err = vec("w_out_scale"); err != nil {
		return nil, err
	}
	if t.Dt, err = scalar("dt"); err != nil {
		return nil, err
	}
	if t.Tau, err = scalar("tau"); err != nil {
		return nil, err
	}
	n, err := scalar("N")
	if err != nil {
		return nil, err
	}
	t.Size = int(n)
	var nr int
	nr, t.Rank = t.M.Dims()
	rr, nc := t.N.Dims()
	_, ni := t.WInp.Dims()
	no, _ := t.WOut.Dims()
	if nr != t.Size || nc != t.Size || rr != t.Rank || ni != t.Size || no != t.Size || len(t.BRec) != t.Size {
		return nil, fmt.Errorf("datasets: %s: shapes disagree with N = %d: m %d×%d, n %d×%d, w_inp ·×%d, w_out %d×·, b_rec %d",
			p, t.Size, nr, t.Rank, rr, nc, ni, no, len(t.BRec))
	}
	return t, nil
}
