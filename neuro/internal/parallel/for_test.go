package parallel

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestForEveryIndexOnce(t *testing.T) {
	for _, workers := range []int{-1, 0, 1, 2, 3, 8, 1000} {
		const n = 500
		var calls [n]atomic.Int32
		if err := For(context.Background(), n, workers, func(i int) error {
			calls[i].Add(1)
			return nil
		}, nil); err != nil {
			t.Fatalf("workers %d: %v", workers, err)
		}
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Fatalf("workers %d: index %d ran %d times", workers, i, c)
			}
		}
	}
}

// maxConcurrent runs n calls that each hold for a moment and returns the largest number
// of calls seen running at once.
func maxConcurrent(t *testing.T, n, workers int) int {
	t.Helper()
	var cur, peak atomic.Int32
	err := For(context.Background(), n, workers, func(int) error {
		c := cur.Add(1)
		for p := peak.Load(); c > p && !peak.CompareAndSwap(p, c); p = peak.Load() {
		}
		time.Sleep(2 * time.Millisecond)
		cur.Add(-1)
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return int(peak.Load())
}

func TestForWorkerBound(t *testing.T) {
	for _, workers := range []int{1, 2, 3, 5} {
		if got := maxConcurrent(t, 60, workers); got > workers || got < 1 {
			t.Errorf("workers %d: %d calls ran at once", workers, got)
		}
	}
	if got, limit := maxConcurrent(t, 60, 0), runtime.GOMAXPROCS(0); got > limit {
		t.Errorf("workers 0: %d calls ran at once, GOMAXPROCS = %d", got, limit)
	}
	// More workers than jobs: never more goroutines than jobs.
	if got := maxConcurrent(t, 3, 50); got > 3 {
		t.Errorf("n = 3, workers = 50: %d calls ran at once", got)
	}
}

// The bound is reached: workers calls that wait for each other all get to run together.
func TestForRunsWorkersAtOnce(t *testing.T) {
	const workers = 3
	var arrived sync.WaitGroup
	arrived.Add(workers)
	all := make(chan struct{})
	go func() { arrived.Wait(); close(all) }()
	err := For(context.Background(), workers, workers, func(i int) error {
		arrived.Done()
		select {
		case <-all:
			return nil
		case <-time.After(10 * time.Second):
			return fmt.Errorf("call %d never saw %d calls running together", i, workers)
		}
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
}

func TestForLowestIndexError(t *testing.T) {
	fails := map[int]time.Duration{3: 30 * time.Millisecond, 7: 0, 12: 0}
	for _, workers := range []int{1, 2, 4, 8, 16} {
		err := For(context.Background(), 40, workers, func(i int) error {
			d, ok := fails[i]
			if !ok {
				return nil
			}
			time.Sleep(d) // the lowest failing index fails last in time
			return fmt.Errorf("job %d failed", i)
		}, nil)
		if err == nil || err.Error() != "job 3 failed" {
			t.Errorf("workers %d: got %v, want the error of job 3", workers, err)
		}
	}
}

func TestForStopsAfterFailure(t *testing.T) {
	var calls atomic.Int32
	sentinel := errors.New("boom")
	err := For(context.Background(), 100, 1, func(i int) error {
		calls.Add(1)
		if i == 10 {
			return sentinel
		}
		return nil
	}, nil)
	if !errors.Is(err, sentinel) {
		t.Fatalf("got %v, want %v", err, sentinel)
	}
	if c := calls.Load(); c != 11 {
		t.Errorf("one worker ran %d calls, want 11 (0..10, then stop)", c)
	}
}

func TestForCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	err := For(ctx, 100, 1, func(i int) error {
		calls.Add(1)
		if i == 5 {
			cancel()
		}
		return nil
	}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if c := calls.Load(); c != 6 {
		t.Errorf("ran %d calls after cancelling at index 5 with one worker, want 6", c)
	}

	// Cancellation wins over the errors it causes.
	ctx, cancel = context.WithCancel(context.Background())
	err = For(ctx, 50, 4, func(i int) error {
		if i == 2 {
			cancel()
			return errors.New("stopped")
		}
		return nil
	}, nil)
	if err != context.Canceled {
		t.Errorf("got %v, want ctx.Err()", err)
	}

	// Already cancelled: nothing runs.
	calls.Store(0)
	err = For(ctx, 50, 4, func(int) error { calls.Add(1); return nil }, nil)
	if err != context.Canceled || calls.Load() != 0 {
		t.Errorf("cancelled context: got %v after %d calls, want context.Canceled after 0", err, calls.Load())
	}

	// A deadline is reported as such.
	dctx, dcancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer dcancel()
	err = For(dctx, 1000, 2, func(int) error { time.Sleep(time.Millisecond); return nil }, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want context.DeadlineExceeded", err)
	}
}

func TestForAfterSerialisedAndCounts(t *testing.T) {
	const n = 200
	sentinel := errors.New("odd")
	var inAfter atomic.Int32
	var dones []int
	seen := make([]bool, n)
	err := For(context.Background(), n, 8, func(i int) error {
		if i == n-1 {
			return sentinel // the last index: every other call has been started
		}
		return nil
	}, func(done, i int, err error) {
		if inAfter.Add(1) != 1 {
			t.Error("after called concurrently")
		}
		time.Sleep(10 * time.Microsecond)
		dones = append(dones, done)
		if seen[i] {
			t.Errorf("after called twice for index %d", i)
		}
		seen[i] = true
		if (i == n-1) != (err != nil) {
			t.Errorf("index %d: after got err = %v", i, err)
		}
		inAfter.Add(-1)
	})
	if !errors.Is(err, sentinel) {
		t.Fatalf("got %v", err)
	}
	if len(dones) != n {
		t.Fatalf("after called %d times, want %d", len(dones), n)
	}
	for k, d := range dones {
		if d != k+1 {
			t.Fatalf("call %d of after got done = %d, want %d", k, d, k+1)
		}
	}
}

func TestForEmpty(t *testing.T) {
	called := false
	err := For(context.Background(), 0, 4, func(int) error { called = true; return nil },
		func(int, int, error) { called = true })
	if err != nil || called {
		t.Errorf("n = 0: err = %v, called = %v", err, called)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := For(ctx, 0, 4, func(int) error { return nil }, nil); err != context.Canceled {
		t.Errorf("n = 0, cancelled: got %v", err)
	}
}
