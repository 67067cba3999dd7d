package plotting

import (
	"fmt"

	"gonum.org/v1/plot"
)

// LogLog draws series on logarithmic x and y axes (e.g. power spectra, ranked eigenvalues).
// Points with x ≤ 0 or y ≤ 0 cannot be shown on log axes and are dropped.
func LogLog(title, xlabel, ylabel string, series ...Series) (*plot.Plot, error) {
	p := New(title, xlabel, ylabel)
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = LogTicks{}, LogTicks{}
	for i, s := range series {
		var x, y []float64
		for k, v := range s.Y {
			xv := float64(k + 1)
			if s.X != nil {
				if len(s.X) != len(s.Y) {
					return nil, fmt.Errorf("plotting: LogLog: series %q: len(X) = %d but len(Y) = %d", s.Name, len(s.X), len(s.Y))
				}
				xv = s.X[k]
			}
			if xv > 0 && v > 0 {
				x, y = append(x, xv), append(y, v)
			}
		}
		if err := addLine(p, i, Series{Name: s.Name, X: x, Y: y}); err != nil {
			return nil, err
		}
	}
	return p, nil
}
