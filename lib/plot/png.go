package plot

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"

	"github.com/luoxia/aigc/internal/atomicfile"
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
	if err := atomicfile.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("plot: writing %s: %w", path, err)
	}
	return nil
}
