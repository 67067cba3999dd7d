// Package kernelext is neurodyn's bridge to GoNB notebooks: it shows plots and figures (SVG by
// default, PNG on request), DataFrames as HTML tables, markdown with LaTeX, and live progress
// bars that plug into the progress callbacks of neurodyn's long computations
// (Config.Progress func(step, total int, metrics map[string]float64)).
//
// The same calls work outside a notebook: figures are written as files into an output directory
// ($NEURODYN_OUT, or a "neurodyn" folder in the system's temporary directory — never into the
// source tree) and tables, markdown and progress are printed as plain text, so programs and tests
// can use them unchanged.
//
// In a notebook cell:
//
//	p, _ := plotting.Lines("firing rate", "time (s)", "Hz", plotting.Series{X: t, Y: rate})
//	kernelext.Show(p)
//	kernelext.Table(df)
//	bar := kernelext.NewProgress("EM", 200)
//	cfg.Progress = bar.Report
package kernelext
