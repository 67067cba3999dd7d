package datasets

import (
	"context"
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// FlintData is run 1 of the Flint 2012 centre-out data as preprocessed by
// Burkhart et al. for the discriminative Kalman filter.
type FlintData struct {
	Features *mat.Dense // time steps × 10 neural features (PCA, z-scored)
	Velocity *mat.Dense // time steps × 2 hand velocity
}

// FlintDKF loads the Flint 2012 DKF data with the default Store.
func FlintDKF() (*FlintData, error) { return DefaultStore().FlintDKF(context.Background()) }

// FlintDKF loads x.csv (7,792 × 10 neural features) and z.csv (7,792 × 2
// hand velocity). The files carry no time stamps; rows are consecutive
// time steps.
func (s *Store) FlintDKF(ctx context.Context) (*FlintData, error) {
	var m [2]*mat.Dense
	for i, name := range []string{"flint2012_dkf/x.csv", "flint2012_dkf/z.csv"} {
		p, err := s.Path(ctx, "flint2012-dkf", name)
		if err != nil {
			return nil, err
		}
		df, err := ReadCSVFile(p, false)
		if err != nil {
			return nil, err
		}
		if m[i], err = FrameMatrix(df); err != nil {
			return nil, fmt.Errorf("datasets: %s: %w", p, err)
		}
	}
	if r0, _ := m[0].Dims(); r0 != m[1].RawMatrix().Rows {
		return nil, fmt.Errorf("datasets: flint2012-dkf: x has %d rows, z has %d", r0, m[1].RawMatrix().Rows)
	}
	return &FlintData{Features: m[0], Velocity: m[1]}, nil
}
