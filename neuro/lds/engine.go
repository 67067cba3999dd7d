package lds

import (
	"runtime"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// maxBlocks bounds the number of contiguous trial blocks that are processed in parallel. Sums
// over trials are formed per block and added in block order, so results do not depend on
// GOMAXPROCS.
const maxBlocks = 32

// engine runs exact inference for one parameter set.
type engine struct {
	md *Model
	em *emission
	dy *dynamics
}

func newEngine(md *Model) (*engine, error) {
	if err := md.Validate(); err != nil {
		return nil, err
	}
	em, err := newEmission(md)
	if err != nil {
		return nil, err
	}
	return &engine{md: md, em: em, dy: newDynamics(md)}, nil
}

// trialPost is the posterior of one trial.
type trialPost struct {
	tr         *trialObs
	fs         []*fstep
	bs         []*bstep // nil unless smoothed
	xp, xf, ms []float64
	ll         float64
}

// blocks splits k trials into at most maxBlocks contiguous ranges.
func blocks(k int) [][2]int {
	nb := min(k, maxBlocks)
	out := make([][2]int, nb)
	for b := range nb {
		out[b] = [2]int{b * k / nb, (b + 1) * k / nb}
	}
	return out
}

// parallel runs fn(i) for i in [0, n) on at most GOMAXPROCS goroutines and returns the first
// error by index.
func parallel(n int, fn func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				errs[i] = fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// forEach computes the posterior of every trial (filter, plus smoother when smooth is set) and
// calls fn(block, k, post) for each, trials of one block in order on one goroutine. data and
// inputs must have been checked.
func (eng *engine) forEach(data, inputs []*mat.Dense, smooth bool, fn func(block, k int, post *trialPost) error) error {
	K := len(data)
	obs := make([]*trialObs, K)
	bl := blocks(K)
	err := parallel(len(bl), func(b int) error {
		cache := map[string]*obsPattern{}
		var ar arena
		for k := bl[b][0]; k < bl[b][1]; k++ {
			var err error
			obs[k], err = eng.em.reduce(data[k], input(inputs, k), cache, &ar)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Fully observed trials share one forward schedule (a prefix of the longest) and one
	// backward schedule per length.
	maxT := 0
	for _, tr := range obs {
		if tr.full {
			maxT = max(maxT, tr.T)
		}
	}
	var shared []*fstep
	back := map[int][]*bstep{}
	if maxT > 0 {
		pats := make([]*obsPattern, maxT)
		for t := range pats {
			pats[t] = eng.em.full
		}
		if shared, err = eng.dy.forwardCov(pats); err != nil {
			return err
		}
		if smooth {
			for _, tr := range obs {
				if tr.full && back[tr.T] == nil {
					back[tr.T] = eng.dy.backwardCov(shared[:tr.T])
				}
			}
		}
	}
	n := eng.dy.n
	return parallel(len(bl), func(b int) error {
		for k := bl[b][0]; k < bl[b][1]; k++ {
			tr := obs[k]
			post := &trialPost{tr: tr}
			if tr.full {
				post.fs = shared[:tr.T]
				post.bs = back[tr.T]
			} else {
				var err error
				if post.fs, err = eng.dy.forwardCov(tr.pats); err != nil {
					return err
				}
				if smooth {
					post.bs = eng.dy.backwardCov(post.fs)
				}
			}
			post.xp = make([]float64, tr.T*n)
			post.xf = make([]float64, tr.T*n)
			post.ll = eng.dy.forwardMean(tr, post.fs, input(inputs, k), post.xp, post.xf)
			if smooth {
				post.ms = make([]float64, tr.T*n)
				eng.dy.backwardMean(post.fs, post.xp, post.xf, post.ms)
			}
			if err := fn(b, k, post); err != nil {
				return err
			}
		}
		return nil
	})
}

func input(inputs []*mat.Dense, k int) *mat.Dense {
	if inputs == nil {
		return nil
	}
	return inputs[k]
}
