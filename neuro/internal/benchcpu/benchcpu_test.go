package benchcpu

import (
	"runtime"
	"testing"
	"time"
)

func TestProcessAdvancesWithWork(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no process CPU time here")
	}
	start := Process()
	deadline := time.Now().Add(50 * time.Millisecond)
	x := 1.0
	for time.Now().Before(deadline) {
		x = x*1.0000001 + 1e-9
	}
	if used := Process() - start; used < 10*time.Millisecond {
		t.Fatalf("50 ms of busy work used only %v of CPU (x=%v)", used, x)
	}
}

func BenchmarkSpin(b *testing.B) {
	cpu := Start(b)
	x := 0.0
	for i := range b.N {
		x += float64(i)
	}
	cpu.Report()
	_ = x
}
