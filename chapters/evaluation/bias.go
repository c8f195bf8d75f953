package evaluation

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

// SizeDraws is FID measured several times at each sample size: for each n,
// the mean and the standard deviation of the FIDs of Draws random sets of
// n images against the same reference, and of their KIDs
// (metrics.KID), whose estimate has no bias to shrink with n.
type SizeDraws struct {
	N              []int
	Mean, SD       []float64
	KIDMean, KIDSD []float64
	Draws          int
}

// SampleSizeDraws measures how FID depends on the number of images with
// more than one draw per size, so that the trend can be told from the
// noise of a single draw: for each n in sizes it draws n of the images at
// random (without replacement, a fresh set each draw, seeded), computes
// the FID of their features against the reference's, and records the
// mean and standard deviation over draws. The features are computed once,
// so the cost is one pass of the classifier over both sets.
func (c *Classifier) SampleSizeDraws(images, reference *tensor.Tensor, sizes []int, draws int, seed uint64) (SizeDraws, error) {
	if err := checkImages("images", images); err != nil {
		return SizeDraws{}, err
	}
	if err := checkImages("reference", reference); err != nil {
		return SizeDraws{}, err
	}
	fRef, _ := c.Embed(reference)
	fImg, _ := c.Embed(images)
	return FIDDraws(fImg, fRef, sizes, draws, seed)
}

// FIDDraws is SampleSizeDraws on features already computed: pool [N, D]
// holds the features the sets of n are drawn from, reference [M, D] the
// features every set is compared with.
func FIDDraws(pool, reference *tensor.Tensor, sizes []int, draws int, seed uint64) (SizeDraws, error) {
	if draws < 2 {
		return SizeDraws{}, fmt.Errorf("draws is %d, want at least 2 for a standard deviation", draws)
	}
	rng := tensor.NewRNG(seed)
	out := SizeDraws{Draws: draws}
	kidRef, err := metrics.NewKIDReference(reference)
	if err != nil {
		return out, err
	}
	for _, n := range sizes {
		if n < 2 || n > pool.Shape[0] {
			return out, fmt.Errorf("sample size %d: want 2 to %d (the images given)", n, pool.Shape[0])
		}
		fids, kids := make([]float64, draws), make([]float64, draws)
		for d := range fids {
			idx := rng.Perm(pool.Shape[0])[:n]
			set := tensor.Rows(pool, idx)
			fid, err := metrics.FID(reference, set)
			if err != nil {
				return out, fmt.Errorf("sample size %d, draw %d: %w", n, d+1, err)
			}
			kid, err := kidRef.KID(set)
			if err != nil {
				return out, fmt.Errorf("sample size %d, draw %d: %w", n, d+1, err)
			}
			fids[d], kids[d] = fid, kid
		}
		mean, sd := meanSD(fids)
		kmean, ksd := meanSD(kids)
		out.N = append(out.N, n)
		out.Mean = append(out.Mean, mean)
		out.SD = append(out.SD, sd)
		out.KIDMean = append(out.KIDMean, kmean)
		out.KIDSD = append(out.KIDSD, ksd)
	}
	return out, nil
}

// InverseN is the model FID(n) ≈ A + K/n: a floor A that more images do
// not remove, and a bias K/n that they do.
type InverseN struct{ A, K float64 }

// FitInverseN fits A + K/n to measured FIDs by least squares (a straight
// line in 1/n). It panics unless there are at least two distinct sizes,
// one FID each.
func FitInverseN(n []int, fid []float64) InverseN {
	if len(n) != len(fid) || len(n) < 2 {
		panic(fmt.Sprintf("evaluation: FitInverseN: %d sizes and %d FIDs, want equal counts of at least 2", len(n), len(fid)))
	}
	var mx, my float64
	for i := range n {
		mx += 1 / float64(n[i])
		my += fid[i]
	}
	mx /= float64(len(n))
	my /= float64(len(n))
	var sxy, sxx float64
	for i := range n {
		dx := 1/float64(n[i]) - mx
		sxy += dx * (fid[i] - my)
		sxx += dx * dx
	}
	if sxx == 0 {
		panic("evaluation: FitInverseN: all sizes are equal")
	}
	k := sxy / sxx
	return InverseN{A: my - k*mx, K: k}
}

// At is the fitted FID at n images.
func (f InverseN) At(n int) float64 { return f.A + f.K/float64(n) }

// LogLogSlope is the least-squares slope of log y against log x: -1 for
// y ∝ 1/x. It panics unless there are at least two distinct x, all x and
// y positive.
func LogLogSlope(x []int, y []float64) float64 {
	if len(x) != len(y) || len(x) < 2 {
		panic(fmt.Sprintf("evaluation: LogLogSlope: %d x and %d y, want equal counts of at least 2", len(x), len(y)))
	}
	lx, ly := make([]float64, len(x)), make([]float64, len(y))
	for i := range x {
		if x[i] <= 0 || y[i] <= 0 {
			panic(fmt.Sprintf("evaluation: LogLogSlope: point %d is (%d, %g), want both positive", i, x[i], y[i]))
		}
		lx[i], ly[i] = math.Log(float64(x[i])), math.Log(y[i])
	}
	mx, _ := meanSD(lx)
	my, _ := meanSD(ly)
	var sxy, sxx float64
	for i := range lx {
		sxy += (lx[i] - mx) * (ly[i] - my)
		sxx += (lx[i] - mx) * (lx[i] - mx)
	}
	if sxx == 0 {
		panic("evaluation: LogLogSlope: all x are equal")
	}
	return sxy / sxx
}

// meanSD returns the mean and the sample standard deviation (n - 1).
func meanSD(v []float64) (mean, sd float64) {
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	if len(v) < 2 {
		return mean, 0
	}
	for _, x := range v {
		sd += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(sd / float64(len(v)-1))
}
