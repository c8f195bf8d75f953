package evaluation

import (
	"fmt"
	"image"
	"math"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// AddNoise returns a copy of images with independent Gaussian noise of
// standard deviation sigma added to every pixel, clipped back to [0, 1].
func AddNoise(images *tensor.Tensor, sigma float64, rng *tensor.RNG) *tensor.Tensor {
	out := tensor.New(images.Shape...)
	for i, v := range images.Data {
		out.Data[i] = math.Min(1, math.Max(0, v+rng.Normal(0, sigma)))
	}
	return out
}

// NoiseImages returns n images whose pixels are independent and uniform
// on [0, 1]: what a generator that learned nothing might draw.
func NoiseImages(n int, rng *tensor.RNG) *tensor.Tensor {
	return tensor.RandU(rng, 0, 1, n, data.MNISTPixels)
}

// Curve is one measured series: MNIST-FID against a setting.
type Curve struct {
	X, FID []float64
}

// ANCHOR: noise_curve

// NoiseCurve measures how MNIST-FID grows as real digits are corrupted:
// for each sigma, the FID of images plus Gaussian noise of that standard
// deviation against reference. A metric worth its name rises steadily
// with the damage; sigma = 0 gives the floor, the FID of real digits.
func (c *Classifier) NoiseCurve(images, reference *tensor.Tensor, sigmas []float64, seed uint64) (Curve, error) {
	if err := checkImages("images", images); err != nil {
		return Curve{}, err
	}
	if err := checkImages("reference", reference); err != nil {
		return Curve{}, err
	}
	rng := tensor.NewRNG(seed)
	fRef, _ := c.Embed(reference)
	out := Curve{X: sigmas}
	for _, s := range sigmas {
		f, _ := c.Embed(AddNoise(images, s, rng))
		fid, err := metrics.FID(fRef, f)
		if err != nil {
			return out, fmt.Errorf("sigma %g: %w", s, err)
		}
		out.FID = append(out.FID, fid)
	}
	return out, nil
}

// ANCHOR_END: noise_curve

// SampleSizeCurve measures the bias of FID computed from few images: for
// each n, the FID of the first n images against reference. When images
// and reference come from the same distribution (or nearly: MNIST's
// training and test digits were written by different people), most of
// the excess over the large-n floor is estimation error. It is one draw
// per n, so its trend is noisy; SampleSizeDraws measures the trend with
// several draws per n, and FitInverseN fits it.
func (c *Classifier) SampleSizeCurve(images, reference *tensor.Tensor, sizes []int) (Curve, error) {
	if err := checkImages("images", images); err != nil {
		return Curve{}, err
	}
	if err := checkImages("reference", reference); err != nil {
		return Curve{}, err
	}
	fRef, _ := c.Embed(reference)
	fImg, _ := c.Embed(images)
	var out Curve
	for _, n := range sizes {
		if n < 2 || n > images.Shape[0] {
			return out, fmt.Errorf("sample size %d: want 2 to %d (the images given)", n, images.Shape[0])
		}
		fid, err := metrics.FID(fRef, head(fImg, n))
		if err != nil {
			return out, fmt.Errorf("sample size %d: %w", n, err)
		}
		out.X = append(out.X, float64(n))
		out.FID = append(out.FID, fid)
	}
	return out, nil
}

// NoiseFigure draws a NoiseCurve, with the FID of pure noise images as a
// horizontal line for scale.
func NoiseFigure(c Curve, noiseFID float64) (image.Image, error) {
	flat := []float64{noiseFID, noiseFID}
	return plot.CurvesWith(plot.CurveOptions{
		Title:  "MNIST-FID of real digits with added Gaussian noise",
		XLabel: "noise standard deviation σ (pixels in [0, 1])",
		YLabel: "MNIST-FID (log scale)",
		LogY:   true,
	}, []plot.Series{
		{Name: "training digits + noise vs test digits", X: c.X, Y: c.FID},
		{Name: "uniform noise images vs test digits", X: []float64{c.X[0], c.X[len(c.X)-1]}, Y: flat},
	})
}

// SampleSizeFigure draws a SampleSizeCurve on log-log axes.
func SampleSizeFigure(c Curve) (image.Image, error) {
	logX := make([]float64, len(c.X))
	for i, x := range c.X {
		logX[i] = math.Log10(x)
	}
	return plot.CurvesWith(plot.CurveOptions{
		Title:  "MNIST-FID of n training digits vs the test digits",
		XLabel: "log₁₀ n (images)",
		YLabel: "MNIST-FID (log scale)",
		LogY:   true,
	}, []plot.Series{{Name: "training digits: the excess over large n is bias", X: logX, Y: c.FID}})
}
