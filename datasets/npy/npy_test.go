package npy

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neurodyn/neurodyn/internal/shareddata"
	"gonum.org/v1/gonum/mat"
)

const seedDir = "../testdata/npy"

func read(t *testing.T, name string) *Array {
	t.Helper()
	a, err := ReadFile(filepath.Join(seedDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func equal(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values %v, want %v", name, len(got), got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%s[%d] = %g, want %g (all: %v)", name, i, got[i], want[i], got)
		}
	}
}

func arange(n int, f func(i int) float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = f(i)
	}
	return v
}

// The seed files were written by NumPy with known contents (see names).
func TestDtypesAndOrders(t *testing.T) {
	a := read(t, "c_f4.npy") // arange(12, f4).reshape(3,4)/4
	equal(t, "c_f4", a.Data, arange(12, func(i int) float64 { return float64(i) / 4 }))
	m, err := a.Dense()
	if err != nil {
		t.Fatal(err)
	}
	if r, c := m.Dims(); r != 3 || c != 4 || m.At(2, 1) != 9.0/4 {
		t.Errorf("Dense %d×%d, At(2,1)=%g", r, c, m.At(2, 1))
	}
	a = read(t, "f_f8.npy") // Fortran-ordered arange(12).reshape(3,4)
	if !a.Fortran {
		t.Error("Fortran flag lost")
	}
	equal(t, "f_f8", a.Data, arange(12, func(i int) float64 { return float64(i) }))
	a = read(t, "f_i2_3d.npy") // Fortran arange(24, i2).reshape(2,3,4) − 5
	equal(t, "f_i2_3d", a.Data, arange(24, func(i int) float64 { return float64(i - 5) }))
	s, err := a.Slices()
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 2 || s[1].At(2, 3) != 23-5 {
		t.Errorf("Slices: %d, s[1][2,3] = %g", len(s), s[1].At(2, 3))
	}
	equal(t, "be_i4", read(t, "be_i4.npy").Data, []float64{0, -3, -6, -9, -12})
	equal(t, "bool", read(t, "bool.npy").Data, []float64{1, 0, 1})
	equal(t, "u1", read(t, "u1.npy").Data, []float64{250, 251, 252, 253, 254, 255})
	equal(t, "v2_f8", read(t, "v2_f8.npy").Data, []float64{1.5, -2.5})
	if v, err := read(t, "i8_scalar.npy").Scalar(); err != nil || v != 7 {
		t.Errorf("scalar = %g, %v", v, err)
	}
	if v, err := read(t, "u4_str.npy").String(); err != nil || v != "hello-ü" {
		t.Errorf("unicode string = %q, %v", v, err)
	}
	if b := read(t, "bytes.npy"); len(b.Strings) != 2 || b.Strings[0] != "ab" || b.Strings[1] != "c" {
		t.Errorf("bytes = %q", b.Strings)
	}
}

func TestNPZ(t *testing.T) {
	z, err := ReadNPZFile(filepath.Join(seedDir, "mixed.npz"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := z.Get("counts")
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "counts", c.Data, []float64{0, 1, 2, 3, 4, 5})
	if r, _ := z.Arrays["rate"].Scalar(); r != 50 {
		t.Errorf("rate = %g", r)
	}
	if n, _ := z.Arrays["name"].String(); n != "trial" {
		t.Errorf("name = %q", n)
	}
	if _, err := z.Get("nope"); err == nil || !strings.Contains(err.Error(), "counts") {
		t.Errorf("missing key error %v does not list the keys", err)
	}
	z, err = ReadNPZFile(filepath.Join(seedDir, "plain.npz"))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := z.Arrays["x"].Dense()
	if !mat.Equal(m, mat.NewDense(2, 3, []float64{0, 1, 2, 3, 4, 5})) {
		t.Errorf("Fortran f4 in plain npz = %v", mat.Formatted(m))
	}
}

func TestMalformed(t *testing.T) {
	good, err := os.ReadFile(filepath.Join(seedDir, "c_f4.npy"))
	if err != nil {
		t.Fatal(err)
	}
	dict := func(d string) []byte {
		b := []byte(magic + "\x01\x00")
		b = append(b, byte(len(d)), 0)
		return append(b, d...)
	}
	for name, c := range map[string]struct {
		b    []byte
		want string
	}{
		"magic":     {append([]byte("XNUMPY"), good[6:]...), "offset 0"},
		"version":   {append([]byte(magic+"\x07\x00"), good[8:]...), "offset 6"},
		"truncated": {good[:len(good)-3], "offset"},
		"short hdr": {good[:40], "offset"},
		"dtype":     {dict("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }\n"), "offset 10"},
		"shape":     {dict("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }\n"), "offset 10"},
		"huge":      {dict("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }\n"), "offset"},
		"order":     {dict("{'descr': '<f8', 'fortran_order': maybe, 'shape': (1,), }\n"), "fortran_order"},
		"missing":   {dict("{'descr': '<f8', 'shape': (1,), }\n"), "missing"},
		"struct":    {dict("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }\n"), "descr"},
	} {
		_, err := Read(bytes.NewReader(c.b))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want mention of %q", name, err, c.want)
		}
	}
}

// TestRealFiles loads every NPY/NPZ recording and checks SOURCES.md facts.
func TestRealFiles(t *testing.T) {
	a, err := ReadFile(shareddata.File(t, "eegmmidb_smc_rnns_preprocessed/EEG_data_smoothed.npy"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Dtype != "<f4" || len(a.Shape) != 2 || a.Shape[0] != 9640 || a.Shape[1] != 64 {
		t.Fatalf("EEG_data_smoothed: %s %v, want <f4 (9640, 64)", a.Dtype, a.Shape)
	}
	// z-scored per channel: mean ≈ 0 and sd ≈ 1 over time.
	m, _ := a.Dense()
	for c := 0; c < 64; c++ {
		col := mat.Col(nil, c, m)
		var s, ss float64
		for _, v := range col {
			s += v
			ss += v * v
		}
		mean := s / float64(len(col))
		sd := ss/float64(len(col)) - mean*mean
		if mean > 0.05 || mean < -0.05 || sd < 0.8 || sd > 1.2 {
			t.Errorf("channel %d: mean %g, variance %g; SOURCES.md says z-scored", c, mean, sd)
		}
	}

	z, err := ReadNPZFile(shareddata.File(t, "nlb_mc_maze_small_fixture/nlb_mc_maze_small_20.npz"))
	if err != nil {
		t.Fatal(err)
	}
	for _, side := range []string{"source", "target"} {
		n, err := z.Get(side + "_neural")
		if err != nil {
			t.Fatal(err)
		}
		if len(n.Shape) != 3 || n.Shape[0] != 40 || n.Shape[1] != 35 || n.Shape[2] != 35 {
			t.Errorf("%s_neural shape %v, want (40, 35, 35)", side, n.Shape)
		}
		for i, v := range n.Data {
			if v != float64(int(v)) || v < 0 {
				t.Fatalf("%s_neural[%d] = %g is not a count", side, i, v)
			}
		}
		if in := z.Arrays[side+"_intent"]; in == nil || len(in.Shape) != 2 || in.Shape[0] != 40 || in.Shape[1] != 2 {
			t.Errorf("%s_intent missing or not (40, 2)", side)
		}
		if r, err := z.Arrays[side+"_sample_rate_hz"].Scalar(); err != nil || r != 50 {
			t.Errorf("%s sample rate %g, %v; want 50 Hz", side, r, err)
		}
	}
	if id, _ := z.Arrays["source_session_id"].String(); id != "mc_maze_small_20-even" {
		t.Errorf("source_session_id = %q", id)
	}

	for _, f := range []struct {
		name string
		n, r int
	}{{"teacher_osc_rnn", 20, 2}, {"teacher_osc_rnn_poisson", 40, 2}, {"teacher_reach_rnn", 60, 2}, {"teacher_reach_rnn_128", 128, 2}, {"teacher_rdm_rnn", 60, 1}} {
		z, err := ReadNPZFile(shareddata.File(t, "smc_rnns_teachers/"+f.name+".npz"))
		if err != nil {
			t.Fatal(err)
		}
		m, _ := z.Arrays["m"].Dense()
		n, _ := z.Arrays["n"].Dense()
		if r, c := m.Dims(); r != f.n || c != f.r {
			t.Errorf("%s: m is %d×%d, want %d×%d", f.name, r, c, f.n, f.r)
		}
		if r, c := n.Dims(); r != f.r || c != f.n {
			t.Errorf("%s: n is %d×%d, want %d×%d", f.name, r, c, f.r, f.n)
		}
		dt, _ := z.Arrays["dt"].Scalar()
		tau, _ := z.Arrays["tau"].Scalar()
		nn, _ := z.Arrays["N"].Scalar()
		if dt != 10 || tau != 100 || int(nn) != f.n {
			t.Errorf("%s: dt %g tau %g N %g", f.name, dt, tau, nn)
		}
	}
}

// TestRealTruncated cuts the real files: errors name the offset.
func TestRealTruncated(t *testing.T) {
	b, err := os.ReadFile(shareddata.File(t, "eegmmidb_smc_rnns_preprocessed/EEG_data_smoothed.npy"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{3, 9, 60, 128, len(b) / 2, len(b) - 1} {
		if _, err := Read(bytes.NewReader(b[:n])); err == nil || !strings.Contains(err.Error(), "offset") {
			t.Errorf("cut at %d: err = %v", n, err)
		}
	}
	z, err := os.ReadFile(shareddata.File(t, "nlb_mc_maze_small_fixture/nlb_mc_maze_small_20.npz"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{10, len(z) / 2, len(z) - 30} {
		if _, err := ReadNPZ(bytes.NewReader(z[:n]), int64(n)); err == nil {
			t.Errorf("npz cut at %d: no error", n)
		}
	}
	d := bytes.Clone(z)
	for i := 200; i < 400; i++ {
		d[i] ^= 0x5a
	}
	if _, err := ReadNPZ(bytes.NewReader(d), int64(len(d))); err == nil || !strings.Contains(err.Error(), "offset") {
		t.Errorf("corrupted npz: err = %v", err)
	}
}

func FuzzRead(f *testing.F) {
	ents, _ := os.ReadDir(seedDir)
	for _, e := range ents {
		if b, err := os.ReadFile(filepath.Join(seedDir, e.Name())); err == nil && strings.HasSuffix(e.Name(), ".npy") {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := Read(bytes.NewReader(b))
		if err != nil {
			return
		}
		n := 1
		for _, s := range a.Shape {
			n *= s
		}
		if a.Len() != n {
			t.Fatalf("%d elements for shape %v", a.Len(), a.Shape)
		}
	})
}

func FuzzReadNPZ(f *testing.F) {
	for _, name := range []string{"mixed.npz", "plain.npz"} {
		if b, err := os.ReadFile(filepath.Join(seedDir, name)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = ReadNPZ(bytes.NewReader(b), int64(len(b)))
	})
}

// No target in the brief. The 2.5 MB preprocessed EEG (9640×64 float32);
// NumPy np.load of the same file, measured here: 0.3 ms (median of 20).
func BenchmarkReadEEGSmoothed(b *testing.B) {
	raw, err := os.ReadFile(shareddata.File(b, "eegmmidb_smc_rnns_preprocessed/EEG_data_smoothed.npy"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := Read(bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
	}
}
