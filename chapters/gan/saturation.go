package gan

import (
	"fmt"
	"image"
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// LogitGradient returns, for each logit s_i the discriminator might give
// a generated sample, the magnitude |∂L/∂s_i| of a generator loss L,
// computed by backpropagation through the loss itself. The loss is a mean
// over the batch, so the result is scaled by the batch size to give one
// sample's gradient.
func LogitGradient(loss func(fakeLogits *autograd.Value) *autograd.Value, s []float64) []float64 {
	v := autograd.Param(tensor.FromSlice(append([]float64(nil), s...), len(s), 1))
	loss(v).Backward()
	out := make([]float64, len(s))
	for i, g := range v.Grad.Data {
		out[i] = math.Abs(g) * float64(len(s))
	}
	return out
}

// SaturationFigure draws |∂L/∂s| of the minimax and the non-saturating
// generator losses against the logit s = log D/(1 − D) that the
// discriminator gives a sample, from s = −10 (D ≈ 0.00005: rejected
// confidently) to s = 5, on a log scale: the minimax loss's gradient is
// σ(s), which vanishes where the generator is losing, and the
// non-saturating loss's is 1 − σ(s), near 1 there.
func SaturationFigure() (*image.RGBA, error) {
	var s []float64
	for x := -10.0; x <= 5.0001; x += 0.1 {
		s = append(s, x)
	}
	img, err := plot.CurvesWith(plot.CurveOptions{
		Title: "the generator's gradient", XLabel: "logit s = log D(G(z)) / (1 - D(G(z)))", YLabel: "|dL/ds|",
		LogY: true, LegendBottom: true,
	}, []plot.Series{
		{Name: "minimax: log(1 - D(G(z)))", X: s, Y: LogitGradient(MinimaxGeneratorLoss, s)},
		{Name: "non-saturating: -log D(G(z))", X: s, Y: LogitGradient(NonSaturatingGeneratorLoss, s)},
	})
	if err != nil {
		return nil, fmt.Errorf("gan: SaturationFigure: %w", err)
	}
	return img, nil
}
