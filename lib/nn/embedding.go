package nn

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// Embedding maps token ids to learned vectors: row i of the table W is the
// vector of token i. Looking a row up is the same as multiplying a one-hot
// vector by W, without building the one-hot vector; the gradient of the
// lookup adds each upstream row back into the row it came from, so a token
// that occurs twice collects two contributions.
type Embedding struct {
	W *autograd.Value // the table [vocab, dim]
}

// NewEmbedding returns a table of vocab vectors of size dim drawn from
// N(0, 1), PyTorch's default: a lookup is not a weighted sum, so there is
// no fan-in to scale by. (GPT-2 and nanoGPT use N(0, 0.02²) instead; call
// Normal(e.W.Data, 0.02, rng) for that.)
func NewEmbedding(vocab, dim int, rng *tensor.RNG) *Embedding {
	if vocab <= 0 || dim <= 0 {
		panic(fmt.Sprintf("nn: NewEmbedding(%d, %d): sizes must be positive", vocab, dim))
	}
	return &Embedding{W: autograd.Param(tensor.RandN(rng, vocab, dim))}
}

// Forward looks up a sequence of ids and returns their vectors [len(ids), dim].
func (e *Embedding) Forward(ids []int) *autograd.Value {
	e.checkIDs(ids, 0)
	// y_k = W[ids_k]   (row k of the result is row ids_k of the table)
	return autograd.Rows(e.W, ids)
}

// ForwardBatch looks up B sequences of T ids each and returns [B, T, dim].
// Every sequence must have the same length.
func (e *Embedding) ForwardBatch(ids [][]int) *autograd.Value {
	if len(ids) == 0 {
		panic("nn: Embedding.ForwardBatch of no sequences")
	}
	t := len(ids[0])
	flat := make([]int, 0, len(ids)*t)
	for b, seq := range ids {
		if len(seq) != t {
			panic(fmt.Sprintf("nn: Embedding.ForwardBatch: sequence %d has %d ids, sequence 0 has %d", b, len(seq), t))
		}
		e.checkIDs(seq, b*t)
		flat = append(flat, seq...)
	}
	dim := e.W.Data.Shape[1]
	return autograd.Reshape(autograd.Rows(e.W, flat), len(ids), t, dim)
}

// checkIDs panics on an id outside the table, naming its position
// (offset + k in the flattened input) and the vocabulary size.
func (e *Embedding) checkIDs(ids []int, offset int) {
	vocab := e.W.Data.Shape[0]
	for k, id := range ids {
		if id < 0 || id >= vocab {
			panic(fmt.Sprintf("nn: Embedding: id %d at index %d is out of range for a vocabulary of %d", id, offset+k, vocab))
		}
	}
}

// Params lists the table W.
func (e *Embedding) Params() []Param { return []Param{{Name: "W", V: e.W}} }
