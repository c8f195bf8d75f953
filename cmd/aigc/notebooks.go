package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/luoxia/aigc/internal/notebook"
)

// runNotebooks is `aigc notebooks`: it executes notebooks headless under
// the luoxia kernel and fails on the first cell that errs.
func runNotebooks(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("notebooks", "[flags] [notebook.ipynb | folder ...]", "Executes each notebook (default: every notebooks/*.ipynb) headless with\njupyter nbconvert under the kernel `aigc kernel` registered, and stops at\nthe first failing cell, naming notebook and cell. Notebooks must be\ncommitted without outputs; one that carries outputs fails before it runs.", stderr)
	kernelName := fs.String("kernel", "luoxia", "the kernel to run them with")
	cellTimeout := fs.Duration("cell-timeout", 5*time.Minute, "time limit for one cell")
	timeout := fs.Duration("timeout", 15*time.Minute, "time limit for one notebook")
	keep := fs.String("out", "", "keep the executed copies in this folder")
	if err := parseFlags(fs, args, -1); err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"notebooks"}
	}
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return err
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		found, err := filepath.Glob(filepath.Join(p, "*.ipynb"))
		if err != nil {
			return err
		}
		if len(found) == 0 {
			return fmt.Errorf("%s: no .ipynb notebooks in this folder", p)
		}
		files = append(files, found...)
	}
	for _, f := range files {
		if !strings.HasSuffix(f, ".ipynb") {
			return fmt.Errorf("%s: not a notebook (.ipynb)", f)
		}
		nb, err := notebook.Read(f)
		if err != nil {
			return err
		}
		if dirty := nb.Dirty(); len(dirty) > 0 {
			return fmt.Errorf("%s is committed with outputs (clear them: Kernel > Restart & Clear Output, then save):\n\t%s", f, strings.Join(dirty, "\n\t"))
		}
	}
	for _, f := range files {
		start := time.Now()
		err := notebook.Run(context.Background(), f, notebook.RunOptions{
			Kernel: *kernelName, CellTimeout: *cellTimeout, Timeout: *timeout, OutDir: *keep,
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "ok   %s (%.0f s)\n", f, time.Since(start).Seconds())
	}
	return nil
}
