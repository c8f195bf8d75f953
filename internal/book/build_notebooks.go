package book

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// notebookPages makes a page of every executed notebook in o.Notebooks
// and lists it in summary after its chapter's entry, as
// "NAME/notebook.md", with its pictures beside it under dst. It returns
// the new summary and the pages. Every notebook the repository has must
// be among the executed ones.
func notebookPages(o BuildOptions, dst string, summary []string) ([]string, []page, error) {
	if o.Notebooks == "" {
		return summary, nil, nil
	}
	committed, err := filepath.Glob(filepath.Join(o.Root, "notebooks", "*.ipynb"))
	if err != nil {
		return nil, nil, err
	}
	var pages []page
	for _, nb := range committed {
		name := strings.TrimSuffix(filepath.Base(nb), ".ipynb")
		run := filepath.Join(o.Notebooks, name+".executed.ipynb") // as aigc notebooks -out names them
		if _, err := os.Stat(run); err != nil {
			run = filepath.Join(o.Notebooks, name+".ipynb")
		}
		if _, err := os.Stat(run); err != nil {
			return nil, nil, fmt.Errorf("notebook %s: no executed copy %s or %s.executed.ipynb (aigc notebooks -out %s executes them)", nb, run, name, o.Notebooks)
		}
		at := -1
		for i, line := range summary {
			if strings.Contains(line, "]("+name+"/README.md)") {
				at = i
				break
			}
		}
		if at < 0 {
			return nil, nil, fmt.Errorf("notebook %s: SUMMARY.md lists no chapter %s/README.md to put it after", nb, name)
		}
		dir := filepath.Join(dst, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, nil, err
		}
		text, err := notebookPage(run, "notebooks/"+name+".ipynb", dir, "notebook")
		if err != nil {
			return nil, nil, err
		}
		line := summary[at]
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		entry := fmt.Sprintf("%s- [Notebook: %s.ipynb, run](%s/notebook.md)", indent+"    ", name, name)
		if !strings.HasPrefix(strings.TrimSpace(line), "-") {
			entry = fmt.Sprintf("%s- [Notebook: %s.ipynb, run](%s/notebook.md)", indent, name, name)
		}
		summary = append(summary[:at+1], append([]string{entry}, summary[at+1:]...)...)
		pages = append(pages, page{rel: name + "/notebook.md", from: run, text: text})
	}
	return summary, pages, nil
}
