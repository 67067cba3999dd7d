// Package benchcpu adds process CPU time to Go benchmarks. On a shared machine the wall-clock
// ns/op includes time spent waiting for a core; the CPU time per operation (user + system, all
// threads) does not, so benchmarks report both.
//
//	func BenchmarkFit(b *testing.B) {
//		cpu := benchcpu.Start(b)
//		for range b.N { ... }
//		cpu.Report() // adds "cpu-ns/op"
//	}
package benchcpu

import (
	"testing"
	"time"
)

// Timer measures the CPU time of a benchmark loop.
type Timer struct {
	b     *testing.B
	start time.Duration
}

// Start begins measuring (call it right before the loop, after any setup).
func Start(b *testing.B) Timer { return Timer{b: b, start: Process()} }

// Report adds the CPU time per operation as "cpu-ns/op".
func (t Timer) Report() { t.ReportPer(1, "op") }

// ReportPer adds the CPU time per unit as "cpu-ns/<unit>", for k units per operation (e.g. time
// steps per filter run). Nothing is reported where process CPU time is unavailable.
func (t Timer) ReportPer(k int, unit string) {
	used := Process() - t.start
	if used <= 0 || t.b.N == 0 || k <= 0 {
		return
	}
	t.b.ReportMetric(float64(used.Nanoseconds())/float64(t.b.N*k), "cpu-ns/"+unit)
}
