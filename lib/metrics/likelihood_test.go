package metrics

import (
	"math"
	"strings"
	"testing"
)

func TestPerplexityUniform(t *testing.T) {
	// A uniform model over V tokens puts probability 1/V on every token:
	// NLL = -ln(1/V) = ln V per token, perplexity e^(ln V) = V.
	for _, v := range []float64{2, 10, 256, 50257} {
		if got := Perplexity(math.Log(v)); math.Abs(got-v) > 1e-9*v {
			t.Errorf("Perplexity(ln %g) = %.17g, want %g", v, got, v)
		}
	}
	// Certainty: NLL 0, one choice.
	if got := Perplexity(0); got != 1 {
		t.Errorf("Perplexity(0) = %v, want 1", got)
	}
	// Mean NLL of tokens with probabilities 1/2 and 1/8: (ln 2 + ln 8)/2 =
	// ln 4, so perplexity 4: the geometric mean of 2 and 8 choices.
	if got := Perplexity((math.Log(2) + math.Log(8)) / 2); !textClose(got, 4) {
		t.Errorf("Perplexity of 1/2 and 1/8 = %.17g, want 4", got)
	}
}

func TestBitsPerDim(t *testing.T) {
	// Uniform 8-bit pixels: each of the 784 values of an MNIST digit has
	// probability 1/256, so NLL = 784 · ln 256 nats = 784 · 8 · ln 2, and
	// bits per dimension = 8.
	if got := BitsPerDim(784*math.Log(256), 784); !textClose(got, 8) {
		t.Errorf("BitsPerDim(uniform 8-bit MNIST) = %.17g, want 8", got)
	}
	// A binary image modelled by fair coins: 1 bit per pixel.
	if got := BitsPerDim(3072*math.Ln2, 3072); !textClose(got, 1) {
		t.Errorf("BitsPerDim(fair coins) = %.17g, want 1", got)
	}
	// Bits per token and perplexity agree: log2(perplexity 4) = 2 bits, for
	// a sequence of 10 tokens with total NLL 10 · ln 4.
	if got := BitsPerDim(10*math.Log(4), 10); !textClose(got, math.Log2(Perplexity(math.Log(4)))) || !textClose(got, 2) {
		t.Errorf("BitsPerDim(10 ln 4, 10) = %.17g, want 2", got)
	}
	if got := BitsPerDim(0, 5); got != 0 {
		t.Errorf("BitsPerDim(0, 5) = %v, want 0", got)
	}
}

func TestBitsPerDimPanicsWithoutDims(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "dims = 0") {
			t.Errorf("BitsPerDim(…, 0) recovered %v, want a panic naming dims = 0", r)
		}
	}()
	BitsPerDim(1, 0)
}
