// Package plotting builds the figures neurodyn's notebooks and programs draw: traces of many
// channels, spike rasters, latent trajectories, flow fields with fixed points, eigenvalues in the
// complex plane, heatmaps with a colour bar, log-log spectra and multi-panel figures.
//
// Every builder returns a *plot.Plot (gonum.org/v1/plot) or a *Figure (a grid of plots), styled
// consistently (fonts, colour cycle, line widths), so callers can keep adding to it with the
// ordinary gonum/plot API before showing it (kernelext.Show) or saving it (Figure.Save,
// plot.Save).
package plotting
