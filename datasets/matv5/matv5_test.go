package matv5

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neurodyn/neurodyn/internal/shareddata"
)

const seedDir = "../testdata/matv5"

// The seed files were written by SciPy's savemat with known contents.
func TestAllClasses(t *testing.T) {
	for _, name := range []string{"all_classes.mat", "all_classes_z.mat"} {
		t.Run(name, func(t *testing.T) {
			f, err := Open(filepath.Join(seedDir, name))
			if err != nil {
				t.Fatal(err)
			}
			get := func(n string) *Array {
				v, err := f.Var(n)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			scalars := map[string]struct {
				class Class
				v     float64
			}{
				"i16": {Int16, -300}, "u16": {Uint16, 65535}, "i32": {Int32, -70000},
				"u32": {Uint32, 4e9}, "i64": {Int64, -(1 << 40)}, "u64": {Uint64, 1 << 40},
			}
			for n, w := range scalars {
				v := get(n)
				if s, err := v.Scalar(); err != nil || s != w.v || v.Class != w.class {
					t.Errorf("%s = %g (%s), want %g (%s)", n, s, v.Class, w.v, w.class)
				}
			}
			m, err := get("dbl").Dense()
			if err != nil || m.At(1, 2) != 5 || m.At(0, 1) != 1 {
				t.Errorf("dbl = %v, %v", m, err)
			}
			if v := get("sgl"); v.Class != Single || v.Real[1] != -2.25 {
				t.Errorf("sgl = %v %s", v.Real, v.Class)
			}
			if v := get("i8"); v.Real[0] != -128 || v.Real[1] != 127 {
				t.Errorf("i8 = %v", v.Real)
			}
			if v := get("u8"); v.Real[1] != 255 {
				t.Errorf("u8 = %v", v.Real)
			}
			if v := get("cpx"); !v.Complex || v.Real[1] != 3 || v.Imag[1] != -4 {
				t.Errorf("cpx = %v + i%v", v.Real, v.Imag)
			}
			if v := get("lg"); !v.Logical || v.Real[0] != 1 || v.Real[1] != 0 {
				t.Errorf("lg = %v logical %v", v.Real, v.Logical)
			}
			if s, _ := get("txt").String(); s != "héllo" {
				t.Errorf("txt = %q", s)
			}
			if s, _ := get("rows").String(); s != "ab\ncd" {
				t.Errorf("rows = %q", s)
			}
			pages, err := get("cube").Pages() // NumPy arange(24).reshape(2,3,4): value 12i+4j+k
			if err != nil || len(pages) != 4 || pages[3].At(1, 2) != 12+8+3 {
				t.Errorf("cube pages: %v", err)
			}
			if !get("empty").IsEmpty() {
				t.Error("empty is not empty")
			}
			cell := get("cell")
			c0, _ := cell.Cell(0)
			c1, _ := cell.Cell(1)
			c2, _ := cell.Cell(2)
			if s, _ := c1.String(); len(cell.Cells) != 3 || c0.Real[1] != 2 || s != "x" || !c2.IsEmpty() {
				t.Errorf("cell = %+v", cell.Cells)
			}
			st := get("st")
			if len(st.Values) != 2 {
				t.Fatalf("st has %d elements", len(st.Values))
			}
			nm, _ := st.FieldAt(1, "name")
			inner, _ := st.FieldAt(1, "inner")
			a, err := inner.Field("a")
			if err != nil {
				t.Fatal(err)
			}
			if s, _ := nm.String(); s != "second" || a.Real[0] != 8 {
				t.Errorf("st(2) = %q, inner.a = %v", s, a.Real)
			}
			c, _ := inner.Field("c")
			if c.Class != Cell || len(c.Cells) != 3 {
				t.Errorf("nested cell = %+v", c)
			}
			if _, err := st.Field("nope"); err == nil || !strings.Contains(err.Error(), "inner") {
				t.Errorf("missing field error %v does not list the fields", err)
			}
		})
	}
}

func TestV73(t *testing.T) {
	_, err := Open(filepath.Join(seedDir, "v73_stub.mat"))
	if !errors.Is(err, ErrV73) || !strings.Contains(err.Error(), "HDF5") {
		t.Errorf("err = %v, want ErrV73", err)
	}
}

func TestTruncatedAndCorrupted(t *testing.T) {
	for _, name := range []string{"all_classes.mat", "all_classes_z.mat"} {
		b, err := os.ReadFile(filepath.Join(seedDir, name))
		if err != nil {
			t.Fatal(err)
		}
		for n := 0; n < len(b); n += 37 {
			_, err := Parse(b[:n])
			if err == nil || !strings.Contains(err.Error(), "offset") {
				if n > 128 && err == nil {
					// Cutting exactly between two variables leaves a valid file.
					continue
				}
				t.Errorf("%s cut at %d: err = %v", name, n, err)
			}
		}
	}
}

// TestGolub checks the BCI learning data against SOURCES.md and the paper:
// 86 units, 8 targets, 69 45-ms bins, 10 factors, dt = 0.045 s.
func TestGolub(t *testing.T) {
	f, err := Open(shareddata.File(t, "golub2018_bci_m1/exampleData.mat"))
	if err != nil {
		t.Fatal(err)
	}
	ep, err := f.Var("expParams")
	if err != nil {
		t.Fatal(err)
	}
	monk, _ := ep.Field("monkName")
	if s, _ := monk.String(); s != "Jeffy" {
		t.Errorf("monkName = %q", s)
	}
	for _, mp := range []string{"intuitiveMapping", "perturbedMapping"} {
		m, err := ep.Field(mp)
		if err != nil {
			t.Fatal(err)
		}
		dt, _ := m.Field("dt")
		if v, _ := dt.Scalar(); v != 0.045 {
			t.Errorf("%s.dt = %g", mp, v)
		}
		l, _ := m.Field("L")
		if len(l.Dims) != 2 || l.Dims[0] != 86 || l.Dims[1] != 10 {
			t.Errorf("%s.L dims %v, want 86×10 FA loadings", mp, l.Dims)
		}
	}
	for _, phase := range []string{"beforeLearning", "afterLearning"} {
		p, err := f.Var(phase)
		if err != nil {
			t.Fatal(err)
		}
		clouds, err := p.Field("clouds")
		if err != nil {
			t.Fatal(err)
		}
		spikes, _ := clouds.Field("spikes")
		fa, _ := clouds.Field("factorActivity")
		angles, _ := clouds.Field("angles")
		if len(spikes.Cells) != 8 || len(fa.Cells) != 8 || angles.Len() != 8 {
			t.Fatalf("%s: %d spike cells, %d factor cells, %d angles; want 8", phase, len(spikes.Cells), len(fa.Cells), angles.Len())
		}
		total := 0.0
		for k, c := range spikes.Cells {
			// MATLAB class double, stored compactly as miUINT8 (SciPy
			// reports the storage type uint8).
			if c.Class != Double || c.Dims[0] != 86 || c.Dims[1] != 69 {
				t.Errorf("%s spikes{%d}: %s %v, want 86×69", phase, k, c.Class, c.Dims)
			}
			for _, v := range c.Real {
				if v < 0 || v > 255 || v != math.Trunc(v) {
					t.Fatalf("%s spikes{%d}: %g is not a uint8 count", phase, k, v)
				}
				total += v
			}
			if fa.Cells[k].Dims[0] != 10 || fa.Cells[k].Dims[1] != 69 {
				t.Errorf("%s factorActivity{%d}: %v, want 10×69", phase, k, fa.Cells[k].Dims)
			}
		}
		// Totals counted independently with SciPy 1.10 loadmat.
		if want := map[string]float64{"beforeLearning": 95835, "afterLearning": 90023}[phase]; total != want {
			t.Errorf("%s: %g spikes in all clouds, SciPy counts %g", phase, total, want)
		}
		if angles.Real[1]-angles.Real[0] != 45 {
			t.Errorf("target angles %v are not 45° apart", angles.Real)
		}
	}
}

// TestTME checks the Churchland 2012 tensor: 61 times × 50 neurons × 10
// conditions, t from −50 to 550 ms in 10-ms steps.
func TestTME(t *testing.T) {
	f, err := Open(shareddata.File(t, "tme_churchland2012/exampleData.mat"))
	if err != nil {
		t.Fatal(err)
	}
	dt, _ := f.Var("dataTensor")
	if dt == nil || dt.Class != Double || len(dt.Dims) != 3 || dt.Dims[0] != 61 || dt.Dims[1] != 50 || dt.Dims[2] != 10 {
		t.Fatalf("dataTensor = %+v", dt)
	}
	tv, _ := f.Var("t")
	if tv.Len() != 61 {
		t.Fatalf("t: %s %v", tv.Class, tv.Dims)
	}
	for i, v := range tv.Real {
		if v != float64(-50+10*i) {
			t.Fatalf("t[%d] = %g, want %d", i, v, -50+10*i)
		}
	}
	for _, v := range dt.Real {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatal("non-finite value in dataTensor")
		}
	}
}

// nelpyUnits walks spikes{1}{1}{tetrode}{unit}.time, returning unit spike
// time vectors (empty units skipped).
func nelpyUnits(t *testing.T, f *File) [][]float64 {
	t.Helper()
	s, err := f.Var("spikes")
	if err != nil {
		t.Fatal(err)
	}
	for s.Class == Cell && len(s.Cells) == 1 {
		s = s.Cells[0]
	}
	var units [][]float64
	for _, tet := range s.Cells {
		for _, u := range tet.Cells {
			if u.Class != Struct {
				continue
			}
			tm, err := u.Field("time")
			if err != nil {
				t.Fatal(err)
			}
			if !tm.IsEmpty() {
				units = append(units, tm.Real)
			}
		}
	}
	return units
}

// TestNelpy checks the unit and spike counts and time ranges of SOURCES.md.
func TestNelpy(t *testing.T) {
	for _, c := range []struct {
		file          string
		units, spikes int
		lo, hi        float64
	}{
		{"linear-track_spikes.mat", 31, 28829, 4397, 6365.5},
		{"w-maze_spikes.mat", 25, 518352, 64, 4371.5},
	} {
		f, err := Open(shareddata.File(t, "nelpy_hippocampus/"+c.file))
		if err != nil {
			t.Fatal(err)
		}
		units := nelpyUnits(t, f)
		n, lo, hi := 0, math.Inf(1), math.Inf(-1)
		for _, u := range units {
			n += len(u)
			for _, v := range u {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		if len(units) != c.units || n != c.spikes || lo < c.lo || hi > c.hi || lo > c.lo+2 || hi < c.hi-2 {
			t.Errorf("%s: %d units, %d spikes, t ∈ [%g, %g]; want %d, %d, ≈[%g, %g]", c.file, len(units), n, lo, hi, c.units, c.spikes, c.lo, c.hi)
		}
	}
}

func TestRealCorrupted(t *testing.T) {
	for _, name := range []string{"tme_churchland2012/exampleData.mat", "golub2018_bci_m1/exampleData.mat", "nelpy_hippocampus/linear-track_spikes.mat"} {
		b, err := os.ReadFile(shareddata.File(t, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{100, 130, 1000, len(b) / 2, len(b) - 1} {
			if _, err := Parse(b[:n]); err == nil || !strings.Contains(err.Error(), "offset") {
				t.Errorf("%s cut at %d: err = %v", name, n, err)
			}
		}
		d := bytes.Clone(b)
		for i := 2000; i < 2100; i++ {
			d[i] ^= 0xa5
		}
		if _, err := Parse(d); err == nil || !strings.Contains(err.Error(), "offset") {
			t.Errorf("%s corrupted: err = %v", name, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	ents, _ := os.ReadDir(seedDir)
	for _, e := range ents {
		if b, err := os.ReadFile(filepath.Join(seedDir, e.Name())); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = Parse(b)
	})
}

// target ≤ 100 ms for the 2.8 MB nelpy W-maze file (518,352 spike times);
// SciPy 1.10 loadmat of the same file, measured here: 18 ms (best of 10).
func BenchmarkParseNelpyWMaze(b *testing.B) {
	raw, err := os.ReadFile(shareddata.File(b, "nelpy_hippocampus/w-maze_spikes.mat"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := Parse(raw); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSparseUnsupported(t *testing.T) {
	// sparse.mat: a 3000×200 sparse matrix with one entry, written by SciPy.
	_, err := Open(filepath.Join(seedDir, "sparse.mat"))
	if err == nil || !strings.Contains(err.Error(), "sparse, which is not supported") {
		t.Errorf("err = %v, want a clear 'sparse is not supported'", err)
	}
}
