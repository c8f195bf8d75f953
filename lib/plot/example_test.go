package plot_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// Sixteen 28x28 digits in four columns. Tiles are scaled 3x to 84 pixels
// (the smallest factor reaching MinTile = 64) and separated by 2-pixel
// lines, including the border: 4*84 + 5*2 = 346 pixels each way.
func ExampleImageGrid() {
	digits := tensor.New(16, 28*28) // as an MLP sees MNIST: one flat row per image
	grid, err := plot.ImageGrid(digits, 4)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(grid.Bounds().Dx(), "x", grid.Bounds().Dy())
	// Output:
	// 346 x 346
}

// A generator that ends in tanh produces values in [-1, 1]: -1 is drawn
// black, 0 mid grey and 1 white.
func ExampleImageGridRange() {
	samples := tensor.FromSlice([]float64{-1, 0, 1}, 3, 1, 1, 1) // three 1x1 grey images
	grid, err := plot.ImageGridRange(samples, 3, -1, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for k := 0; k < 3; k++ {
		x := plot.DefaultPad + k*(plot.MinTile+plot.DefaultPad) // tile k's left edge
		fmt.Print(grid.RGBAAt(x, plot.DefaultPad).R, " ")
	}
	fmt.Println()
	// Output:
	// 0 128 255
}

// Without scaling and with 1-pixel lines, ten 28x28 images in a
// near-square grid (4 columns, 3 rows) take 4*28+5 by 3*28+4 pixels; the
// last two tiles stay grey.
func ExampleImageGridWith() {
	images := tensor.New(10, 1, 28, 28)
	grid, err := plot.ImageGridWith(images, plot.GridOptions{Scale: 1, Pad: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(grid.Bounds().Dx(), "x", grid.Bounds().Dy())
	// Output:
	// 117 x 88
}

// A reshaped batch that is not made of square images is an error, not a
// panic or a wrong picture.
func ExampleImageGrid_error() {
	_, err := plot.ImageGrid(tensor.New(8, 10), 4)
	fmt.Println(err)
	// Output:
	// plot: ImageGrid: shape [8 10]: 10 values per image is not a square image; reshape to [N, H, W]
}

func ExampleMovingAverage() {
	loss := []float64{4, 2, 3, 1, 2, 0}
	fmt.Println(plot.MovingAverage(loss, 3))
	// Output:
	// [3 3 2 2 1 1]
}

// Two loss curves; X is nil, so the x axis counts steps.
func ExampleCurves() {
	d, g := make([]float64, 100), make([]float64, 100)
	for i := range d {
		d[i] = 0.7 + 0.5*math.Exp(-float64(i)/20)
		g[i] = 0.9 + 3*math.Exp(-float64(i)/30)
	}
	img, err := plot.Curves("GAN training", "step", "loss", []plot.Series{
		{Name: "discriminator", Y: d},
		{Name: "generator", Y: g},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(img.Bounds().Dx(), "x", img.Bounds().Dy())
	// Output:
	// 640 x 420
}

// Noisy losses read better smoothed; a loss that falls exponentially is a
// straight line on a log axis.
func ExampleCurvesWith() {
	loss := make([]float64, 1000)
	for i := range loss {
		loss[i] = 5*math.Exp(-float64(i)/200) + 0.05*(1+math.Sin(float64(i)*7))
	}
	img, err := plot.CurvesWith(plot.CurveOptions{
		Title: "VAE loss", XLabel: "step", YLabel: "loss",
		Smooth: 50, LogY: true, Width: 480, Height: 320,
	}, []plot.Series{{Name: "train", Y: loss}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(img.Bounds().Dx(), "x", img.Bounds().Dy())
	// Output:
	// 480 x 320
}

// Real data and generated samples on the same, equally scaled axes.
func ExampleScatter() {
	real := tensor.New(8, 2) // eight points on the unit circle
	for i := 0; i < 8; i++ {
		a := float64(i) * math.Pi / 4
		real.Set(math.Cos(a), i, 0)
		real.Set(math.Sin(a), i, 1)
	}
	fake := tensor.FromSlice([]float64{0.1, 0.2, -0.3, 0.5, 0.9, -0.1}, 3, 2)
	img, err := plot.Scatter("eight points", []plot.Points{
		{Name: "data", XY: real},
		{Name: "generated", XY: fake},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(img.Bounds().Dx(), "x", img.Bounds().Dy())
	// Output:
	// 560 x 560
}

// Any gonum plot, here a histogram, becomes a figure like the others.
func ExampleRender() {
	p := gplot.New()
	p.Title.Text = "latent values"
	h, err := plotter.NewHist(plotter.Values{-1.2, -0.3, 0.1, 0.2, 0.4, 1.5}, 4)
	if err != nil {
		fmt.Println(err)
		return
	}
	p.Add(h)
	img, err := plot.Render(p, 320, 240)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(img.Bounds().Dx(), "x", img.Bounds().Dy())
	// Output:
	// 320 x 240
}

// A figure becomes PNG bytes for a notebook (display.PNG(b)) or a file for
// the command line.
func ExampleWritePNG() {
	grid, err := plot.ImageGrid(tensor.New(4, 8, 8), 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := plot.PNG(grid)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q\n", b[1:4]) // every PNG starts "\x89PNG"

	dir, err := os.MkdirTemp("", "figures")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	if err := plot.WritePNG(filepath.Join(dir, "grid.png"), grid); err != nil {
		fmt.Println(err)
		return
	}
	err = plot.WritePNG(filepath.Join(dir, "missing", "grid.png"), grid)
	fmt.Println(err != nil)
	// Output:
	// "PNG"
	// true
}
