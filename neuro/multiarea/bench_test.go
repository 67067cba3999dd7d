package multiarea

import (
	"testing"

	"github.com/neurodyn/neurodyn/neuro/internal/benchcpu"
)

// One RLS training pass over the three-region benchmark: 300 units, 1000 samples, DtFactor 5
// (5000 Euler steps, 999 RLS updates of the shared 300×300 P and of J).
// Target ≤ 0.15 s; CURBD's NumPy reference (curbd.py, 1 thread): 1.5–1.8 s per pass.
func BenchmarkRLSPass(b *testing.B) {
	d, err := NewThreeRegion(ThreeRegionConfig{})
	if err != nil {
		b.Fatal(err)
	}
	cfg, _ := RNNConfig{}.withDefaults()
	m, err := newRNN(d.Rates, cfg)
	if err != nil {
		b.Fatal(err)
	}
	out := m.Rates.RawMatrix().Data
	b.ReportAllocs()
	cpu := benchcpu.Start(b)
	for b.Loop() {
		m.pass(true, out)
	}
	cpu.Report()
}

// One teacher-forced RLS pass over the same data (999 updates, no Euler steps).
// No peer figure (CURBD has no teacher-forced mode); it should cost well under one CURBD pass.
func BenchmarkTeacherPass(b *testing.B) {
	d, err := NewThreeRegion(ThreeRegionConfig{})
	if err != nil {
		b.Fatal(err)
	}
	cfg, _ := RNNConfig{Tau: 0.1, TeacherPasses: 1}.withDefaults()
	m, err := newRNN(d.Rates, cfg)
	if err != nil {
		b.Fatal(err)
	}
	out := m.Rates.RawMatrix().Data
	b.ReportAllocs()
	cpu := benchcpu.Start(b)
	for b.Loop() {
		m.teacherPass(cfg.DtData, out)
	}
	cpu.Report()
}

// Current decomposition of the trained 300-unit network over 1000 samples (3×3 blocks).
func BenchmarkDecompose(b *testing.B) {
	d, err := NewThreeRegion(ThreeRegionConfig{})
	if err != nil {
		b.Fatal(err)
	}
	J := d.TrueJ()
	for b.Loop() {
		if _, err := Decompose(J, d.Rates, d.Regions); err != nil {
			b.Fatal(err)
		}
	}
}
