package data

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	_ "image/png" // PNG decoding for ReadImages
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/luoxia/aigc/internal/atomicfile"
	"github.com/luoxia/aigc/lib/tensor"
)

// Limits on the images ReadImages accepts, checked from the files' headers
// before any pixel is read, so that a small file declaring a huge image
// (a PNG header is free to claim 30000×30000) is refused at once.
const (
	// MaxImageSide is the most rows or columns an image may have.
	MaxImageSide = 4096
	// MaxImagePixels is the most pixels all the images may hold together:
	// 64 Mi, half a gigabyte as float64 (MNIST's 60,000 training digits
	// are 47 Mi).
	MaxImagePixels = 1 << 26
)

// ReadImages loads grey-scale images for evaluation from path, which is
// either a folder of .png files (read in name order; colour is converted
// to grey) or an IDX file of images [N, rows, cols] (as WriteIDXImages
// writes, gzipped or not). Unsigned-byte pixels 0..255 are scaled to
// [0, 1]; float files are taken as they are. Every image must have the
// same size, at most MaxImageSide on a side and MaxImagePixels in all.
// It returns the images as rows of an [N, rows·cols] tensor.
func ReadImages(path string) (images *tensor.Tensor, rows, cols int, err error) {
	return readImages(path, 0, 0)
}

// ReadImagesSized is ReadImages for images that must be rows×cols pixels
// (28×28 for MNIST's classifier): the size in each file's header is
// compared with it before the file's pixels are read.
func ReadImagesSized(path string, rows, cols int) (*tensor.Tensor, error) {
	if rows < 1 || cols < 1 {
		return nil, fmt.Errorf("data: ReadImagesSized %s: size %d×%d, want at least 1×1", path, cols, rows)
	}
	images, _, _, err := readImages(path, rows, cols)
	return images, err
}

// readImages does ReadImages' work; wantRows and wantCols, if not 0, are
// the size every image must have.
func readImages(path string, wantRows, wantCols int) (*tensor.Tensor, int, int, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, 0, 0, err
	}
	if info.IsDir() {
		return readPNGFolder(path, wantRows, wantCols)
	}
	x, err := readIDXFile(path, func(_ byte, dims []int) error {
		if len(dims) != 3 {
			return fmt.Errorf("an IDX array of %d dimensions %v; images are [N, rows, cols]", len(dims), dims)
		}
		return checkImageSize(dims[0], dims[1], dims[2], wantRows, wantCols)
	})
	if err != nil {
		return nil, 0, 0, err
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

// checkImageSize checks n images of rows×cols against the wanted size (if
// not 0) and the limits.
func checkImageSize(n, rows, cols, wantRows, wantCols int) error {
	if wantRows > 0 && (rows != wantRows || cols != wantCols) {
		return fmt.Errorf("images are %d×%d pixels, want %d×%d", cols, rows, wantCols, wantRows)
	}
	if rows > MaxImageSide || cols > MaxImageSide {
		return fmt.Errorf("images of %d×%d pixels are larger than the %d×%d this reader accepts", cols, rows, MaxImageSide, MaxImageSide)
	}
	if int64(n)*int64(rows)*int64(cols) > MaxImagePixels {
		return fmt.Errorf("%d images of %d×%d pixels are more than the %d pixels this reader accepts in all", n, cols, rows, MaxImagePixels)
	}
	return nil
}

// readPNGFolder reads every .png file in dir. Each file's header is read
// first (image.DecodeConfig), and its size checked, before it is decoded.
func readPNGFolder(dir string, wantRows, wantCols int) (*tensor.Tensor, int, int, error) {
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
		img, err := decodePNG(path, func(c image.Config) error {
			if i == 0 {
				if err := checkImageSize(len(names), c.Height, c.Width, wantRows, wantCols); err != nil {
					return err
				}
				rows, cols = c.Height, c.Width
			} else if c.Height != rows || c.Width != cols {
				return fmt.Errorf("%d×%d pixels, but %s is %d×%d: every image must have the same size",
					c.Width, c.Height, filepath.Join(dir, names[0]), cols, rows)
			}
			return nil
		})
		if err != nil {
			return nil, 0, 0, err
		}
		if i == 0 {
			pixels = make([]float64, 0, len(names)*rows*cols)
		}
		r := img.Bounds()
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				g := color.Gray16Model.Convert(img.At(x, y)).(color.Gray16)
				pixels = append(pixels, float64(g.Y)/0xffff)
			}
		}
	}
	return tensor.FromSlice(pixels, len(names), rows*cols), rows, cols, nil
}

// decodePNG decodes the image at path once check has accepted the size its
// header declares. Errors name the path.
func decodePNG(path string, check func(image.Config) error) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c, _, err := image.DecodeConfig(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if err := check(c); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	img, _, err := image.Decode(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if b := img.Bounds(); b.Dx() != c.Width || b.Dy() != c.Height {
		return nil, fmt.Errorf("%s: decoded %d×%d pixels, its header declared %d×%d", path, b.Dx(), b.Dy(), c.Width, c.Height)
	}
	return img, nil
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
