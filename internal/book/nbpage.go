package book

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// executed is the part of an executed .ipynb file a notebook page shows.
type executed struct {
	Cells []struct {
		Type    string          `json:"cell_type"`
		Source  json.RawMessage `json:"source"`
		Outputs []struct {
			Type   string                     `json:"output_type"`
			Text   json.RawMessage            `json:"text"`
			Data   map[string]json.RawMessage `json:"data"`
			EName  string                     `json:"ename"`
			EValue string                     `json:"evalue"`
		} `json:"outputs"`
	} `json:"cells"`
}

// ansi matches terminal colour codes, which tracebacks and progress
// lines may carry.
var ansi = regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")

// multiline reads nbformat's multi-line string: a string or a list.
func multiline(raw json.RawMessage) (string, error) {
	if len(raw) == 0 {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err != nil {
		return "", err
	}
	return strings.Join(lines, ""), nil
}

// notebookPage turns an executed notebook into a Markdown page: its
// Markdown cells as they are, its code in Go blocks, and every output
// after its cell, text in plain blocks and each PNG as a file in dir named
// prefix-CELL-K.png. source is the notebook's path in the repository, for
// the page's opening line and for errors.
func notebookPage(path, source, dir, prefix string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var nb executed
	if err := json.Unmarshal(b, &nb); err != nil {
		return "", fmt.Errorf("%s: not a notebook: %v", path, err)
	}
	var page strings.Builder
	note := fmt.Sprintf("*The notebook `%s`, executed under the Go (luoxia) kernel when this book was built; every output below is what it printed and drew.*\n\n", source)
	for i, c := range nb.Cells {
		src, err := multiline(c.Source)
		if err != nil {
			return "", fmt.Errorf("%s: cell %d: %v", path, i+1, err)
		}
		if note != "" && !(c.Type == "markdown" && strings.HasPrefix(src, "# ")) {
			page.WriteString(note) // before the first cell, unless it is the title
			note = ""
		}
		switch c.Type {
		case "markdown":
			page.WriteString(strings.TrimRight(src, "\n") + "\n\n")
			if note != "" { // after the title
				title, rest, _ := strings.Cut(page.String(), "\n")
				page.Reset()
				page.WriteString(title + "\n\n" + note + rest)
				note = ""
			}
			continue
		case "code":
		default:
			continue
		}
		if strings.TrimSpace(src) != "" {
			page.WriteString(fenced("go", src))
		}
		for k, o := range c.Outputs {
			switch o.Type {
			case "stream":
				text, err := multiline(o.Text)
				if err != nil {
					return "", fmt.Errorf("%s: cell %d: output %d: %v", path, i+1, k+1, err)
				}
				page.WriteString(fenced("text", ansi.ReplaceAllString(text, "")))
			case "error":
				page.WriteString(fenced("text", ansi.ReplaceAllString(o.EName+": "+o.EValue, "")))
			case "execute_result", "display_data":
				if raw, ok := o.Data["image/png"]; ok {
					name := fmt.Sprintf("%s-%d-%d.png", prefix, i+1, k+1)
					if err := writePNG(raw, filepath.Join(dir, name)); err != nil {
						return "", fmt.Errorf("%s: cell %d: output %d: %v", path, i+1, k+1, err)
					}
					fmt.Fprintf(&page, "![output of cell %d](%s)\n\n", i+1, name)
					continue
				}
				if raw, ok := o.Data["text/plain"]; ok {
					text, err := multiline(raw)
					if err != nil {
						return "", fmt.Errorf("%s: cell %d: output %d: %v", path, i+1, k+1, err)
					}
					page.WriteString(fenced("text", text))
				}
			}
		}
	}
	return page.String(), nil
}

// fenced puts text in a code block whose fence is longer than any run of
// backticks inside it.
func fenced(lang, text string) string {
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	return fence + lang + "\n" + strings.TrimRight(text, "\n") + "\n" + fence + "\n\n"
}

// writePNG decodes an output's base64 PNG (a string or a list of lines)
// into path.
func writePNG(raw json.RawMessage, path string) error {
	s, err := multiline(raw)
	if err != nil {
		return err
	}
	png, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		return fmt.Errorf("image/png: %v", err)
	}
	if len(png) < 8 || string(png[1:4]) != "PNG" {
		return fmt.Errorf("image/png: not a PNG image")
	}
	return os.WriteFile(path, png, 0o644)
}
