package transformer

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// Attention treats its keys as a set: permuting the tokens of a sequence
// permutes the outputs and changes nothing else. Word order reaches the
// model only through what is added to each token's embedding: a vector
// that depends on its position p. The encoder-decoder uses fixed
// sinusoids (Sinusoidal), the GPT learns one vector per position (an
// nn.Embedding of BlockSize rows looked up at 0, 1, ..., T-1).

// ANCHOR: sinusoidal

// Sinusoidal returns the sinusoidal position encodings of the n positions
// start, start+1, ..., start+n-1 as [n, d] (d even), from Vaswani et al.
// (2017), §3.5:
//
//	PE(p, 2i)   = sin(p / 10000^{2i/d})
//	PE(p, 2i+1) = cos(p / 10000^{2i/d})
//
// Feature pair i turns at the frequency ω_i = 10000^{-2i/d}, from one
// radian per position down to one per 10000, so the pairs read together
// like the hands of a clock. Because sin and cos of (p+k)·ω are fixed
// combinations of those of p·ω, PE(p+k) is a rotation of PE(p) by the
// angles k·ω_i, the same for every p: a fixed offset is a linear map the
// model can learn once.
func Sinusoidal(start, n, d int) *tensor.Tensor {
	if n < 0 || d <= 0 || d%2 != 0 || start < 0 {
		panic(fmt.Sprintf("transformer: Sinusoidal(%d, %d, %d): want start ≥ 0, n ≥ 0 and an even d > 0", start, n, d))
	}
	pe := tensor.New(n, d)
	for r := 0; r < n; r++ {
		p := float64(start + r)
		for i := 0; i < d/2; i++ {
			// ω_i = 10000^{-2i/d}
			omega := math.Pow(10000, -float64(2*i)/float64(d))
			pe.Data[r*d+2*i] = math.Sin(p * omega)
			pe.Data[r*d+2*i+1] = math.Cos(p * omega)
		}
	}
	return pe
}

// ANCHOR_END: sinusoidal

// positions returns the ids start, start+1, ..., start+n-1: the rows of a
// learned position table that a sequence of n tokens starting at start
// looks up.
func positions(start, n int) []int {
	ids := make([]int, n)
	for i := range ids {
		ids[i] = start + i
	}
	return ids
}
