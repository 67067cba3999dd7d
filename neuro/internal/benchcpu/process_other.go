//go:build !unix

package benchcpu

import "time"

// Process returns 0 where process CPU time is not available.
func Process() time.Duration { return 0 }
