package metrics_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/neurodyn/neurodyn/neuro/metrics"
)

// Two single points at distance 2: the kernel density estimates are N(0, I) and N((2, 0), I),
// whose KL divergence is 2²/2 = 2.
func ExampleDstsp() {
	data := mat.NewDense(1, 2, []float64{0, 0})
	gen := mat.NewDense(1, 2, []float64{2, 0})
	r, err := metrics.Dstsp(data, gen, metrics.DstspConfig{Samples: 20000, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("D_stsp ≈ %.1f from %d samples\n", r.KL, r.Kept)
	// Output: D_stsp ≈ 2.0 from 20000 samples
}

// A series against itself and against a series of another frequency.
func ExampleDH() {
	sine := func(f float64) []*mat.Dense {
		m := mat.NewDense(1000, 1, nil)
		for t := range 1000 {
			m.Set(t, 0, math.Sin(2*math.Pi*f*float64(t)))
		}
		return []*mat.Dense{m}
	}
	same, _, _ := metrics.DH(sine(0.05), sine(0.05), metrics.SpectrumConfig{})
	diff, _, _ := metrics.DH(sine(0.05), sine(0.2), metrics.SpectrumConfig{})
	fmt.Printf("same %.2f, different %.2f\n", same, diff)
	// Output: same 0.00, different 1.00
}
