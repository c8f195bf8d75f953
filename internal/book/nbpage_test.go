package book

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNotebookPage(t *testing.T) {
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 3, 3))); err != nil {
		t.Fatal(err)
	}
	b64 := base64.StdEncoding.EncodeToString(pic.Bytes())
	nb := `{"cells": [
 {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "Math $x_i$."]},
 {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": "s := \"` + "```" + `\"\nfmt.Println(s)",
  "outputs": [{"output_type": "stream", "name": "stdout", "text": ["\u001b[31m` + "```" + `\u001b[0m\n"]},
              {"output_type": "display_data", "data": {"image/png": "` + b64[:10] + `\n` + b64[10:] + `\n", "text/plain": ["<image>"]}},
              {"output_type": "execute_result", "data": {"text/plain": "42"}}]},
 {"cell_type": "code", "metadata": {}, "execution_count": 2, "source": [],
  "outputs": [{"output_type": "error", "ename": "ERROR", "evalue": "repl.go:1:1: undefined: y", "traceback": []}]}
 ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`
	dir := t.TempDir()
	path := filepath.Join(dir, "one.ipynb")
	if err := os.WriteFile(path, []byte(nb), 0o644); err != nil {
		t.Fatal(err)
	}
	page, err := notebookPage(path, "notebooks/one.ipynb", dir, "notebook")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"`notebooks/one.ipynb`",
		"# Title\n\n*The notebook", // the note follows the title
		"drew.*\n\nMath $x_i$.\n\n",
		"````go\ns := \"```\"\nfmt.Println(s)\n````\n",
		"````text\n```\n````\n", // colour codes gone, fence longer than the output's
		"![output of cell 2](notebook-2-2.png)",
		"```text\n42\n```",
		"```text\nERROR: repl.go:1:1: undefined: y\n```",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	got, err := os.ReadFile(filepath.Join(dir, "notebook-2-2.png"))
	if err != nil || !bytes.Equal(got, pic.Bytes()) {
		t.Errorf("the picture was not written as it was: %v", err)
	}
	os.WriteFile(path, []byte(strings.Replace(nb, b64[:10], "!!", 1)), 0o644)
	if _, err := notebookPage(path, "notebooks/one.ipynb", dir, "notebook"); err == nil || !strings.Contains(err.Error(), "cell 2: output 2") {
		t.Errorf("a damaged picture: %v", err)
	}
}
