package lowrank

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sbinet/npyio/npz"
	"gonum.org/v1/gonum/mat"
)

// dataDir returns the first directory of NEURODYN_DATA (default /work/shared/data) that holds
// the smc_rnns teachers, or fails the test.
func dataDir(t testing.TB) string {
	env := os.Getenv("NEURODYN_DATA")
	if env == "" {
		env = "/work/shared/data"
	}
	for _, d := range strings.Split(env, ":") {
		if st, err := os.Stat(filepath.Join(d, "smc_rnns_teachers")); err == nil && st.IsDir() {
			return filepath.Join(d, "smc_rnns_teachers")
		}
	}
	t.Fatalf("smc_rnns_teachers not found under %q: set NEURODYN_DATA to the shared data directory", env)
	return ""
}

func readArray(t testing.TB, r *npz.Reader, name string) ([]float64, []int) {
	hdr := r.Header(name + ".npy")
	if hdr == nil {
		t.Fatalf("teacher file has no %s", name)
	}
	var f32 []float32
	if err := r.Read(name+".npy", &f32); err == nil {
		out := make([]float64, len(f32))
		for i, v := range f32 {
			out[i] = float64(v)
		}
		return out, hdr.Descr.Shape
	}
	var f64 []float64
	if err := r.Read(name+".npy", &f64); err == nil {
		return f64, hdr.Descr.Shape
	}
	var i64 []int64
	if err := r.Read(name+".npy", &i64); err != nil {
		t.Fatalf("reading %s: %v", name, err)
	}
	out := make([]float64, len(i64))
	for i, v := range i64 {
		out[i] = float64(v)
	}
	return out, hdr.Descr.Shape
}

func loadTeacher(t testing.TB, name string) *Continuous {
	r, err := npz.Open(filepath.Join(dataDir(t), name+".npz"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	dense := func(key string) *mat.Dense {
		v, sh := readArray(t, r, key)
		if len(sh) != 2 {
			t.Fatalf("%s has shape %v, want a matrix", key, sh)
		}
		return mat.NewDense(sh[0], sh[1], v)
	}
	scalar := func(key string) float64 {
		v, _ := readArray(t, r, key)
		return v[0]
	}
	b, _ := readArray(t, r, "b_rec")
	c, err := FromTeacher(dense("m"), dense("n"), b, dense("w_inp"), dense("w_out"), scalar("dt"), scalar("tau"))
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
