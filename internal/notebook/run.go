package notebook

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// RunOptions says how to execute a notebook.
type RunOptions struct {
	Jupyter     string        // the jupyter command
	Kernel      string        // kernel name, overriding the notebook's metadata when set
	CellTimeout time.Duration // limit for each cell
	Timeout     time.Duration // limit for the whole notebook
	OutDir      string        // where the executed copy goes (a temporary folder when empty)
}

// Run executes the notebook at path headless with jupyter nbconvert and
// returns nil if every cell ran, or an error naming the notebook and the
// first failing cell. The notebook itself is not modified: the executed
// copy is written to o.OutDir (or a temporary folder that is removed).
func Run(ctx context.Context, path string, o RunOptions) error {
	if o.Jupyter == "" {
		o.Jupyter = "jupyter"
	}
	if _, err := exec.LookPath(o.Jupyter); err != nil {
		return fmt.Errorf("%s: cannot run %s (install Jupyter: on Debian, apt-get install jupyter-nbconvert python3-nbclient jupyter-client): %v", path, o.Jupyter, err)
	}
	if o.CellTimeout <= 0 {
		o.CellTimeout = 10 * time.Minute
	}
	if o.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.Timeout)
		defer cancel()
	}
	outDir := o.OutDir
	if outDir == "" {
		tmp, err := os.MkdirTemp("", "aigc-notebook-*")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		outDir = tmp
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	name := strings.TrimSuffix(filepath.Base(path), ".ipynb") + ".executed.ipynb"
	args := []string{"nbconvert", "--to", "notebook", "--execute", "--allow-errors",
		fmt.Sprintf("--ExecutePreprocessor.timeout=%d", int(o.CellTimeout.Seconds())),
		"--output-dir", outDir, "--output", name}
	if o.Kernel != "" {
		args = append(args, "--ExecutePreprocessor.kernel_name="+o.Kernel)
	}
	args = append(args, abs)
	cmd := exec.CommandContext(ctx, o.Jupyter, args...)
	// Cells run with the notebook's folder as working directory, as they
	// do when a reader opens it in Jupyter.
	cmd.Dir = filepath.Dir(abs)
	out, err := cmd.CombinedOutput()
	if ctx.Err() == context.DeadlineExceeded {
		return fmt.Errorf("%s: did not finish within %v", path, o.Timeout)
	}
	if err != nil {
		return fmt.Errorf("%s: jupyter nbconvert failed: %v\n%s", path, err, tail(string(out), 30))
	}
	nb, err := Read(filepath.Join(outDir, name))
	if err != nil {
		return fmt.Errorf("%s: reading the executed copy: %v", path, err)
	}
	if msg := nb.FirstError(); msg != "" {
		return fmt.Errorf("%s: %s", path, msg)
	}
	return nil
}

// tail keeps the last n lines of s: where nbconvert says what went wrong.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
