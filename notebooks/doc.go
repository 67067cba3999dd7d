// Package notebooks holds neurodyn's GoNB notebooks (one per paper, plus the getting-started
// tour) and their test suite: every notebook is executed headlessly with Jupyter's nbconvert and
// fails on any error output, any failing shell line, or the absence of a figure. See README.md in
// this folder for how to write and run a notebook.
package notebooks
