package kernelext_test

import (
	"os"

	"github.com/neurodyn/neurodyn/kernelext"
)

// A progress bar plugs into any neurodyn Config.Progress callback. Outside a notebook it prints.
func ExampleProgress() {
	kernelext.SetOutput(os.TempDir(), os.Stdout)
	defer kernelext.SetOutput("", nil)
	bar := kernelext.NewProgress("", 3)
	report := bar.Report // the callback signature: func(step, total int, metrics map[string]float64)
	for step := 1; step <= 3; step++ {
		report(step, 3, nil)
	}
}

// The closing "paper vs here" table of a notebook.
func ExampleRecords() {
	kernelext.SetOutput(os.TempDir(), os.Stdout)
	defer kernelext.SetOutput("", nil)
	kernelext.Records([][]string{
		{"claim", "paper", "here"},
		{"group latent R²", "0.93", "0.91"},
	})
	// Output:
	//           claim  paper  here
	// group latent R²   0.93  0.91
}
