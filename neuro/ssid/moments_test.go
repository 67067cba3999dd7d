package ssid

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestMomentsMatchDirectHankel compares the lag-based Hankel covariance with the explicit
// block-Hankel product over unequal trials (one too short).
func TestMomentsMatchDirectHankel(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	ny, nz, i := 3, 2, 3
	lens := []int{40, 5, 17, 6}
	var ys, zs []*mat.Dense
	for _, T := range lens {
		ys = append(ys, randMat(rng, T, ny))
		zs = append(zs, randMat(rng, T, nz))
	}
	for _, all := range []bool{false, true} {
		mo, err := NewMoments(ys, zs, i, all)
		if err != nil {
			t.Fatal(err)
		}
		if mo.Skipped != 1 {
			t.Fatalf("skipped %d trials, want 1", mo.Skipped)
		}
		ym, zm := channelMeans(ys), channelMeans(zs)
		dim := 2 * i * (ny + nz)
		want := mat.NewDense(dim, dim, nil)
		J := 0
		for k, T := range lens {
			if T < 2*i {
				continue
			}
			for c := 0; c+2*i <= T; c++ {
				h := make([]float64, dim)
				for r := range 2 * i {
					for p := range ny {
						h[mo.index(p, r)] = ys[k].At(c+r, p) - ym[p]
					}
					for p := range nz {
						h[mo.index(ny+p, r)] = zs[k].At(c+r, p) - zm[p]
					}
				}
				for a := range dim {
					for b := range dim {
						want.Set(a, b, want.At(a, b)+h[a]*h[b])
					}
				}
				J++
			}
		}
		if J != mo.Columns {
			t.Fatalf("columns %d, want %d", mo.Columns, J)
		}
		want.Scale(1/float64(J), want)
		// Compare the blocks that are filled.
		for a := range dim {
			for b := range dim {
				pa, ra := chanTime(mo, a)
				pb, rb := chanTime(mo, b)
				if ra > rb {
					pa, ra, pb, rb = pb, rb, pa, ra
				}
				if !mo.needed(pa, pb, rb-ra) && !(rb == ra && mo.needed(pb, pa, 0)) {
					continue
				}
				if d := math.Abs(mo.h.At(a, b) - want.At(a, b)); d > 1e-12 {
					t.Fatalf("allLags=%v entry (%d,%d): got %v want %v", all, a, b, mo.h.At(a, b), want.At(a, b))
				}
			}
		}
	}
}

func chanTime(mo *Moments, idx int) (p, r int) {
	if idx < mo.nyTotal {
		return idx % mo.NY, idx / mo.NY
	}
	idx -= mo.nyTotal
	return mo.NY + idx%mo.NZ, idx / mo.NZ
}

func TestBadInput(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	y := []*mat.Dense{randMat(rng, 100, 3)}
	z := []*mat.Dense{randMat(rng, 100, 2)}
	nan := mat.DenseCopyOf(y[0])
	nan.Set(5, 1, math.NaN())
	cases := []struct {
		name string
		y, z []*mat.Dense
		cfg  Config
		want string
	}{
		{"length mismatch", y, []*mat.Dense{randMat(rng, 99, 2)}, Config{NX: 2, N1: 1}, "samples"},
		{"trial count", y, []*mat.Dense{z[0], z[0]}, Config{NX: 2, N1: 1}, "trials"},
		{"NaN", []*mat.Dense{nan}, z, Config{NX: 2, N1: 1}, "NaN"},
		{"n1 > i nz", y, z, Config{NX: 30, N1: 25, Horizon: 10}, "i·nz"},
		{"n1 without z", y, nil, Config{NX: 2, N1: 1}, "need z"},
		{"nx zero", y, z, Config{}, "NX"},
		{"horizon", y, z, Config{NX: 2, Horizon: 1}, "Horizon"},
		{"too short", []*mat.Dense{randMat(rng, 10, 3)}, []*mat.Dense{randMat(rng, 10, 2)}, Config{NX: 2, N1: 1}, "shorter"},
		{"channels", []*mat.Dense{y[0], randMat(rng, 50, 4)}, nil, Config{NX: 2}, "channels"},
	}
	for _, c := range cases {
		_, err := Fit(c.y, c.z, c.cfg)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
}

func TestLag0Sums(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 1))
	ys := []*mat.Dense{randMat(rng, 30, 3), randMat(rng, 4, 3)}
	zs := []*mat.Dense{randMat(rng, 30, 2), randMat(rng, 4, 2)}
	mo, err := NewMoments(ys, zs, 3, false)
	if err != nil {
		t.Fatal(err)
	}
	yy, zy, n := mo.Lag0Sums()
	if n != 34 {
		t.Fatalf("samples %d, want 34", n)
	}
	ym, zm := channelMeans(ys), channelMeans(zs)
	for p := range 3 {
		for q := range 3 {
			var s float64
			for k := range ys {
				for u := range ys[k].RawMatrix().Rows {
					s += (ys[k].At(u, p) - ym[p]) * (ys[k].At(u, q) - ym[q])
				}
			}
			if math.Abs(s-yy.At(p, q)) > 1e-10 {
				t.Fatalf("yy(%d,%d) = %v, want %v", p, q, yy.At(p, q), s)
			}
		}
		for q := range 2 {
			var s float64
			for k := range ys {
				for u := range ys[k].RawMatrix().Rows {
					s += (zs[k].At(u, q) - zm[q]) * (ys[k].At(u, p) - ym[p])
				}
			}
			if math.Abs(s-zy.At(q, p)) > 1e-10 {
				t.Fatalf("zy(%d,%d) = %v, want %v", q, p, zy.At(q, p), s)
			}
		}
	}
}

// lagSums agrees with a direct sum.
func TestLagKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	T, nw, np, L := 700, 11, 7, 9
	x, stride := timeMajor(randMat(rng, T, 7), randMat(rng, T, 4), make([]float64, 7), make([]float64, 4), np)
	full := lagSums(x, stride, T, nw, np, L, func(p, q, d int) bool { return true })
	for d := range L {
		for p := range np {
			for q := range nw {
				var s float64
				for u := 0; u+d < T; u++ {
					s += x[u*stride+p] * x[(u+d)*stride+q]
				}
				if math.Abs(s-full[d][p*nw+q]) > 1e-9 {
					t.Fatalf("lag %d pair (%d,%d): %v, direct %v", d, p, q, full[d][p*nw+q], s)
				}
			}
		}
	}
}
