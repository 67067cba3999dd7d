package nbrun

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

type notebook struct {
	Cells []struct {
		CellType string            `json:"cell_type"`
		Source   json.RawMessage   `json:"source"`
		Outputs  []json.RawMessage `json:"outputs"`
	} `json:"cells"`
}

type output struct {
	OutputType string                     `json:"output_type"`
	Name       string                     `json:"name"`
	Text       json.RawMessage            `json:"text"`
	Ename      string                     `json:"ename"`
	Evalue     string                     `json:"evalue"`
	Data       map[string]json.RawMessage `json:"data"`
}

// codeCell is one code cell of an executed notebook: the first line of its source (for messages)
// and its decoded outputs.
type codeCell struct {
	Src     string
	Outputs []output
}

// codeCells decodes the code cells of an executed notebook.
func codeCells(executed []byte) ([]codeCell, error) {
	var nb notebook
	if err := json.Unmarshal(executed, &nb); err != nil {
		return nil, fmt.Errorf("nbrun: not a notebook: %w", err)
	}
	var cells []codeCell
	for _, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		cc := codeCell{Src: firstLine(multiline(c.Source))}
		for _, raw := range c.Outputs {
			var o output
			if err := json.Unmarshal(raw, &o); err != nil {
				return nil, fmt.Errorf("nbrun: code cell %d: bad output: %w", len(cells)+1, err)
			}
			cc.Outputs = append(cc.Outputs, o)
		}
		cells = append(cells, cc)
	}
	return cells, nil
}

// multiline decodes a notebook text field: a string or a list of strings.
func multiline(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var parts []string
	if json.Unmarshal(raw, &parts) == nil {
		return strings.Join(parts, "")
	}
	return ""
}

var exitStatus = regexp.MustCompile(`(?m)^exit status \d+`)

// Check returns the problems of an executed notebook: error outputs, failing shell lines
// ("exit status N" on stderr) and the absence of any figure (an image/png output or HTML holding
// an <svg> or <img>).
func Check(executed []byte) ([]string, error) {
	cells, err := codeCells(executed)
	if err != nil {
		return nil, err
	}
	var problems []string
	figures := 0
	for i, c := range cells {
		for _, o := range c.Outputs {
			switch o.OutputType {
			case "error":
				problems = append(problems, fmt.Sprintf("code cell %d (%s): error %s: %s", i+1, c.Src, o.Ename, firstLine(o.Evalue)))
			case "stream":
				if o.Name == "stderr" {
					if m := exitStatus.FindString(multiline(o.Text)); m != "" {
						problems = append(problems, fmt.Sprintf("code cell %d (%s): shell command failed (%s): %s", i+1, c.Src, m, tail(multiline(o.Text), 300)))
					}
				}
			case "display_data", "execute_result":
				if _, ok := o.Data["image/png"]; ok {
					figures++
				} else if h := multiline(o.Data["text/html"]); strings.Contains(h, "<svg") || strings.Contains(h, "<img") {
					figures++
				}
			}
		}
	}
	if figures == 0 {
		problems = append(problems, "the notebook shows no figure")
	}
	return problems, nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

// DataSkips returns the code cells of an executed notebook whose output mentions NEURODYN_DATA:
// the notebooks' convention for a section that skipped itself because a recording was not found.
func DataSkips(executed []byte) ([]string, error) {
	cells, err := codeCells(executed)
	if err != nil {
		return nil, err
	}
	var skips []string
	for i, c := range cells {
		for _, o := range c.Outputs {
			text := multiline(o.Text)
			for _, v := range o.Data {
				text += multiline(v)
			}
			if strings.Contains(text, "NEURODYN_DATA") {
				skips = append(skips, fmt.Sprintf("code cell %d (%s): skipped for missing data (%s)", i+1, c.Src, firstLine(text)))
				break
			}
		}
	}
	return skips, nil
}
