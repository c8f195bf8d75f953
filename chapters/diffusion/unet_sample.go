package diffusion

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

// DefaultGuidance is the guidance scale w the chapter samples the pixel
// U-Net at unless told otherwise: the smallest scale of the chapter's
// table at which the evaluation classifier reads at least 95% of its
// digits as the digit asked for, after the chapter's short training.
// Guidance buys that reliability with variety: recall falls as w grows.
const DefaultGuidance = 4.0

// DefaultLatentGuidance is the latent model's default scale: its digits
// already read as asked at w = 1, and a larger scale would only cost
// recall.
const DefaultLatentGuidance = 1.0

// SampleChunk is how many rows SampleClasses (and SampleImages) draws at
// once: enough for the matrix products to run at speed, few enough to
// bound the memory.
const SampleChunk = 100

// SampleImages draws n images from a UNet with the sampler, from x_T drawn
// by rng, with x̂_0 clipped to the pixels' range (Clipped), and returns
// their pixels [n, Side²] in [0, 1]. labels, if not nil, gives each
// image's class (m.Cfg.Classes: none), sampled with classifier-free
// guidance at scale w; nil samples a class-conditional network without a
// label (unconditionally).
func SampleImages(m *UNet, s *Schedule, sampler Sampler, labels []int, w float64, n int, rng *tensor.RNG) (*tensor.Tensor, error) {
	x, err := sampleClasses("SampleImages", m, s, sampler, labels, w, n, m.Cfg.Side*m.Cfg.Side, true, rng)
	if err != nil {
		return nil, err
	}
	return ToPixels(x), nil
}

// SampleClasses draws n samples x_0 [n, dim] from any class-conditional
// network with the sampler, from x_T drawn by rng, SampleChunk rows at a
// time. labels, if not nil, gives each row's class (m.NumClasses(): none),
// sampled with classifier-free guidance at scale w; nil samples the
// network without a label (unconditionally). Unlike SampleImages it does
// not clip x̂_0: data such as a VAE's codes has no fixed range.
func SampleClasses(m ClassDenoiser, s *Schedule, sampler Sampler, labels []int, w float64, n, dim int, rng *tensor.RNG) (*tensor.Tensor, error) {
	return sampleClasses("SampleClasses", m, s, sampler, labels, w, n, dim, false, rng)
}

// sampleClasses is SampleClasses, its errors naming the function who; clip
// samples through Clipped, for data in [−1, 1].
func sampleClasses(who string, m ClassDenoiser, s *Schedule, sampler Sampler, labels []int, w float64, n, dim int, clip bool, rng *tensor.RNG) (*tensor.Tensor, error) {
	if n < 1 || dim < 1 {
		return nil, fmt.Errorf("diffusion: %s: %d samples of %d dimensions; want at least 1 of each", who, n, dim)
	}
	classes := m.NumClasses()
	if labels != nil && (len(labels) != n || classes == 0) {
		return nil, fmt.Errorf("diffusion: %s: %d labels for %d samples of a network with %d classes", who, len(labels), n, classes)
	}
	for _, y := range labels {
		if y < 0 || y > classes {
			return nil, fmt.Errorf("diffusion: %s: label %d; want 0..%d (%d: none)", who, y, classes, classes)
		}
	}
	if sampler.Variance == VarianceLearned && !m.LearnsVariance() {
		return nil, fmt.Errorf("diffusion: %s: %v from a network that does not learn its variance", who, sampler)
	}
	if sampler.Steps < 0 || sampler.Steps > s.T || (sampler.DDIM && sampler.Steps == 0) {
		return nil, fmt.Errorf("diffusion: %s: %v for a schedule of %d steps", who, sampler, s.T)
	}
	out := tensor.New(n, dim)
	for lo := 0; lo < n; lo += SampleChunk {
		hi := min(lo+SampleChunk, n)
		var net Denoiser = m
		if labels != nil {
			net = Guided{M: m, Y: labels[lo:hi], W: w}
		}
		if clip {
			net = Clipped{M: net, S: s}
		}
		xT := tensor.RandN(rng, hi-lo, dim)
		x := sampler.Sample(net, s, xT, rng)
		copy(out.Data[lo*dim:hi*dim], x.Data)
	}
	return out, nil
}
