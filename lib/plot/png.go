package plot

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
)

// PNG encodes a figure as PNG bytes. In a notebook,
//
//	b, err := plot.PNG(img)
//	display.PNG(b)
//
// shows it inline (a cell whose value is the image itself does too).
func PNG(img image.Image) ([]byte, error) {
	if img == nil {
		return nil, errors.New("plot: PNG: image is nil")
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("plot: PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// WritePNG writes a figure to the file at path as a PNG, atomically: it
// writes a temporary file in the same directory and renames it over path,
// so a reader (an image viewer, a web page, the book build) sees either the
// old picture or the new one, never a partial file. The directory must
// exist. Errors name path.
func WritePNG(path string, img image.Image) error {
	b, err := PNG(img)
	if err != nil {
		return fmt.Errorf("plot: writing %s: %w", path, err)
	}
	if err := writeAtomic(path, b); err != nil {
		return fmt.Errorf("plot: writing %s: %w", path, err)
	}
	return nil
}

// writeAtomic writes data to a temporary file beside path, flushes it to
// disk and renames it to path. On failure it removes the temporary file.
func writeAtomic(path string, data []byte) (err error) {
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
	// CreateTemp makes the file private (0600); a figure is for everyone.
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
