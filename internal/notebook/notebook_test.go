package notebook

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const executed = `{"cells": [
 {"cell_type": "markdown", "metadata": {}, "source": "# Title"},
 {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": "x := 1",
  "outputs": [{"output_type": "stream", "name": "stdout", "text": ["ok\n"]}]},
 {"cell_type": "code", "metadata": {}, "execution_count": 2, "source": ["\n", "y := undefined + 1\n", "z := 2"],
  "outputs": [{"output_type": "error", "ename": "ERROR", "evalue": "repl.go:1:6: undefined identifier: undefined", "traceback": []}]},
 {"cell_type": "code", "metadata": {}, "execution_count": 3, "source": "panic(1)",
  "outputs": [{"output_type": "error", "ename": "ERROR", "evalue": "later", "traceback": []}]}
 ], "metadata": {"kernelspec": {"name": "luoxia"}}, "nbformat": 4, "nbformat_minor": 5}`

const clean = `{"cells": [
 {"cell_type": "markdown", "metadata": {}, "source": "# Title"},
 {"cell_type": "code", "metadata": {}, "execution_count": null, "source": "x := 1", "outputs": []}
 ], "metadata": {"kernelspec": {"name": "luoxia"}}, "nbformat": 4, "nbformat_minor": 5}`

func file(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadDirtyAndFirstError(t *testing.T) {
	nb, err := Read(file(t, "run.ipynb", executed))
	if err != nil {
		t.Fatal(err)
	}
	if nb.Metadata.KernelSpec.Name != "luoxia" || nb.Cells[2].Source != "\ny := undefined + 1\nz := 2" {
		t.Errorf("parsed %+v", nb)
	}
	dirty := nb.Dirty()
	if len(dirty) != 3 || dirty[0] != "cell 2 (x := 1): 1 outputs, execution count 1" {
		t.Errorf("Dirty() = %q", dirty)
	}
	if got, want := nb.FirstError(), "cell 3 (y := undefined + 1): ERROR: repl.go:1:6: undefined identifier: undefined"; got != want {
		t.Errorf("FirstError() = %q, want %q", got, want)
	}
	c, err := Read(file(t, "clean.ipynb", clean))
	if err != nil {
		t.Fatal(err)
	}
	if d, e := c.Dirty(), c.FirstError(); len(d) != 0 || e != "" {
		t.Errorf("a clean notebook: Dirty %q, FirstError %q", d, e)
	}
}

func TestReadRejects(t *testing.T) {
	for name, body := range map[string]string{
		"notjson.ipynb": "{",
		"v3.ipynb":      `{"cells": [], "nbformat": 3}`,
		"source.ipynb":  `{"cells": [{"cell_type": "code", "source": 7}], "nbformat": 4}`,
	} {
		p := file(t, name, body)
		if _, err := Read(p); err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: got %v, want an error naming the file", name, err)
		}
	}
}

func TestFirstLineIsShort(t *testing.T) {
	long := Text("\n   \n" + strings.Repeat("a", 100) + "\nsecond")
	if got := long.FirstLine(); len(got) != 60 || !strings.HasSuffix(got, "...") {
		t.Errorf("FirstLine() = %q", got)
	}
	if got := Text(" \n").FirstLine(); got != "empty" {
		t.Errorf("blank source: %q", got)
	}
}

// fakeJupyter writes a script that plays `jupyter nbconvert`: it copies
// the file named in $FAKE_RESULT to the --output-dir/--output it is given.
func fakeJupyter(t *testing.T) string {
	t.Helper()
	script := `#!/bin/sh
out_dir= out=
while [ $# -gt 0 ]; do
	case "$1" in
	--output-dir) out_dir=$2; shift ;;
	--output) out=$2; shift ;;
	esac
	shift
done
[ -n "$FAKE_FAIL" ] && { echo "DeadKernelError: Kernel died" >&2; exit 1; }
cp "$FAKE_RESULT" "$out_dir/$out"
`
	p := filepath.Join(t.TempDir(), "jupyter")
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRun(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("needs /bin/sh")
	}
	jup := fakeJupyter(t)
	nb := file(t, "lesson.ipynb", clean)
	ctx := context.Background()

	t.Setenv("FAKE_RESULT", file(t, "ok.ipynb", clean))
	if err := Run(ctx, nb, RunOptions{Jupyter: jup, Kernel: "luoxia"}); err != nil {
		t.Errorf("a notebook that runs: %v", err)
	}

	t.Setenv("FAKE_RESULT", file(t, "bad.ipynb", executed))
	err := Run(ctx, nb, RunOptions{Jupyter: jup})
	if err == nil || !strings.Contains(err.Error(), nb) || !strings.Contains(err.Error(), "cell 3 (y := undefined + 1)") {
		t.Errorf("a failing cell: got %v, want the notebook and cell 3 named", err)
	}

	t.Setenv("FAKE_FAIL", "1")
	err = Run(ctx, nb, RunOptions{Jupyter: jup})
	if err == nil || !strings.Contains(err.Error(), "Kernel died") || !strings.Contains(err.Error(), nb) {
		t.Errorf("a dead kernel: got %v", err)
	}

	err = Run(ctx, nb, RunOptions{Jupyter: filepath.Join(t.TempDir(), "no-jupyter")})
	if err == nil || !strings.Contains(err.Error(), "apt-get install jupyter-nbconvert") {
		t.Errorf("no jupyter: got %v, want how to install it", err)
	}
}

func TestRunTimeout(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("needs /bin/sh")
	}
	p := filepath.Join(t.TempDir(), "jupyter")
	os.WriteFile(p, []byte("#!/bin/sh\nexec sleep 10\n"), 0o755)
	nb := file(t, "slow.ipynb", clean)
	err := Run(context.Background(), nb, RunOptions{Jupyter: p, Timeout: 200 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "did not finish within") {
		t.Errorf("got %v, want a time-out naming the limit", err)
	}
}
