package cpufeat

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

// On Linux/amd64 the answer must agree with the kernel's view of the CPU flags.
func TestAgreesWithProcCPUInfo(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("needs /proc/cpuinfo on linux/amd64")
	}
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Skip(err)
	}
	var flags []string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "flags") {
			flags = strings.Fields(line)
			break
		}
	}
	has := func(f string) bool {
		for _, x := range flags {
			if x == f {
				return true
			}
		}
		return false
	}
	if want := has("avx2") && has("fma"); AVX2FMA != want {
		t.Fatalf("AVX2FMA = %v, /proc/cpuinfo says avx2&&fma = %v", AVX2FMA, want)
	}
}
