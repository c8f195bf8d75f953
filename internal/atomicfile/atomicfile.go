// Package atomicfile writes files so that a reader sees either the old
// content or the new, never part of it: the bytes go to a temporary file
// beside the target, are flushed to disk, and the temporary file is renamed
// over the target. Checkpoints, pictures and reports are all written this way.
package atomicfile

import (
	"os"
	"path/filepath"
)

// WriteFile writes data to path atomically with permissions perm. The
// folder must exist. On failure no temporary file is left behind, and the
// error comes from the step that failed (it names the file).
func WriteFile(path string, data []byte, perm os.FileMode) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	// The temporary file starts with a dot so that globs like *.png skip it.
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	// CreateTemp makes the file private (0600).
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
