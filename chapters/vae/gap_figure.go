package vae

import (
	"fmt"
	"image"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// GapCurves evaluates, for one image x of a one-dimensional-code PPCA
// model (x = w z + b + ε in the plane), the ELBO of Gaussians q = N(m, s²)
// over the means m, for s the posterior's standard deviation and for
// twice it, beside log p(x). It returns the means, the two ELBO curves
// and log p(x). Where the curve touches log p(x) is the posterior; the
// distance below it at every m is KL(q ‖ p(z|x)).
func GapCurves() (means, exact, wide []float64, logp float64) {
	p := NewPPCA(tensor.FromSlice([]float64{2, 1}, 2, 1), []float64{0, 0}, 0.5)
	x := []float64{1.5, 1}
	post := p.Posterior(x)
	m0, s0 := post.Mean[0], math.Sqrt(post.Cov.At(0, 0))
	logp = p.LogMarginal(x)
	for m := m0 - 1.5; m <= m0+1.5001; m += 0.02 {
		means = append(means, m)
		for _, c := range []struct {
			s   float64
			out *[]float64
		}{{s0, &exact}, {2 * s0, &wide}} {
			q := metrics.Gaussian{Mean: []float64{m}, Cov: mat.NewSymDense(1, []float64{c.s * c.s})}
			*c.out = append(*c.out, p.ELBO(x, q))
		}
	}
	return means, exact, wide, logp
}

// ELBOGapFigure draws GapCurves: the identity log p(x) = ELBO(q) +
// KL(q ‖ p(z|x)) as a picture.
func ELBOGapFigure() (image.Image, error) {
	means, exact, wide, logp := GapCurves()
	flat := make([]float64, len(means))
	for i := range flat {
		flat[i] = logp
	}
	img, err := plot.CurvesWith(plot.CurveOptions{
		Title: "log p(x) = ELBO(q) + KL(q || p(z|x))", XLabel: "mean of q(z|x)", YLabel: "nats", LegendBottom: true,
	}, []plot.Series{
		{Name: "log p(x)", X: means, Y: flat},
		{Name: "ELBO, q as wide as the posterior", X: means, Y: exact},
		{Name: "ELBO, q twice as wide", X: means, Y: wide},
	})
	if err != nil {
		return nil, fmt.Errorf("vae: ELBOGapFigure: %w", err)
	}
	return img, nil
}
