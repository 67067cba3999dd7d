package cpufeat

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

// On Linux/amd64 the answers must agree with the kernel's view of the CPU flags.
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
	want := AVX2FMA && has("avx512f") && has("avx512dq") && has("avx512bw") && has("avx512vl")
	if AVX512 != want {
		t.Fatalf("AVX512 = %v, /proc/cpuinfo says avx2&&fma&&avx512{f,dq,bw,vl} = %v", AVX512, want)
	}
}
