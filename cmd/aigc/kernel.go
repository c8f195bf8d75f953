package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/luoxia/aigc/internal/kernel"
)

// runKernel is `aigc kernel`: it builds the Jupyter kernel (gophernotes
// with luoxia's packages compiled in) and registers it with Jupyter.
func runKernel(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("kernel", "[flags]", "Builds the gophernotes Jupyter kernel for the installed Go with luoxia's\nlib/ and chapters/ packages compiled in, and registers it as \"Go (luoxia)\".\nRun it again after changing an exported API; a warm rebuild takes seconds.", stderr)
	root := fs.String("root", ".", "the luoxia checkout whose packages go into the kernel")
	dir := fs.String("dir", "", "build folder, kept so that rebuilds take seconds (default: the user cache folder's luoxia/kernel)")
	jupyter := fs.String("jupyter", "", "Jupyter data folder to register the kernel in (default: $JUPYTER_DATA_DIR, else the per-user folder)")
	name := fs.String("name", "luoxia", "kernel name; the notebooks ask for \"luoxia\"")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if *dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return fmt.Errorf("no cache folder for the build (pass -dir): %v", err)
		}
		*dir = filepath.Join(cache, "luoxia", "kernel")
	}
	if *jupyter == "" {
		d, err := kernel.DefaultJupyterDir()
		if err != nil {
			return err
		}
		*jupyter = d
	}
	res, err := kernel.Build(kernel.Options{Root: *root, Dir: *dir, JupyterDir: *jupyter, Name: *name, Log: stdout})
	if err != nil {
		return err
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(stdout, "kernel: notebooks cannot use %s\n", s)
	}
	fmt.Fprintf(stdout, "kernel: built %s\n", res.Binary)
	if os.Getenv("JUPYTER_DATA_DIR") == "" && *jupyter != "" {
		if def, err := kernel.DefaultJupyterDir(); err == nil && def != *jupyter {
			fmt.Fprintf(stdout, "kernel: Jupyter finds it with JUPYTER_PATH=%s\n", *jupyter)
		}
	}
	fmt.Fprintln(stdout, "kernel: open the notebooks with: jupyter notebook notebooks/")
	return nil
}
