package nn

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// Why initialisation matters: a unit y = Σ_i w_i·x_i of fan_in inputs with
// independent zero-mean weights of variance Var(w) has
//
//	Var(y) = fan_in · Var(w) · E[x²]
//
// so unless fan_in·Var(w) is about 1, activations grow or shrink by that
// factor at every layer and a deep network's signal (and, run backwards,
// its gradient) explodes or vanishes. Each scheme below picks Var(w) to
// keep that factor near 1 under its own assumption about the activation.
// All of them fill a tensor in place from a seeded RNG, so the same seed
// gives the same network.

// Fans returns the fan-in and fan-out of a weight tensor: how many inputs
// feed each output unit and how many outputs each input feeds.
//
//   - A Linear weight [in, out] has fan_in = in and fan_out = out.
//   - A convolution weight [F, C, KH, KW] (F filters over C channels) has
//     fan_in = C·KH·KW and fan_out = F·KH·KW.
//
// A ConvTranspose2d weight [Cin, Cout, KH, KW] is read by the convolution
// rule too (fan_in = Cout·KH·KW), as PyTorch reads it: that is the fan-in
// of the convolution it transposes. It panics for fewer than two axes.
func Fans(shape []int) (fanIn, fanOut int) {
	switch {
	case len(shape) == 2:
		return shape[0], shape[1]
	case len(shape) > 2:
		receptive := 1
		for _, d := range shape[2:] {
			receptive *= d
		}
		return shape[1] * receptive, shape[0] * receptive
	}
	panic(fmt.Sprintf("nn: Fans of shape %v: want a weight with at least two axes", shape))
}

// XavierUniform fills w from U(-a, a) with a = √(6/(fan_in+fan_out)), whose
// variance a²/3 is Glorot & Bengio's (2010) compromise between keeping the
// forward signal (fan_in·Var = 1) and the backward gradient (fan_out·Var = 1)
// steady, for tanh-like activations:
//
//	Var(w) = 2/(fan_in + fan_out)
func XavierUniform(w *tensor.Tensor, rng *tensor.RNG) {
	fanIn, fanOut := Fans(w.Shape)
	a := math.Sqrt(6 / float64(fanIn+fanOut))
	fillUniform(w, a, rng)
}

// XavierNormal fills w from N(0, σ²) with Glorot & Bengio's variance:
//
//	σ² = 2/(fan_in + fan_out)
func XavierNormal(w *tensor.Tensor, rng *tensor.RNG) {
	fanIn, fanOut := Fans(w.Shape)
	sigma := math.Sqrt(2 / float64(fanIn+fanOut))
	fillNormal(w, sigma, rng)
}

// HeNormal fills w from N(0, σ²) with He et al.'s (2015) variance for ReLU
// networks. ReLU zeroes half of its inputs, halving E[x²], so the weights
// make up for it with twice the variance 1/fan_in:
//
//	σ² = 2/fan_in
func HeNormal(w *tensor.Tensor, rng *tensor.RNG) {
	fanIn, _ := Fans(w.Shape)
	sigma := math.Sqrt(2 / float64(fanIn))
	fillNormal(w, sigma, rng)
}

// HeUniform fills w from U(-a, a) with a = √(6/fan_in), which has He's
// variance a²/3 = 2/fan_in.
func HeUniform(w *tensor.Tensor, rng *tensor.RNG) {
	fanIn, _ := Fans(w.Shape)
	a := math.Sqrt(6 / float64(fanIn))
	fillUniform(w, a, rng)
}

// Normal fills t from N(0, σ²) with a chosen σ: DCGAN (Radford et al.
// 2015) initialises every weight with σ = 0.02, GPT-2 too.
func Normal(t *tensor.Tensor, sigma float64, rng *tensor.RNG) { fillNormal(t, sigma, rng) }

// Uniform fills t from U(-a, a).
func Uniform(t *tensor.Tensor, a float64, rng *tensor.RNG) { fillUniform(t, a, rng) }

func fillUniform(t *tensor.Tensor, a float64, rng *tensor.RNG) {
	for i := range t.Data {
		t.Data[i] = rng.Uniform(-a, a)
	}
}

func fillNormal(t *tensor.Tensor, sigma float64, rng *tensor.RNG) {
	for i := range t.Data {
		t.Data[i] = rng.Normal(0, sigma)
	}
}

// defaultInit is how Linear and the convolutions start: W and b from
// U(-1/√fan_in, 1/√fan_in), PyTorch's default. Its variance 1/(3·fan_in) is
// on the small side for deep ReLU stacks (use HeNormal there), but it is
// what the reference implementations of the papers this book follows were
// trained with, so their learning rates carry over. Random biases, not
// zero ones, follow the same convention.
func defaultInit(w, b *tensor.Tensor, fanIn int, rng *tensor.RNG) {
	bound := 1 / math.Sqrt(float64(fanIn))
	fillUniform(w, bound, rng)
	fillUniform(b, bound, rng)
}
