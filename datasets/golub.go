package datasets

import (
	"context"
	"fmt"

	"github.com/neurodyn/neurodyn/datasets/matv5"
	"gonum.org/v1/gonum/mat"
)

// FactorAnalysis holds the FA model of the BCI: u = Mu + L z + ε with
// z ~ N(0, I) and ε ~ N(0, diag(Psi)); Beta is the posterior-mean map
// E[z | u] = Beta (u − Mu).
type FactorAnalysis struct {
	Mu   []float64  // mean spike count per unit (86)
	L    *mat.Dense // loadings, units × factors (86×10)
	Psi  []float64  // private variances (86)
	Beta *mat.Dense // factors × units (10×86)
}

// BCIMapping is a velocity Kalman-filter BCI decoder acting on spike
// counts u_t: v_t = M1 v_{t−1} + M2 u_t + M0.
type BCIMapping struct {
	M1 *mat.Dense // 2×2
	M2 *mat.Dense // 2×units
	M0 []float64  // 2
	FA FactorAnalysis
	Dt float64 // seconds per time step
	// Raw is the full MATLAB struct (Kalman parameters A, C, Q, R, K, ...).
	Raw *matv5.Array
}

// BCIBlock is one block of trials grouped by target ("clouds" in the
// paper): spikes and factor activity per target.
type BCIBlock struct {
	Angles  []float64    // target angle of each entry (degrees)
	Spikes  []*mat.Dense // per target: time steps × units (69×86) counts
	Factors []*mat.Dense // per target: time steps × factors (69×10)
	Raw     *matv5.Array
}

// GolubData is the example session of Golub et al. 2018.
type GolubData struct {
	Monkey, Date         string
	Intuitive, Perturbed BCIMapping
	Lambda               float64 // expParams.lambda as stored in the file
	Before, After        BCIBlock
}

// GolubBCI loads the example session of Golub et al. 2018 with the default
// Store.
func GolubBCI() (*GolubData, error) { return DefaultStore().GolubBCI(context.Background()) }

// GolubBCI loads the example session of Golub et al. 2018 (monkey J, M1
// Utah array): both BCI mappings with their FA models, and the spikes and
// factor activity per target before and after learning. Spike matrices are
// transposed to the package convention (rows are 45-ms time steps).
func (s *Store) GolubBCI(ctx context.Context) (*GolubData, error) {
	p, err := s.Path(ctx, "golub2018-bci", "golub2018_bci_m1/exampleData.mat")
	if err != nil {
		return nil, err
	}
	f, err := matv5.Open(p)
	if err != nil {
		return nil, err
	}
	g := &GolubData{}
	ep, err := f.Var("expParams")
	if err != nil {
		return nil, err
	}
	if g.Monkey, err = fieldString(ep, "monkName"); err != nil {
		return nil, err
	}
	if g.Date, err = fieldString(ep, "expDate"); err != nil {
		return nil, err
	}
	if g.Lambda, err = fieldScalar(ep, "lambda"); err != nil {
		return nil, err
	}
	for _, m := range []struct {
		name string
		dst  *BCIMapping
	}{{"intuitiveMapping", &g.Intuitive}, {"perturbedMapping", &g.Perturbed}} {
		a, err := ep.Field(m.name)
		if err != nil {
			return nil, err
		}
		if *m.dst, err = bciMapping(a); err != nil {
			return nil, fmt.Errorf("datasets: %s: %s: %w", p, m.name, err)
		}
	}
	for _, b := range []struct {
		name string
		dst  *BCIBlock
	}{{"beforeLearning", &g.Before}, {"afterLearning", &g.After}} {
		a, err := f.Var(b.name)
		if err != nil {
			return nil, err
		}
		if *b.dst, err = bciBlock(a); err != nil {
			return nil, fmt.Errorf("datasets: %s: %s: %w", p, b.name, err)
		}
	}
	return g, nil
}

func fieldString(a *matv5.Array, name string) (string, error) {
	f, err := a.Field(name)
	if err != nil {
		return "", err
	}
	return f.String()
}

func fieldScalar(a *matv5.Array, name string) (float64, error) {
	f, err := a.Field(name)
	if err != nil {
		return 0, err
	}
	return f.Scalar()
}

func fieldDense(a *matv5.Array, name string) (*mat.Dense, error) {
	f, err := a.Field(name)
	if err != nil {
		return nil, err
	}
	return f.Dense()
}

func fieldVector(a *matv5.Array, name string) ([]float64, error) {
	f, err := a.Field(name)
	if err != nil {
		return nil, err
	}
	return f.Vector()
}

func bciMapping(a *matv5.Array) (BCIMapping, error) {
	m := BCIMapping{Raw: a}
	var err error
	if m.M1, err = fieldDense(a, "M1"); err != nil {
		return m, err
	}
	if m.M2, err = fieldDense(a, "M2"); err != nil {
		return m, err
	}
	if m.M0, err = fieldVector(a, "m0"); err != nil {
		return m, err
	}
	if m.Dt, err = fieldScalar(a, "dt"); err != nil {
		return m, err
	}
	if m.FA.Mu, err = fieldVector(a, "mu_u"); err != nil {
		return m, err
	}
	if m.FA.L, err = fieldDense(a, "L"); err != nil {
		return m, err
	}
	if m.FA.Psi, err = fieldVector(a, "Ph"); err != nil {
		return m, err
	}
	if m.FA.Beta, err = fieldDense(a, "beta"); err != nil {
		return m, err
	}
	nu, _ := m.FA.L.Dims()
	if _, c := m.M2.Dims(); c != nu || len(m.FA.Mu) != nu || len(m.FA.Psi) != nu {
		return m, fmt.Errorf("M2 has %d columns, mu_u %d and Ph %d entries, L %d rows; they must agree", c, len(m.FA.Mu), len(m.FA.Psi), nu)
	}
	return m, nil
}

func bciBlock(a *matv5.Array) (BCIBlock, error) {
	b := BCIBlock{Raw: a}
	clouds, err := a.Field("clouds")
	if err != nil {
		return b, err
	}
	if b.Angles, err = fieldVector(clouds, "angles"); err != nil {
		return b, err
	}
	for _, part := range []struct {
		name string
		dst  *[]*mat.Dense
	}{{"spikes", &b.Spikes}, {"factorActivity", &b.Factors}} {
		c, err := clouds.Field(part.name)
		if err != nil {
			return b, err
		}
		if c.Class != matv5.Cell || len(c.Cells) != len(b.Angles) {
			return b, fmt.Errorf("clouds.%s has %d entries for %d targets", part.name, len(c.Cells), len(b.Angles))
		}
		for k, cell := range c.Cells {
			m, err := cell.Dense()
			if err != nil {
				return b, fmt.Errorf("clouds.%s{%d}: %w", part.name, k+1, err)
			}
			*part.dst = append(*part.dst, mat.DenseCopyOf(m.T()))
		}
	}
	return b, nil
}
