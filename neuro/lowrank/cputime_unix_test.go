//go:build unix

package lowrank

import "syscall"

// cpuSeconds returns the user + system CPU time of the process: on the shared machine wall time
// depends on other tenants' load, CPU time much less so.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}
