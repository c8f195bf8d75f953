package metrics

import (
	"fmt"
	"math"
)

// ANCHOR: likelihood

// Perplexity is exp(meanNLL), for a mean negative log-likelihood in nats
// per token (natural logarithms, averaged over every token of the held-out
// text). It reads as a number of choices: a model as uncertain as a fair
// pick among V tokens has mean NLL ln V and perplexity V; a model sure of
// every token has perplexity 1. Perplexities are comparable only between
// models that share a tokenizer, since the same text split into more
// tokens has a lower NLL per token.
func Perplexity(meanNLL float64) float64 {
	return math.Exp(meanNLL)
}

// BitsPerDim converts the negative log-likelihood of one example, in nats,
// to bits per dimension: nllNats / (dims · ln 2), where dims counts the
// values in the example (28·28 = 784 for an MNIST digit, 32·32·3 for a
// CIFAR-10 image). Uniform 8-bit pixels, NLL = dims · ln 256, give exactly
// 8. The NLL must be that of the discrete data: a density over pixels
// rescaled to [0, 1] must first add dims · ln 256, the log-volume of one
// intensity bin. An ELBO gives an upper bound the same way. BitsPerDim
// panics if dims is not positive.
func BitsPerDim(nllNats float64, dims int) float64 {
	if dims <= 0 {
		panic(fmt.Sprintf("metrics: BitsPerDim: dims = %d, must be positive", dims))
	}
	return nllNats / (float64(dims) * math.Ln2)
}

// ANCHOR_END: likelihood
