package data

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// fakeMNIST writes a miniature MNIST folder: 3 training and 2 test images of
// 2x2 pixels. gz chooses gzipped or raw files.
func fakeMNIST(t *testing.T, gz bool) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{
		mnistTrainImages: encodeIDX(IDXUint8, []int{3, 2, 2}, []byte{0, 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8}),
		mnistTrainLabels: encodeIDX(IDXUint8, []int{3}, []byte{5, 0, 9}),
		mnistTestImages:  encodeIDX(IDXUint8, []int{2, 2, 2}, []byte{255, 255, 255, 255, 0, 0, 0, 0}),
		mnistTestLabels:  encodeIDX(IDXUint8, []int{2}, []byte{7, 2}),
	}
	for name, b := range files {
		if gz {
			writeFile(t, dir, name+".gz", gzipBytes(b))
		} else {
			writeFile(t, dir, name, b)
		}
	}
	return dir
}

func TestLoadMNISTFake(t *testing.T) {
	for _, gz := range []bool{true, false} {
		train, test, err := LoadMNIST(fakeMNIST(t, gz))
		if err != nil {
			t.Fatalf("gzipped %v: %v", gz, err)
		}
		if train.Len() != 3 || test.Len() != 2 || train.Rows != 2 || train.Cols != 2 {
			t.Fatalf("gzipped %v: got %d/%d examples of %dx%d, want 3/2 of 2x2", gz, train.Len(), test.Len(), train.Rows, train.Cols)
		}
		if !reflect.DeepEqual(train.Images.Shape, []int{3, 4}) {
			t.Errorf("train.Images.Shape = %v, want [3 4]", train.Images.Shape)
		}
		wantRow0 := []float64{0, 1, 0.2, 0.4} // 0, 255, 51, 102 over 255
		for j, w := range wantRow0 {
			if math.Abs(train.Images.Data[j]-w) > 1e-15 {
				t.Errorf("pixel %d = %v, want %v", j, train.Images.Data[j], w)
			}
		}
		if !reflect.DeepEqual(train.Labels, []int{5, 0, 9}) || !reflect.DeepEqual(test.Labels, []int{7, 2}) {
			t.Errorf("labels %v %v, want [5 0 9] [7 2]", train.Labels, test.Labels)
		}
	}
}

func TestLoadMNISTErrors(t *testing.T) {
	t.Run("missing folder", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "nowhere")
		_, _, err := LoadMNIST(dir)
		wantErr(t, err, filepath.Join(dir, "train-images-idx3-ubyte.gz"), filepath.Join(dir, "train-images-idx3-ubyte"), "not found", MNISTEnv)
	})
	t.Run("missing test labels", func(t *testing.T) {
		dir := fakeMNIST(t, true)
		os.Remove(filepath.Join(dir, mnistTestLabels+".gz"))
		_, _, err := LoadMNIST(dir)
		wantErr(t, err, filepath.Join(dir, "t10k-labels-idx1-ubyte.gz"), "not found", MNISTEnv)
	})
	t.Run("truncated images", func(t *testing.T) {
		dir := fakeMNIST(t, false)
		p := writeFile(t, dir, mnistTrainImages, encodeIDX(IDXUint8, []int{3, 2, 2}, make([]byte, 5)))
		_, _, err := LoadMNIST(dir)
		wantErr(t, err, p, "truncated data", "promise 12 bytes, found 5", MNISTEnv)
	})
	t.Run("count mismatch", func(t *testing.T) {
		dir := fakeMNIST(t, true)
		p := writeFile(t, dir, mnistTrainLabels+".gz", gzipBytes(encodeIDX(IDXUint8, []int{4}, []byte{1, 2, 3, 4})))
		_, _, err := LoadMNIST(dir)
		wantErr(t, err, filepath.Join(dir, mnistTrainImages+".gz"), "holds 3 images", p, "holds 4 labels")
	})
	t.Run("label out of range", func(t *testing.T) {
		dir := fakeMNIST(t, true)
		p := writeFile(t, dir, mnistTestLabels+".gz", gzipBytes(encodeIDX(IDXUint8, []int{2}, []byte{3, 10})))
		_, _, err := LoadMNIST(dir)
		wantErr(t, err, p, "label 1 (of 2) is 10", "0..9")
	})
	t.Run("labels where images belong", func(t *testing.T) {
		dir := fakeMNIST(t, true)
		p := writeFile(t, dir, mnistTrainImages+".gz", gzipBytes(encodeIDX(IDXUint8, []int{3}, []byte{1, 2, 3})))
		_, _, err := LoadMNIST(dir)
		wantErr(t, err, p, "want MNIST images", "dims [3]")
	})
}

// The real thing: the 70,000 digits of the GoMNIST module's copy (or of
// $AIGC_MNIST_DIR). Its statistics are well known, so a reader that
// scrambles, truncates or mis-scales them fails here.
func TestLoadMNISTReal(t *testing.T) {
	dir, err := MNISTDir()
	if err != nil {
		t.Fatal(err)
	}
	train, test, err := LoadMNIST(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		ds      *Dataset
		n       int
		first   int
		classes []int // how many of each digit, as LeCun's page lists them
		mean    float64
	}{
		{"train", train, 60000, 5, []int{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, 0.1307},
		{"test", test, 10000, 7, []int{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, 0.1325},
	} {
		ds := tc.ds
		if ds.Len() != tc.n || len(ds.Labels) != tc.n || ds.Rows != 28 || ds.Cols != 28 {
			t.Fatalf("%s: %d images, %d labels of %dx%d; want %d of 28x28", tc.name, ds.Len(), len(ds.Labels), ds.Rows, ds.Cols, tc.n)
		}
		if !reflect.DeepEqual(ds.Images.Shape, []int{tc.n, 784}) {
			t.Errorf("%s: Images.Shape = %v, want [%d 784]", tc.name, ds.Images.Shape, tc.n)
		}
		if ds.Labels[0] != tc.first {
			t.Errorf("%s: first label %d, want %d", tc.name, ds.Labels[0], tc.first)
		}
		counts := make([]int, 10)
		for _, l := range ds.Labels {
			counts[l]++
		}
		if !reflect.DeepEqual(counts, tc.classes) {
			t.Errorf("%s: digit counts %v, want %v", tc.name, counts, tc.classes)
		}
		lo, hi, sum := math.Inf(1), math.Inf(-1), 0.0
		for _, v := range ds.Images.Data {
			lo, hi, sum = math.Min(lo, v), math.Max(hi, v), sum+v
		}
		mean := sum / float64(len(ds.Images.Data))
		if lo != 0 || hi != 1 {
			t.Errorf("%s: pixels span [%v, %v], want [0, 1]", tc.name, lo, hi)
		}
		if math.Abs(mean-tc.mean) > 5e-4 {
			t.Errorf("%s: mean pixel %.5f, want %.4f", tc.name, mean, tc.mean)
		}
	}
	// The first training digit is the famous 5; its centre is ink and its
	// corners are blank.
	img := train.Image(0)
	if img.At(0, 0) != 0 || img.At(27, 27) != 0 {
		t.Errorf("first digit's corners are %v and %v, want 0", img.At(0, 0), img.At(27, 27))
	}
	ink := 0
	for _, v := range img.Data {
		if v > 0.5 {
			ink++
		}
	}
	if ink < 60 || ink > 250 {
		t.Errorf("first digit has %d inked pixels of 784, want a digit's worth (60..250)", ink)
	}
}

func BenchmarkLoadMNIST(b *testing.B) {
	dir, err := MNISTDir()
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		if _, _, err := LoadMNIST(dir); err != nil {
			b.Fatal(err)
		}
	}
}
