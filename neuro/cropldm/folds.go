package cropldm

import (
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/crossval"
	"gonum.org/v1/gonum/mat"
)

// split is one cross-validation fold of a set of aligned recordings (signals[s][trial]).
type split struct {
	train, test [][]*mat.Dense
}

// makeFolds splits aligned recordings into k folds: over trials when there are at least k
// trials, otherwise by cutting every trial into k contiguous chunks (fold f tests chunk f of
// each trial; the training chunks stay separate segments, so no Hankel column crosses a gap).
func makeFolds(signals [][]*mat.Dense, k int) ([]split, error) {
	nt := len(signals[0])
	if nt >= k {
		fs, err := crossval.KFold(nt, k, nil)
		if err != nil {
			return nil, fmt.Errorf("cropldm: %w", err)
		}
		out := make([]split, k)
		for f, fold := range fs {
			for _, sig := range signals {
				out[f].train = append(out[f].train, pick(sig, fold.Train))
				out[f].test = append(out[f].test, pick(sig, fold.Test))
			}
		}
		return out, nil
	}
	out := make([]split, k)
	for f := range k {
		out[f].train = make([][]*mat.Dense, len(signals))
		out[f].test = make([][]*mat.Dense, len(signals))
	}
	for tr := range nt {
		T := signals[0][tr].RawMatrix().Rows
		if T < k {
			return nil, fmt.Errorf("cropldm: trial %d has %d samples, too short for %d folds", tr, T, k)
		}
		for f := range k {
			lo, hi := f*T/k, (f+1)*T/k
			for s, sig := range signals {
				c := sig[tr].RawMatrix().Cols
				out[f].test[s] = append(out[f].test[s], sig[tr].Slice(lo, hi, 0, c).(*mat.Dense))
				for g := range k {
					if g != f {
						a, b := g*T/k, (g+1)*T/k
						out[f].train[s] = append(out[f].train[s], sig[tr].Slice(a, b, 0, c).(*mat.Dense))
					}
				}
			}
		}
	}
	return out, nil
}

func pick(x []*mat.Dense, idx []int) []*mat.Dense {
	out := make([]*mat.Dense, len(idx))
	for i, k := range idx {
		out[i] = x[k]
	}
	return out
}
