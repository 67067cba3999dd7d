// Package nbrun executes neurodyn's GoNB notebooks headlessly with Jupyter's nbconvert and checks
// the executed notebooks: any error output, any failing shell line (GoNB prints "exit status N"
// on stderr but does not fail the cell) and a notebook that shows no figure are problems.
//
// It is shared by the notebook test suite (notebooks/notebooks_test.go) and `make reproduce`
// (scripts/reproduce).
package nbrun
