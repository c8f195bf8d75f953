package vae

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// The figures are grids of 28×28 digits drawn 3× (84 pixels) with a
// 2-pixel separator: c columns by r rows take 86c+2 by 86r+2 pixels.
func gridSize(cols, rows int) image.Point { return image.Pt(86*cols+2, 86*rows+2) }

// greyAt is the grey level of pixel (row, col) of tile k in a grid of cols
// tiles a row.
func greyAt(img image.Image, cols, k, row, col int) uint8 {
	x := 2 + (k%cols)*86 + 3*col
	y := 2 + (k/cols)*86 + 3*row
	return color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
}

func TestFigures(t *testing.T) {
	train, _ := mnist(t)
	rng := tensor.NewRNG(1)
	m := NewMLP(784, 16, 2, rng)
	x := train.Head(8).Images

	img, err := ReconstructionFigure(m, x, 4)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got != gridSize(4, 4) {
		t.Errorf("reconstruction figure %v, want %v", got, gridSize(4, 4))
	}
	// Row 0 is digits 0-3, row 1 their reconstructions, row 2 digits 4-7.
	rec := Reconstruct(m, x)
	for _, c := range []struct {
		k, digit int
		from     *tensor.Tensor
	}{{0, 0, x}, {5, 1, rec}, {9, 5, x}, {14, 6, rec}} {
		want := uint8(255*c.from.At(c.digit, 14*28+14) + 0.5)
		if got := greyAt(img, 4, c.k, 14, 14); got != want {
			t.Errorf("tile %d, centre pixel: grey %d, want %d (digit %d)", c.k, got, want, c.digit)
		}
	}

	if img, err = SamplesFigure(m, 10, 5, tensor.NewRNG(2)); err != nil || img.Bounds().Size() != gridSize(5, 2) {
		t.Errorf("samples figure: %v, %v", img.Bounds(), err)
	}
	if img, err = ManifoldFigure(m, 6); err != nil || img.Bounds().Size() != gridSize(6, 6) {
		t.Errorf("manifold figure: %v, %v", img.Bounds(), err)
	}
	a, b := tensor.Slice(x, 0, 0, 2), tensor.Slice(x, 0, 2, 4)
	if img, err = InterpolationFigure(m, a, b, 6); err != nil || img.Bounds().Size() != gridSize(8, 2) {
		t.Fatalf("interpolation figure: %v, %v", img.Bounds(), err)
	}
	// Each row: a[i], 6 frames, b[i]; the first frame decodes μ(a[i]),
	// the last μ(b[i]): their reconstructions.
	recA, recB := Reconstruct(m, a), Reconstruct(m, b)
	for i := 0; i < 2; i++ {
		for _, c := range []struct {
			k    int
			want float64
		}{{8 * i, a.At(i, 300)}, {8*i + 1, recA.At(i, 300)}, {8*i + 6, recB.At(i, 300)}, {8*i + 7, b.At(i, 300)}} {
			if got, want := greyAt(img, 8, c.k, 300/28, 300%28), uint8(255*c.want+0.5); got != want {
				t.Errorf("interpolation row %d, tile %d: grey %d, want %d", i, c.k, got, want)
			}
		}
	}

	// What the figures refuse.
	if _, err := ManifoldFigure(NewMLP(784, 16, 3, rng), 4); err == nil {
		t.Error("a manifold of a 3-D code was drawn")
	}
	if _, err := ReconstructionFigure(m, x, 3); err == nil {
		t.Error("8 digits in rows of 3 were accepted")
	}
	if _, err := ReconstructionFigure(m, tensor.New(2, 100), 2); err == nil {
		t.Error("images of 100 pixels were accepted")
	}
	if _, err := InterpolationFigure(m, a, b, 1); err == nil {
		t.Error("an interpolation of 1 step was accepted")
	}
	if _, err := SamplesFigure(m, 0, 4, rng); err == nil {
		t.Error("0 samples were accepted")
	}
}

// TestManifoldGrid checks the codes of the manifold: quantiles of N(0, 1),
// symmetric about 0, z₁ growing to the right and z₂ upwards. A decoder
// that copies z into two pixels shows them.
func TestManifoldGrid(t *testing.T) {
	img, err := ManifoldFigure(codeDecoder{}, 4)
	if err != nil {
		t.Fatal(err)
	}
	// The quantiles of (i + ½)/4 are ±0.3186 and ±1.1503; the decoder
	// shows z/4 + ½ (a logit of log(p/(1-p)) for that p).
	q := []float64{-1.1503, -0.3186, 0.3186, 1.1503}
	for row := 0; row < 4; row++ {
		for col := 0; col < 4; col++ {
			k := row*4 + col
			z1, z2 := q[col], q[3-row]
			for pix, z := range map[int]float64{0: z1, 1: z2} {
				want := uint8(255*(z/4+0.5) + 0.5)
				if got := greyAt(img, 4, k, 0, pix); got < want-1 || got > want+1 {
					t.Errorf("tile (%d, %d), z%d: grey %d, want %d (z = %.4f)", row, col, pix+1, got, want, z)
				}
			}
		}
	}
}

// codeDecoder is a Model with a 2-D code whose decoder paints z into the
// first two pixels of the image: pixel j has probability z_j/4 + ½.
type codeDecoder struct{}

func (codeDecoder) Params() []nn.Param { return nil }
func (codeDecoder) Latent() int        { return 2 }
func (codeDecoder) Encode(x *autograd.Value) (mu, logVar *autograd.Value) {
	n := x.Shape()[0]
	return autograd.Const(tensor.New(n, 2)), autograd.Const(tensor.New(n, 2))
}
func (codeDecoder) Decode(z *autograd.Value) *autograd.Value {
	n := z.Shape()[0]
	logits := tensor.Full(-30, n, 784)
	for i := 0; i < n; i++ {
		for j := 0; j < 2; j++ {
			p := z.Data.At(i, j)/4 + 0.5
			logits.Set(math.Log(p/(1-p)), i, j)
		}
	}
	return autograd.Const(logits)
}
