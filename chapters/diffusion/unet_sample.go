package diffusion

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

// DefaultGuidance is the guidance scale w the chapter samples a
// class-conditional UNet at unless told otherwise.
const DefaultGuidance = 1.0

// SampleChunk is how many images SampleImages draws at once: enough for
// the matrix products to run at speed, few enough to bound the memory.
const SampleChunk = 100

// SampleImages draws n images from a UNet with the sampler, from x_T drawn
// by rng, with x̂_0 clipped to the pixels' range (Clipped), and returns
// their pixels [n, Side²] in [0, 1]. labels, if not
// nil, gives each image's class (m.Cfg.Classes: none), sampled with
// classifier-free guidance at scale w; nil samples a class-conditional
// network without a label (unconditionally).
func SampleImages(m *UNet, s *Schedule, sampler Sampler, labels []int, w float64, n int, rng *tensor.RNG) (*tensor.Tensor, error) {
	if n < 1 {
		return nil, fmt.Errorf("diffusion: SampleImages: %d images; want at least 1", n)
	}
	if labels != nil && (len(labels) != n || m.Cfg.Classes == 0) {
		return nil, fmt.Errorf("diffusion: SampleImages: %d labels for %d images of a network with %d classes", len(labels), n, m.Cfg.Classes)
	}
	for _, y := range labels {
		if y < 0 || y > m.Cfg.Classes {
			return nil, fmt.Errorf("diffusion: SampleImages: label %d; want 0..%d (%d: none)", y, m.Cfg.Classes, m.Cfg.Classes)
		}
	}
	if sampler.Variance == VarianceLearned && !m.LearnsVariance() {
		return nil, fmt.Errorf("diffusion: SampleImages: %v from a network that does not learn its variance", sampler)
	}
	if sampler.Steps < 0 || sampler.Steps > s.T || (sampler.DDIM && sampler.Steps == 0) {
		return nil, fmt.Errorf("diffusion: SampleImages: %v for a schedule of %d steps", sampler, s.T)
	}
	d := m.Cfg.Side * m.Cfg.Side
	out := tensor.New(n, d)
	for lo := 0; lo < n; lo += SampleChunk {
		hi := min(lo+SampleChunk, n)
		var net Denoiser = m
		if labels != nil {
			net = Guided{M: m, Y: labels[lo:hi], W: w}
		}
		net = Clipped{M: net, S: s}
		xT := tensor.RandN(rng, hi-lo, d)
		x := sampler.Sample(net, s, xT, rng)
		copy(out.Data[lo*d:hi*d], ToPixels(x).Data)
	}
	return out, nil
}
