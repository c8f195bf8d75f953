package book

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// renderMath renders every formula to HTML with KaTeX, run once by node
// on the script in tools (the folder holding package.json and the
// installed node_modules). A formula KaTeX cannot parse is an error that
// names its file and line and quotes KaTeX's message.
func renderMath(tools string, formulas []Formula) ([]string, error) {
	if len(formulas) == 0 {
		return nil, nil
	}
	in, err := json.Marshal(formulas)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("node", "katex-render.js")
	cmd.Dir = tools
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("rendering math with KaTeX (node %s): %v: %s (run npm ci in %s)", filepath.Join(tools, "katex-render.js"), err, stderr.Bytes(), tools)
	}
	var out []struct{ HTML, Error string }
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, fmt.Errorf("rendering math with KaTeX: reading its answer: %v", err)
	}
	if len(out) != len(formulas) {
		return nil, fmt.Errorf("rendering math with KaTeX: %d answers for %d formulas", len(out), len(formulas))
	}
	html := make([]string, len(out))
	var errs []string
	for i, o := range out {
		if o.Error != "" {
			f := formulas[i]
			errs = append(errs, fmt.Sprintf("%s:%d: formula %q: %s", f.File, f.Line, f.TeX, o.Error))
		}
		html[i] = o.HTML
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%d formula(s) KaTeX cannot render:\n\t%s", len(errs), strings.Join(errs, "\n\t"))
	}
	return html, nil
}
