package smc

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// dataFile finds a shared recording (NEURODYN_DATA, then ../../../shared/data) or skips.
func dataFile(t testing.TB, rel string) string {
	t.Helper()
	dirs := filepath.SplitList(os.Getenv("NEURODYN_DATA"))
	dirs = append(dirs, "../../../shared/data")
	for _, d := range dirs {
		p := filepath.Join(d, rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skipf("recording %s not found (set NEURODYN_DATA)", rel)
	return ""
}

// parseNPY decodes a little-endian <f4, <f8 or <i8 NPY array in C order (test helper only).
func parseNPY(b []byte) (shape []int, data []float64, err error) {
	if len(b) < 10 || string(b[1:6]) != "NUMPY" {
		return nil, nil, fmt.Errorf("not an NPY file")
	}
	var hl, off int
	if b[6] == 1 {
		hl, off = int(binary.LittleEndian.Uint16(b[8:10])), 10
	} else {
		hl, off = int(binary.LittleEndian.Uint32(b[8:12])), 12
	}
	hdr := string(b[off : off+hl])
	body := b[off+hl:]
	descr := regexp.MustCompile(`'descr':\s*'([^']*)'`).FindStringSubmatch(hdr)
	sh := regexp.MustCompile(`'shape':\s*\(([^)]*)\)`).FindStringSubmatch(hdr)
	if descr == nil || sh == nil || strings.Contains(hdr, "'fortran_order': True") {
		return nil, nil, fmt.Errorf("unsupported header %q", hdr)
	}
	n := 1
	for _, f := range strings.Split(sh[1], ",") {
		if f = strings.TrimSpace(f); f != "" {
			v, _ := strconv.Atoi(f)
			shape = append(shape, v)
			n *= v
		}
	}
	data = make([]float64, n)
	for i := range data {
		switch descr[1] {
		case "<f4":
			data[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(body[4*i:])))
		case "<f8":
			data[i] = math.Float64frombits(binary.LittleEndian.Uint64(body[8*i:]))
		case "<i8":
			data[i] = float64(int64(binary.LittleEndian.Uint64(body[8*i:])))
		default:
			return nil, nil, fmt.Errorf("dtype %s unsupported", descr[1])
		}
	}
	return shape, data, nil
}

func loadNPZ(t testing.TB, path string) map[string]*mat.Dense {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string]*mat.Dense{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		io.Copy(&buf, rc)
		rc.Close()
		shape, data, err := parseNPY(buf.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		r, c := 1, len(data)
		if len(shape) == 2 {
			r, c = shape[0], shape[1]
		}
		if len(data) == 0 {
			continue
		}
		out[strings.TrimSuffix(f.Name, ".npy")] = mat.NewDense(r, c, data)
	}
	return out
}

func loadTeacher(t testing.TB, name string, noiseZ, noiseX float64) *Model {
	t.Helper()
	w := loadNPZ(t, dataFile(t, "smc_rnns_teachers/teacher_"+name+".npz"))
	alpha := w["dt"].At(0, 0) / w["tau"].At(0, 0)
	m, err := Teacher(w["m"], w["n"], w["b_rec"].RawRowView(0), alpha, 0.9, noiseZ, noiseX, 2)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
