// Package parallel runs independent, indexed jobs on a bounded pool of goroutines.
//
// For(ctx, n, workers, fn, after) evaluates fn(0), …, fn(n−1) on at most
// min(workers, n) goroutines (workers ≤ 0 means GOMAXPROCS). Indices are handed out in
// increasing order, so when index k fails every index j < k has already been started and
// runs to completion: the error returned — that of the lowest failing index — does not
// depend on scheduling or on the number of workers, provided fn(i) depends only on i.
// Callers write results into slots of their own slices indexed by i, which keeps the
// output in input order.
package parallel
