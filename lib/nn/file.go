package nn

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Save writes every tensor of m to the file at path (see Write for the
// layout), atomically: it writes a temporary file in the same directory,
// flushes it to disk and renames it over path. A crash or an error
// midway therefore leaves either the old file or the new one, never half
// of one, and no temporary file is left behind on failure.
func Save(path string, m Module) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("nn: Save %s: %w", path, err)
	}
	tmp := f.Name()
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				f.Close()
			}
			os.Remove(tmp)
			err = fmt.Errorf("nn: Save %s: %w", path, err)
		}
	}()
	if err = write(f, m); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil { // CreateTemp makes files only their owner can read
		return err
	}
	if err = f.Sync(); err != nil { // the data is on disk before the name points at it
		return err
	}
	closed = true
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir flushes a directory's entries (the rename) to disk where the
// system allows it; where it does not, the rename is still atomic.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// Load reads the file at path, written by Save, into m's tensors. The
// error says what is wrong: no such file, a file that is truncated, not a
// parameter file, of an unknown version or corrupt (checksum), or one
// that does not match m (a tensor missing or extra, or of another shape).
// m is left unchanged unless Load succeeds.
func Load(path string, m Module) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("nn: Load: no parameter file at %s", path)
	}
	if err != nil {
		return fmt.Errorf("nn: Load %s: %w", path, err)
	}
	if err := readBytes(data, m); err != nil {
		return fmt.Errorf("nn: Load %s: %w", path, err)
	}
	return nil
}
