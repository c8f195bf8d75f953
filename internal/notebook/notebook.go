// Package notebook reads Jupyter notebooks (nbformat 4), checks that they
// are committed clean (no outputs), and executes them headless through
// jupyter nbconvert, reporting the first failing cell by number.
package notebook

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Notebook is the part of an .ipynb file these checks read.
type Notebook struct {
	Cells         []Cell `json:"cells"`
	NBFormat      int    `json:"nbformat"`
	Metadata      Meta   `json:"metadata"`
	NBFormatMinor int    `json:"nbformat_minor"`
}

// Meta is a notebook's metadata: which kernel runs it.
type Meta struct {
	KernelSpec struct {
		Name        string `json:"name"`
		DisplayName string `json:"display_name"`
	} `json:"kernelspec"`
}

// Cell is one notebook cell.
type Cell struct {
	Type           string   `json:"cell_type"`
	Source         Text     `json:"source"`
	Outputs        []Output `json:"outputs"`
	ExecutionCount *int     `json:"execution_count"`
}

// Output is one output of a code cell.
type Output struct {
	Type  string `json:"output_type"`
	Name  string `json:"name"` // stdout or stderr, for streams
	Text  Text   `json:"text"`
	EName string `json:"ename"`
	Value string `json:"evalue"`
}

// Text is nbformat's multi-line string: a string or a list of lines.
type Text string

// UnmarshalJSON accepts both of nbformat's spellings.
func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = Text(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(b, &lines); err != nil {
		return fmt.Errorf("want a string or a list of strings: %v", err)
	}
	*t = Text(strings.Join(lines, ""))
	return nil
}

// Read parses the notebook at path.
func Read(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var nb Notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		return nil, fmt.Errorf("%s: not a notebook: %v", path, err)
	}
	if nb.NBFormat != 4 {
		return nil, fmt.Errorf("%s: nbformat %d, want 4", path, nb.NBFormat)
	}
	return &nb, nil
}

// Dirty lists, for each code cell that carries outputs or an execution
// count, a line naming the cell (numbered from 1, as Jupyter shows them
// in order) and its first line of source. A notebook is committed clean
// so that diffs show only what a person wrote.
func (nb *Notebook) Dirty() []string {
	var bad []string
	for i, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		var what []string
		if len(c.Outputs) > 0 {
			what = append(what, fmt.Sprintf("%d outputs", len(c.Outputs)))
		}
		if c.ExecutionCount != nil {
			what = append(what, fmt.Sprintf("execution count %d", *c.ExecutionCount))
		}
		if len(what) > 0 {
			bad = append(bad, fmt.Sprintf("cell %d (%s): %s", i+1, c.Source.FirstLine(), strings.Join(what, ", ")))
		}
	}
	return bad
}

// FirstLine is the first non-blank line of t, shortened for messages.
func (t Text) FirstLine() string {
	for _, line := range strings.Split(string(t), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			if len(line) > 60 {
				line = line[:57] + "..."
			}
			return line
		}
	}
	return "empty"
}

// FirstError returns a message naming the first code cell whose outputs
// hold an error, with the error text, or "" when every cell ran cleanly.
func (nb *Notebook) FirstError() string {
	for i, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		for _, o := range c.Outputs {
			if o.Type == "error" {
				return fmt.Sprintf("cell %d (%s): %s: %s", i+1, c.Source.FirstLine(), o.EName, o.Value)
			}
		}
	}
	return ""
}
