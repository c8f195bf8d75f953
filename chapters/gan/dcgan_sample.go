package gan

import (
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// Sample draws n images from the generator, z ~ N(0, I) from rng, and
// returns them as [n, 784] with pixels in [0, 1] (tanh's (-1, 1) mapped
// back), ready for the evaluation classifier or plot.ImageGrid.
//
// It samples in evaluation mode: BatchNorm normalises with the running
// statistics gathered in training rather than with the statistics of the
// batch being drawn, so an image depends on its own z only, not on which
// other images were drawn with it. The generator's mode is restored
// afterwards. A conditional generator draws the labels 0, 1, ..., 9, 0,
// 1, ... in turn; SampleDigits chooses them.
func (g *Generator) Sample(n int, rng *tensor.RNG) *tensor.Tensor {
	var labels []int
	if g.Classes > 0 {
		labels = make([]int, n)
		for i := range labels {
			labels[i] = i % g.Classes
		}
	}
	return g.sampleFrom(tensor.RandN(rng, n, g.ZDim), labels)
}

// sampleFrom maps noise z [n, ZDim] (and labels, for a conditional
// generator) to images [n, 784] in [0, 1], in evaluation mode and in
// chunks, without recording a graph.
func (g *Generator) sampleFrom(z *tensor.Tensor, labels []int) *tensor.Tensor {
	const chunk = 500
	n := z.Shape[0]
	out := tensor.New(n, Side*Side)
	training := g.BN0.Training()
	nn.SetTraining(g, false)
	defer nn.SetTraining(g, training)
	for lo := 0; lo < n; lo += chunk {
		hi := lo + chunk
		if hi > n {
			hi = n
		}
		var y []int
		if labels != nil {
			y = labels[lo:hi]
		}
		x := g.ForwardLabels(autograd.NoGrad(tensor.Slice(z, 0, lo, hi)), y)
		copy(out.Data[lo*Side*Side:hi*Side*Side], FromTanhRange(x.Data).Data)
	}
	return out
}
