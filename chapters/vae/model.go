package vae

import (
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// Model is what training, evaluation and the figures need of a VAE: an
// encoder that maps images x [N, D] to the parameters μ and log σ² [N, K]
// of q(z|x), a decoder that maps codes z [N, K] to the logits [N, D] of
// the Bernoulli p(x|z), the latent size K, and the parameters. Both the
// MLP and the convolutional VAE (Conv) are Models; each works on
// flattened images, so the loss and everything downstream of it never
// see the difference.
type Model interface {
	nn.Module
	// Encode maps images [N, D] to μ and log σ², each [N, K].
	Encode(x *autograd.Value) (mu, logVar *autograd.Value)
	// Decode maps codes [N, K] to logits [N, D].
	Decode(z *autograd.Value) *autograd.Value
	// Latent returns K, the size of the code.
	Latent() int
}

// ANCHOR: forward

// Forward runs a VAE on images x [N, D] with noise eps [N, K] (ε ~ N(0, I),
// a Const): encode, draw z = μ + σ·ε, decode. It returns what NegativeELBO
// needs.
func Forward(m Model, x, eps *autograd.Value) (logits, mu, logVar *autograd.Value) {
	mu, logVar = m.Encode(x)
	z := Reparameterize(mu, logVar, eps)
	return m.Decode(z), mu, logVar
}

// ANCHOR_END: forward

// ANCHOR: generate

// Reconstruct encodes images x [N, D] and decodes the posterior mean μ:
// the decoder's pixel probabilities σ(Decode(μ(x))), [N, D] in [0, 1]. It
// uses μ rather than a random z, so the same x always gives the same
// picture.
func Reconstruct(m Model, x *tensor.Tensor) *tensor.Tensor {
	return nn.InChunks(x, evalChunk, func(xb *autograd.Value) *tensor.Tensor {
		mu, _ := m.Encode(xb)
		return tensor.Sigmoid(m.Decode(mu).Data)
	})
}

// Sample generates n images by ancestral sampling from the model's prior:
// z ~ N(0, I), then the decoder's pixel probabilities σ(Decode(z)), [n, D]
// in [0, 1]. (Showing the probabilities, rather than drawing Bernoulli
// pixels from them, is the convention for MNIST VAEs.)
func Sample(m Model, n int, rng *tensor.RNG) *tensor.Tensor {
	return DecodeProbs(m, tensor.RandN(rng, n, m.Latent()))
}

// ANCHOR_END: generate

// DecodeProbs decodes the codes z [N, K] without recording a graph and
// returns the pixel probabilities σ(Decode(z)), [N, D] in [0, 1].
func DecodeProbs(m Model, z *tensor.Tensor) *tensor.Tensor {
	return nn.InChunks(z, evalChunk, func(zb *autograd.Value) *tensor.Tensor {
		return tensor.Sigmoid(m.Decode(zb).Data)
	})
}

// EncodeMeans returns μ(x) [N, K], the centres of q(z|x) of images x
// [N, D], without recording a graph.
func EncodeMeans(m Model, x *tensor.Tensor) *tensor.Tensor {
	return nn.InChunks(x, evalChunk, func(xb *autograd.Value) *tensor.Tensor {
		mu, _ := m.Encode(xb)
		return mu.Data
	})
}

// Evaluate returns the model's negative ELBO on the images of x [N, D],
// per image and in nats, with one z ~ q(z|x) per image drawn from rng, and
// its two terms: recon, the mean of -log p(x|z), and kl, the mean of
// KL(q(z|x) ‖ p(z)), so that negELBO = recon + kl. β plays no part: this
// is the bound on -log p(x) that the PyTorch examples' VAE reports as its
// test loss (its test() runs the model's forward pass, a sampled z and
// all, sums the loss over the 10,000 test digits and divides by 10,000).
func Evaluate(m Model, x *tensor.Tensor, rng *tensor.RNG) (negELBO, recon, kl float64) {
	n := x.Shape[0]
	nn.InChunks(x, evalChunk, func(xb *autograd.Value) *tensor.Tensor {
		eps := autograd.Const(tensor.RandN(rng, xb.Shape()[0], m.Latent()))
		logits, mu, logVar := Forward(m, xb, eps)
		_, r, k := NegativeELBO(logits, xb, mu, logVar, 1)
		recon, kl = recon+r.Item(), kl+k.Item()
		return nil
	})
	recon, kl = recon/float64(n), kl/float64(n)
	return recon + kl, recon, kl
}

// evalChunk is how many rows the functions above run through the model
// at a time, without recording a graph (nn.InChunks): enough for speed,
// few enough for memory.
const evalChunk = 1000
