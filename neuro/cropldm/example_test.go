package cropldm_test

import (
	"context"
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/cropldm"
	"github.com/neurodyn/neurodyn/neuro/metrics"
	"gonum.org/v1/gonum/mat"
)

func ExampleFit() {
	// Setup B of the notes: within-population dynamics dominate both populations.
	sim, _ := cropldm.NewThreeBlock(cropldm.SimConfig{NCross: 2, NWithinSource: 4, NWithinTarget: 4,
		WithinGain: 1.5, NoiseFrac: 0.2, Seed: 2})
	ytr, ztr, _ := sim.Sample(20000, 1)
	yte, zte, _ := sim.Sample(20000, 2)
	train, test := []*mat.Dense{ytr}, []*mat.Dense{yte}

	crop, _ := cropldm.Fit(train, []*mat.Dense{ztr}, cropldm.Config{N1: 1})
	sid, _ := cropldm.Fit(train, []*mat.Dense{ztr}, cropldm.Config{N1: 0, NX: 1}) // non-prioritized
	for name, m := range map[string]*cropldm.Model{"CroP-LDM": crop, "SID": sid} {
		pred, _ := m.Predict(test)
		cc, _ := metrics.CC([]*mat.Dense{zte}, pred)
		fmt.Printf("%-8s 1 state: target CC above 0.1: %v\n", name, metrics.Mean(cc) > 0.1)
	}
	// Unordered output:
	// CroP-LDM 1 state: target CC above 0.1: true
	// SID      1 state: target CC above 0.1: false
}

func ExampleSelectDims() {
	sim, _ := cropldm.NewThreeBlock(cropldm.SimConfig{Seed: 1}) // 3 cross-population states
	y, z, _ := sim.Sample(10000, 7)
	sel, err := cropldm.SelectDims(context.Background(), []*mat.Dense{y}, []*mat.Dense{z},
		cropldm.SelectConfig{N1s: []int{1, 2, 3, 4, 5}, Folds: 4})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("n1 =", sel.N1)
	// Output: n1 = 3
}

func ExamplePathways() {
	// Region 0 drives region 1; region 2 is only driven by region 1, weakly.
	net, _ := cropldm.NewMultiRegion(cropldm.MultiRegionConfig{
		Channels: []int{12, 10, 8},
		Coupling: [][]float64{{0, 0.6, 0}, {0, 0, 0.15}, {0, 0, 0}},
		Seed:     3,
	})
	regs, _ := net.Sample(12000, 1)
	regions := [][]*mat.Dense{{regs[0]}, {regs[1]}, {regs[2]}}
	pw, err := cropldm.Pathways(context.Background(), regions, cropldm.PathwayConfig{N1: 2, Folds: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	best := pw[0]
	for _, p := range pw {
		if p.PartialR2 > best.PartialR2 {
			best = p
		}
	}
	fmt.Printf("dominant pathway: %d → %d\n", best.From, best.To)
	// Output: dominant pathway: 0 → 1
}
