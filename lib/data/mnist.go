package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/luoxia/aigc/lib/tensor"
)

// The size of an MNIST (or Fashion-MNIST) digit: a square of MNISTSide ×
// MNISTSide grey pixels, which a model that sees flat rows takes as
// MNISTPixels values.
const (
	MNISTSide   = 28
	MNISTPixels = MNISTSide * MNISTSide
)

// The four files of the MNIST distribution, as LeCun published them. Each
// may also be present gzipped, with ".gz" appended.
const (
	mnistTrainImages = "train-images-idx3-ubyte"
	mnistTrainLabels = "train-labels-idx1-ubyte"
	mnistTestImages  = "t10k-images-idx3-ubyte"
	mnistTestLabels  = "t10k-labels-idx1-ubyte"
)

var mnistFiles = []string{mnistTrainImages, mnistTrainLabels, mnistTestImages, mnistTestLabels}

// fixHint ends the errors of a missing or damaged data folder with what to do.
var fixHint = "point $" + MNISTEnv + " (or the command's -mnist flag) at a folder holding the four MNIST IDX files " +
	"train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (gzipped or not)"

// LoadMNIST reads the MNIST training set (60,000 digits) and test set
// (10,000 digits) from the four standard IDX files in dir, each named as
// LeCun distributes it (train-images-idx3-ubyte, train-labels-idx1-ubyte,
// t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte) with or without ".gz".
// The gzipped name is tried first. Pixels are scaled from 0..255 to [0, 1].
// It checks that images are unsigned-byte arrays of shape [N, rows, cols],
// that labels are N unsigned bytes in 0..9, and that the counts agree; errors
// name the file and say how to point the loader at good data. MNISTDir gives
// the default dir. Fashion-MNIST, which uses the same names, loads the same way.
func LoadMNIST(dir string) (train, test *Dataset, err error) {
	if train, err = loadMNISTSplit(dir, mnistTrainImages, mnistTrainLabels); err != nil {
		return nil, nil, err
	}
	if test, err = loadMNISTSplit(dir, mnistTestImages, mnistTestLabels); err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

// loadMNISTSplit reads one images file and its labels file into a Dataset.
func loadMNISTSplit(dir, imagesName, labelsName string) (*Dataset, error) {
	imagesPath, err := findMNISTFile(dir, imagesName)
	if err != nil {
		return nil, err
	}
	labelsPath, err := findMNISTFile(dir, labelsName)
	if err != nil {
		return nil, err
	}
	images, err := ReadIDXFile(imagesPath)
	if err != nil {
		return nil, fmt.Errorf("%w; the file is unreadable or damaged: %s", err, fixHint)
	}
	labels, err := ReadIDXFile(labelsPath)
	if err != nil {
		return nil, fmt.Errorf("%w; the file is unreadable or damaged: %s", err, fixHint)
	}
	if images.Type != IDXUint8 || len(images.Dims) != 3 {
		return nil, fmt.Errorf("data: %s: want MNIST images (unsigned bytes, dims [N rows cols]), found type 0x%02x with dims %v; %s",
			imagesPath, images.Type, images.Dims, fixHint)
	}
	if labels.Type != IDXUint8 || len(labels.Dims) != 1 {
		return nil, fmt.Errorf("data: %s: want MNIST labels (unsigned bytes, dims [N]), found type 0x%02x with dims %v; %s",
			labelsPath, labels.Type, labels.Dims, fixHint)
	}
	n, rows, cols := images.Dims[0], images.Dims[1], images.Dims[2]
	if labels.Dims[0] != n {
		return nil, fmt.Errorf("data: %s holds %d images but %s holds %d labels; %s",
			imagesPath, n, labelsPath, labels.Dims[0], fixHint)
	}
	ds := &Dataset{
		Images: tensor.New(n, rows*cols),
		Labels: make([]int, n),
		Rows:   rows,
		Cols:   cols,
	}
	for i, b := range labels.Data {
		if b > 9 {
			return nil, fmt.Errorf("data: %s: label %d (of %d) is %d, want a digit 0..9; %s",
				labelsPath, i, n, b, fixHint)
		}
		ds.Labels[i] = int(b)
	}
	// Scale 0..255 to [0, 1]: a lookup table makes it one load per pixel.
	var scale [256]float64
	for v := range scale {
		scale[v] = float64(v) / 255
	}
	for i, b := range images.Data {
		ds.Images.Data[i] = scale[b]
	}
	return ds, nil
}

// findMNISTFile returns the path of name.gz or name in dir, whichever exists
// (gzipped first), or an error naming both paths it looked for.
func findMNISTFile(dir, name string) (string, error) {
	gz := filepath.Join(dir, name+".gz")
	raw := filepath.Join(dir, name)
	for _, p := range []string{gz, raw} {
		fi, err := os.Stat(p)
		switch {
		case err == nil && fi.Mode().IsRegular():
			return p, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("data: MNIST file %s: %w; %s", p, err, fixHint)
		}
	}
	return "", fmt.Errorf("data: MNIST file %s not found (looked for %s and %s); %s", name, gz, raw, fixHint)
}
