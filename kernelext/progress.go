package kernelext

import (
	"fmt"
	"html"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
)

// Progress is a live progress bar. In a notebook it updates one output block in place; outside
// it prints a line at most once per second and at the end. Its Report method has the signature
// of neurodyn's progress callbacks, so it plugs straight into a Config:
//
//	bar := kernelext.NewProgress("EM", cfg.MaxIter)
//	cfg.Progress = bar.Report
//	model, err := lds.FitEM(ctx, data, cfg)
//	bar.Done()
//
// It is safe for concurrent use.
type Progress struct {
	mu       sync.Mutex
	title    string
	total    int
	step     int
	metrics  map[string]float64
	start    time.Time
	last     time.Time
	id       string
	interval time.Duration
	done     bool
}

// NewProgress starts a progress bar for total steps (0 if unknown).
func NewProgress(title string, total int) *Progress {
	p := &Progress{title: title, total: total, start: time.Now(), interval: time.Second}
	if InNotebook() {
		p.id = "neurodyn-progress-" + gonbui.UniqueId()
		p.interval = 150 * time.Millisecond
		p.render()
	}
	return p
}

// Report records progress: step completed steps out of total (total ≤ 0 keeps the previous
// total), with optional named metrics shown beside the bar.
func (p *Progress) Report(step, total int, metrics map[string]float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.step = step
	if total > 0 {
		p.total = total
	}
	if metrics != nil {
		p.metrics = maps.Clone(metrics)
	}
	now := time.Now()
	if now.Sub(p.last) < p.interval && (p.total <= 0 || step < p.total) {
		return
	}
	p.last = now
	p.render()
}

// Increment advances the bar by one step.
func (p *Progress) Increment() {
	p.mu.Lock()
	step := p.step + 1
	p.mu.Unlock()
	p.Report(step, 0, nil)
}

// Done marks the work finished and shows the final state (elapsed time).
func (p *Progress) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return
	}
	p.done = true
	if p.total > 0 && p.step < p.total {
		p.total = p.step // stopped early (converged or cancelled): show where it ended
	}
	p.render()
	flush()
}

// Text returns the bar's current state as one line of plain text.
func (p *Progress) Text() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.line()
}

func (p *Progress) line() string {
	var b strings.Builder
	if p.title != "" {
		b.WriteString(p.title + ": ")
	}
	elapsed := time.Since(p.start)
	if p.total > 0 {
		frac := float64(p.step) / float64(p.total)
		fmt.Fprintf(&b, "%d/%d (%.0f%%)", p.step, p.total, 100*frac)
		if !p.done && p.step > 0 && p.step < p.total {
			eta := time.Duration(float64(elapsed) * (1 - frac) / frac)
			fmt.Fprintf(&b, ", ETA %s", eta.Round(100*time.Millisecond))
		}
	} else {
		fmt.Fprintf(&b, "%d steps", p.step)
	}
	fmt.Fprintf(&b, ", elapsed %s", elapsed.Round(100*time.Millisecond))
	for _, k := range slices.Sorted(maps.Keys(p.metrics)) {
		fmt.Fprintf(&b, ", %s=%.4g", k, p.metrics[k])
	}
	if p.done {
		b.WriteString(" — done")
	}
	return b.String()
}

func (p *Progress) render() {
	if !InNotebook() {
		printText(p.line())
		return
	}
	value := ""
	if p.total > 0 {
		value = fmt.Sprintf(` value="%d" max="%d"`, p.step, p.total)
	}
	gonbui.UpdateHTML(p.id, fmt.Sprintf(
		`<div class="neurodyn-progress" style="font-family:monospace;font-size:90%%"><progress style="width:40%%;vertical-align:middle"%s></progress> %s</div>`,
		value, html.EscapeString(p.line())))
}
