package cropldm_test

import (
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
