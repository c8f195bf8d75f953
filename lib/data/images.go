package data

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	_ "image/png" // PNG decoding for ReadImages
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/luoxia/aigc/internal/atomicfile"
	"github.com/luoxia/aigc/lib/tensor"
)

// ReadImages loads grey-scale images for evaluation from path, which is
// either a folder of .png files (read in name order; colour is converted
// to grey) or an IDX file of images [N, rows, cols] (as WriteIDXImages
// writes, gzipped or not). Unsigned-byte pixels 0..255 are scaled to
// [0, 1]; float files are taken as they are. Every image must have the
// same size. It returns the images as rows of an [N, rows·cols] tensor.
func ReadImages(path string) (images *tensor.Tensor, rows, cols int, err error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, 0, 0, err
	}
	if info.IsDir() {
		return readPNGFolder(path)
	}
	x, err := ReadIDXFile(path)
	if err != nil {
		return nil, 0, 0, err
	}
	if len(x.Dims) != 3 {
		return nil, 0, 0, fmt.Errorf("%s: an IDX array of %d dimensions %v; images are [N, rows, cols]", path, len(x.Dims), x.Dims)
	}
	n, rows, cols := x.Dims[0], x.Dims[1], x.Dims[2]
	if n == 0 || rows == 0 || cols == 0 {
		return nil, 0, 0, fmt.Errorf("%s: no images (dimensions %v)", path, x.Dims)
	}
	v := x.Float64s()
	if x.Type == IDXUint8 {
		for i := range v {
			v[i] /= 255
		}
	}
	return tensor.FromSlice(v, n, rows*cols), rows, cols, nil
}

// readPNGFolder reads every .png file in dir.
func readPNGFolder(dir string) (*tensor.Tensor, int, int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, 0, 0, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".png") {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return nil, 0, 0, fmt.Errorf("%s: no .png images in this folder", dir)
	}
	sort.Strings(names)
	var pixels []float64
	rows, cols := 0, 0
	for i, name := range names {
		path := filepath.Join(dir, name)
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, 0, 0, err
		}
		img, _, err := image.Decode(bytes.NewReader(b))
		if err != nil {
			return nil, 0, 0, fmt.Errorf("%s: %v", path, err)
		}
		r := img.Bounds()
		if i == 0 {
			rows, cols = r.Dy(), r.Dx()
			pixels = make([]float64, 0, len(names)*rows*cols)
		} else if r.Dy() != rows || r.Dx() != cols {
			return nil, 0, 0, fmt.Errorf("%s is %d×%d pixels, but %s is %d×%d: every image must have the same size",
				path, r.Dx(), r.Dy(), filepath.Join(dir, names[0]), cols, rows)
		}
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				g := color.Gray16Model.Convert(img.At(x, y)).(color.Gray16)
				pixels = append(pixels, float64(g.Y)/0xffff)
			}
		}
	}
	return tensor.FromSlice(pixels, len(names), rows*cols), rows, cols, nil
}

// WriteIDXImages writes images [N, rows·cols] with values in [0, 1] to
// path as an IDX file of unsigned bytes [N, rows, cols] (values outside
// [0, 1] are clipped), through a temporary file and a rename, so that a
// reader never sees half a file. ReadImages and ReadIDXFile read it back.
func WriteIDXImages(path string, images *tensor.Tensor, rows, cols int) error {
	if len(images.Shape) != 2 || rows < 1 || cols < 1 || images.Shape[1] != rows*cols {
		return fmt.Errorf("data: WriteIDXImages %s: images of shape %v are not [N, %d×%d]", path, images.Shape, rows, cols)
	}
	n := images.Shape[0]
	var buf bytes.Buffer
	buf.Grow(16 + len(images.Data))
	buf.Write([]byte{0, 0, IDXUint8, 3})
	for _, d := range []int{n, rows, cols} {
		binary.Write(&buf, binary.BigEndian, uint32(d))
	}
	for _, v := range images.Data {
		buf.WriteByte(byte(math.Round(255 * math.Max(0, math.Min(1, v)))))
	}
	return atomicfile.WriteFile(path, buf.Bytes(), 0o644)
}
