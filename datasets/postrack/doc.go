// Package postrack reads the binary position-tracking files of Trodes-era
// video trackers (.videoPositionTracking), as shipped with the nelpy example
// data (rat hippocampus, linear track and W-maze).
//
// A file is an ASCII settings block
//
//	<Start settings>
//	clockrate: 30000
//	Fields: <time uint32><xloc uint16><yloc uint16><xloc2 uint16><yloc2 uint16>
//	<End settings>
//
// followed by fixed-size little-endian records with the listed fields. The
// time field counts ticks of the clock, so t = time / clockrate seconds.
// Positions are in camera pixels; an untracked second LED reads 0.
package postrack
