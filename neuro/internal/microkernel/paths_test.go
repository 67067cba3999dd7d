package microkernel

import (
	"testing"

	"github.com/neurodyn/neurodyn/neuro/internal/cpufeat"
)

// kernelPaths returns the names of the kernel paths this CPU can run ("go", "avx2", "avx512");
// ranging over them switches cpufeat's flags to each path in turn, and the test's cleanup
// restores them.
func kernelPaths(t testing.TB) func(yield func(string) bool) {
	avx2, avx512 := cpufeat.AVX2FMA, cpufeat.AVX512
	t.Cleanup(func() { cpufeat.AVX2FMA, cpufeat.AVX512 = avx2, avx512 })
	return func(yield func(string) bool) {
		paths := []struct {
			name        string
			avx2, av512 bool
		}{{"go", false, false}, {"avx2", true, false}, {"avx512", true, true}}
		for _, p := range paths {
			if p.avx2 && !avx2 || p.av512 && !avx512 {
				continue
			}
			cpufeat.AVX2FMA, cpufeat.AVX512 = p.avx2, p.av512
			if !yield(p.name) {
				return
			}
		}
	}
}
