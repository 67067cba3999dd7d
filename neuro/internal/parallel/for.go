package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls fn(i) for i = 0, …, n−1 on at most workers goroutines (workers ≤ 0 means
// GOMAXPROCS; never more than n). Once ctx is cancelled or any call has failed, no new
// index is handed out; calls already running finish. For returns ctx.Err() if ctx was
// cancelled, otherwise the error of the lowest failing index, otherwise nil.
//
// after, if not nil, is called once per finished call, one call at a time, with done =
// the number of calls finished so far (1, 2, …), the index i and the error fn(i)
// returned; it is the place to drive a Progress(step, total, metrics) callback.
func For(ctx context.Context, n, workers int, fn func(i int) error, after func(done, i int, err error)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var (
		next   atomic.Int64
		failed atomic.Bool
		wg     sync.WaitGroup
		mu     sync.Mutex // guards done, errAt, firstErr and serialises after
		done   int
		errAt  = n
		first  error
	)
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !failed.Load() && ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				err := fn(i)
				if err != nil {
					failed.Store(true)
				}
				mu.Lock()
				done++
				if err != nil && i < errAt {
					errAt, first = i, err
				}
				if after != nil {
					after(done, i, err)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return first
}
