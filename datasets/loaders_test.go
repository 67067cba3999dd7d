package datasets

import (
	"bufio"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neurodyn/neurodyn/datasets/edf"
	"github.com/neurodyn/neurodyn/datasets/matv5"
	"github.com/neurodyn/neurodyn/datasets/npy"
	"github.com/neurodyn/neurodyn/datasets/postrack"
	"github.com/neurodyn/neurodyn/datasets/wfdb"
	"github.com/neurodyn/neurodyn/internal/shareddata"
	"gonum.org/v1/gonum/mat"
)

func realStore(t testing.TB) *Store { return &Store{Dirs: []string{shareddata.Dir(t)}} }

var ctx = context.Background()

// TestEveryFileLoads walks SHA256SUMS: every file is registered with that
// checksum and size, and parses with its reader.
func TestEveryFileLoads(t *testing.T) {
	dir := shareddata.Dir(t)
	reg := map[string]File{}
	for _, d := range Catalog() {
		for _, f := range d.Files {
			reg[f.Path] = f
		}
	}
	fh, err := os.Open(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	n := 0
	for sc.Scan() {
		sumHex, rel, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			continue
		}
		n++
		p := filepath.Join(dir, rel)
		got, err := fileSHA256(p)
		if err != nil || got != sumHex {
			t.Errorf("%s: checksum %s, SHA256SUMS says %s (%v)", rel, got, sumHex, err)
		}
		if f, ok := reg[rel]; ok {
			st, _ := os.Stat(p)
			if f.SHA256 != sumHex || f.Size != st.Size() {
				t.Errorf("%s: registered %s / %d bytes, file %s / %d", rel, f.SHA256, f.Size, sumHex, st.Size())
			}
		} else if rel != "eegmmidb/OFFICIAL_SHA256_S001.txt" {
			t.Errorf("%s is not registered", rel)
		}
		switch ext := filepath.Ext(rel); {
		case ext == ".edf":
			_, err = edf.Open(p)
		case ext == ".event":
			_, err = wfdb.Open(p)
		case ext == ".npy":
			_, err = npy.ReadFile(p)
		case ext == ".npz":
			_, err = npy.ReadNPZFile(p)
		case ext == ".mat":
			_, err = matv5.Open(p)
		case ext == ".csv":
			_, err = ReadCSVFile(p, !strings.HasPrefix(rel, "flint"))
		case ext == ".videoPositionTracking":
			_, err = postrack.Open(p)
		case ext == ".txt":
			err = checkOfficialSums(t, p)
		default:
			t.Errorf("%s: no reader", rel)
		}
		if err != nil {
			t.Errorf("%s: %v", rel, err)
		}
	}
	if n < 46 {
		t.Errorf("SHA256SUMS lists %d files", n)
	}
}

// checkOfficialSums compares PhysioNet's S001 list with the registry.
func checkOfficialSums(t *testing.T, p string) error {
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	ds, _ := Lookup("eegmmidb-s001")
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			continue
		}
		reg, err := ds.File("eegmmidb/" + strings.TrimPrefix(f[0], "S001/"))
		if err != nil {
			t.Errorf("official file %s not registered", f[0])
			continue
		}
		if reg.SHA256 != f[1] {
			t.Errorf("%s: registered %s, official %s", f[0], reg.SHA256, f[1])
		}
		n++
	}
	if n != 28 {
		t.Errorf("official list has %d entries, want 28", n)
	}
	return nil
}

func TestEEGMotorImagery(t *testing.T) {
	s := realStore(t)
	r, err := s.EEGMotorImagery(ctx, 1, 4)
	if err != nil {
		t.Fatal(err)
	}
	rows, cols := r.Trials[0].Dims()
	if rows != 125*160 || cols != 64 || r.Rate != 160 || r.Units != "uV" || r.Channels[10] != "Cz" {
		t.Fatalf("%d×%d at %g Hz in %s, channel 10 %q", rows, cols, r.Rate, r.Units, r.Channels[10])
	}
	var t1, t2 int
	for _, e := range r.Events {
		switch {
		case strings.HasPrefix(e.Label, "T1 left fist"):
			t1++
		case strings.HasPrefix(e.Label, "T2 right fist"):
			t2++
		}
	}
	if t1+t2 != 15 || !strings.Contains(r.Name, "imagined") {
		t.Errorf("run 4: %d T1 + %d T2 blocks (want 15 task blocks), name %q", t1, t2, r.Name)
	}
	df, err := r.Frame(0)
	if err != nil || df.Nrow() != rows || df.Ncol() != 65 || df.Names()[0] != "time" {
		t.Errorf("frame: %v", err)
	}
	if ev := r.EventFrame(); ev.Nrow() != len(r.Events) {
		t.Errorf("event frame has %d rows", ev.Nrow())
	}
	// Baseline runs fall back to the 60-s reconstruction; eyes closed gives
	// stronger occipital alpha (SOURCES.md: alpha fraction 0.11 vs 0.62).
	var alpha [2]float64
	for run := 1; run <= 2; run++ {
		b, err := s.EEGMotorImagery(ctx, 1, run)
		if err != nil {
			t.Fatal(err)
		}
		if r, _ := b.Trials[0].Dims(); r != 60*160 || !strings.Contains(b.Note, "reconstruction") {
			t.Errorf("run %d: %d rows, note %q", run, r, b.Note)
		}
		alpha[run-1] = alphaFraction(b, "O1")
	}
	if alpha[0] > 0.3 || alpha[1] < 0.5 {
		t.Errorf("O1 alpha fraction eyes open %g, eyes closed %g; SOURCES.md: ≈0.11 and ≈0.62", alpha[0], alpha[1])
	}
	if _, err := s.EEGMotorImagery(ctx, 2, 1); err == nil {
		t.Error("subject 2 accepted")
	}
	if _, err := s.EEGMotorImagery(ctx, 1, 15); err == nil {
		t.Error("run 15 accepted")
	}
}

// alphaFraction is the 8–12 Hz share of 1–40 Hz power of one channel,
// from a plain DFT over 2-s segments.
func alphaFraction(r *Recording, ch string) float64 {
	j := -1
	for i, c := range r.Channels {
		if c == ch {
			j = i
		}
	}
	x := mat.Col(nil, j, r.Trials[0])
	const seg = 320 // 2 s: 0.5-Hz resolution
	var a, tot float64
	for s := 0; s+seg <= len(x); s += seg {
		for k := 2; k <= 80; k++ { // 1–40 Hz
			var re, im float64
			for n := 0; n < seg; n++ {
				ph := 2 * math.Pi * float64(k*n) / seg
				re += x[s+n] * math.Cos(ph)
				im -= x[s+n] * math.Sin(ph)
			}
			p := re*re + im*im
			tot += p
			if k >= 16 && k <= 24 {
				a += p
			}
		}
	}
	return a / tot
}

func TestEEGSmoothed(t *testing.T) {
	r, err := realStore(t).EEGSmoothed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rr, c := r.Trials[0].Dims(); rr != 9640 || c != 64 {
		t.Errorf("%d×%d, want 9640×64", rr, c)
	}
}

func TestHippocampus(t *testing.T) {
	for _, c := range []struct {
		name          string
		units, spikes int
		mono          bool
	}{{"nelpy-linear-track", 31, 28829, false}, {"nelpy-w-maze", 25, 518352, true}} {
		d, err := realStore(t).Hippocampus(ctx, c.name)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Spikes.Units) != c.units || d.Spikes.Len() != c.spikes || d.Position.Monotonic != c.mono {
			t.Errorf("%s: %d units, %d spikes, monotonic %v", c.name, len(d.Spikes.Units), d.Spikes.Len(), d.Position.Monotonic)
		}
		sum, err := d.Spikes.Summary(0)
		if err != nil || sum.Nrow() != c.units {
			t.Errorf("%s summary: %v", c.name, err)
		}
	}
}

func TestChurchland(t *testing.T) {
	r, err := realStore(t).ChurchlandReaching(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rr, c := r.Trials[0].Dims()
	if len(r.Trials) != 10 || rr != 61 || c != 50 || r.Rate != 100 || r.TrialStart[0] != -0.05 {
		t.Fatalf("%d trials of %d×%d at %g Hz from %g s", len(r.Trials), rr, c, r.Rate, r.TrialStart[0])
	}
	if math.Abs(r.Time(0, 60)-0.55) > 1e-12 {
		t.Errorf("last time %g, want 0.55", r.Time(0, 60))
	}
	// dataTensor(1,1,1) and dataTensor(61,50,10) as read by SciPy 1.10.
	if r.Trials[0].At(0, 0) != -0.0441778669629774 || r.Trials[9].At(60, 49) != -0.14111362218412118 {
		t.Errorf("corner values %v %v", r.Trials[0].At(0, 0), r.Trials[9].At(60, 49))
	}
}

func TestGolub(t *testing.T) {
	g, err := realStore(t).GolubBCI(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if g.Monkey != "Jeffy" || g.Date != "20120305" || g.Intuitive.Dt != 0.045 || len(g.Before.Spikes) != 8 {
		t.Fatalf("%+v", g)
	}
	if r, c := g.Before.Spikes[0].Dims(); r != 69 || c != 86 {
		t.Errorf("spikes %d×%d, want 69 time steps × 86 units", r, c)
	}
	if r, c := g.After.Factors[7].Dims(); r != 69 || c != 10 {
		t.Errorf("factors %d×%d, want 69×10", r, c)
	}
	var tot float64
	for _, m := range g.Before.Spikes {
		tot += mat.Sum(m)
	}
	if tot != 95835 {
		t.Errorf("before-learning spikes %g, SciPy counts 95835", tot)
	}
	// The stored posterior map is the FA closed form Beta = Lᵀ(L Lᵀ + Ψ)⁻¹.
	fa := g.Intuitive.FA
	var cov, beta mat.Dense
	cov.Mul(fa.L, fa.L.T())
	for i, v := range fa.Psi {
		cov.Set(i, i, cov.At(i, i)+v)
	}
	if err := beta.Solve(&cov, fa.L); err != nil {
		t.Fatal(err)
	}
	if !mat.EqualApprox(beta.T(), fa.Beta, 1e-10) {
		t.Error("Beta is not Lᵀ(L Lᵀ + diag(Psi))⁻¹")
	}
	if mat.Equal(g.Intuitive.M2, g.Perturbed.M2) {
		t.Error("intuitive and perturbed mappings are identical")
	}
}

func TestMCMaze(t *testing.T) {
	m, err := realStore(t).MCMazeTrials(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Spikes.Units) != 182 || len(m.Kinematics.Trials) != 2 {
		t.Fatalf("%d units, %d trials", len(m.Spikes.Units), len(m.Kinematics.Trials))
	}
	for k, want := range []int{3236, 3566} {
		if r, c := m.Kinematics.Trials[k].Dims(); r != want || c != 8 {
			t.Errorf("trial %d: %d×%d, want %d×8", k, r, c, want)
		}
	}
	counts, err := m.Spikes.Bin(BinConfig{Width: 0.001, Start: 0, End: 3.236})
	if err != nil {
		t.Fatal(err)
	}
	// Binning at 1 ms reproduces the CSV's own unit columns.
	raw, _ := FrameMatrix(m.Frames[0], unitNames(m)...)
	if r, _ := counts[0].Dims(); r != 3236 || !mat.Equal(counts[0], raw) {
		t.Errorf("1-ms binning does not reproduce the CSV counts")
	}
	regions := map[string]int{}
	for _, u := range m.Spikes.Units {
		regions[u.Region]++
	}
	if len(regions) != 2 || regions["array 1"] == 0 || regions["array 2"] == 0 {
		t.Errorf("regions %v", regions)
	}
}

func unitNames(m *MCMaze) []string {
	var n []string
	for _, u := range m.Spikes.Units {
		n = append(n, u.Name)
	}
	return n
}

func TestFlintFixtureTeachers(t *testing.T) {
	s := realStore(t)
	f, err := s.FlintDKF(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r, c := f.Features.Dims(); r != 7792 || c != 10 {
		t.Errorf("x %d×%d", r, c)
	}
	if r, c := f.Velocity.Dims(); r != 7792 || c != 2 {
		t.Errorf("z %d×%d", r, c)
	}
	fx, err := s.MCMazeSmallFixture(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(fx.Source) != 40 || len(fx.Target) != 40 || fx.Rate != 50 || fx.TargetID != "mc_maze_small_20-odd" {
		t.Errorf("fixture: %d/%d trials, %g Hz, %q", len(fx.Source), len(fx.Target), fx.Rate, fx.TargetID)
	}
	for _, c := range []struct {
		name    string
		n, rank int
	}{{"osc_rnn", 20, 2}, {"teacher_osc_rnn_poisson", 40, 2}, {"reach_rnn", 60, 2}, {"reach_rnn_128", 128, 2}, {"rdm_rnn", 60, 1}} {
		tc, err := s.SMCTeacher(ctx, c.name)
		if err != nil {
			t.Fatal(err)
		}
		if tc.Size != c.n || tc.Rank != c.rank || tc.Dt != 10 || tc.Tau != 100 {
			t.Errorf("%s: N %d rank %d dt %g tau %g", c.name, tc.Size, tc.Rank, tc.Dt, tc.Tau)
		}
	}
}

// No peer figure in the brief: binning the 518,352 W-maze spikes of 25 units
// into 100-ms bins over the 4,307-s session.
func BenchmarkBinWMaze(b *testing.B) {
	d, err := realStore(b).Hippocampus(ctx, "nelpy-w-maze")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := d.Spikes.Bin(BinConfig{Width: 0.1, Start: 64, End: 4372}); err != nil {
			b.Fatal(err)
		}
	}
}
