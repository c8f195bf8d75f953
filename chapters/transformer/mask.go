package transformer

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// A mask is added to the attention scores before the softmax: 0 where a
// query may attend to a key, -Inf where it may not. Since exp(-Inf) = 0,
// a masked key gets exactly zero weight, and the weights of the others
// still sum to 1. Masks broadcast against the scores [B, H, Tq, Tk]: a
// causal mask is [Tq, Tk] (the same for every sequence and head), a
// padding mask [B, 1, 1, Tk] (one per sequence, the same for every head
// and query). tensor.Add(causal, padding) combines them, [B, 1, Tq, Tk].

// ANCHOR: causal_mask

// CausalMask returns the [tq, tk] mask that lets query i attend to key j
// only when j ≤ i + (tk - tq): the queries are the last tq of tk
// positions, and none may see a position after its own. With tq = tk it
// is the usual lower-triangular mask; with tq = 1 (one new token against
// the keys of all tokens so far, as cached decoding does) it masks
// nothing.
//
//	M_ij = 0 if j ≤ i + tk - tq, -Inf otherwise
func CausalMask(tq, tk int) *tensor.Tensor {
	if tq <= 0 || tk < tq {
		panic(fmt.Sprintf("transformer: CausalMask(%d, %d): want 0 < tq ≤ tk", tq, tk))
	}
	m := tensor.New(tq, tk)
	for i := 0; i < tq; i++ {
		for j := i + tk - tq + 1; j < tk; j++ {
			m.Data[i*tk+j] = math.Inf(-1)
		}
	}
	return m
}

// ANCHOR_END: causal_mask

// ANCHOR: padding_mask

// PaddingMask returns the [B, 1, 1, t] mask that hides the padding of
// sequences padded to length t: sequence b has lengths[b] real tokens
// followed by padding, and every query may attend to its real tokens
// only.
//
//	M_b0j = 0 if j < lengths[b], -Inf otherwise
func PaddingMask(lengths []int, t int) *tensor.Tensor {
	m := tensor.New(len(lengths), 1, 1, t)
	for b, n := range lengths {
		if n < 0 || n > t {
			panic(fmt.Sprintf("transformer: PaddingMask: sequence %d has length %d, want 0..%d", b, n, t))
		}
		for j := n; j < t; j++ {
			m.Data[b*t+j] = math.Inf(-1)
		}
	}
	return m
}

// ANCHOR_END: padding_mask

// PadTokenMask returns the [B, 1, 1, T] mask that hides every position
// holding the pad token in the batch ids [B][T].
//
//	M_b0j = -Inf if ids[b][j] = pad, 0 otherwise
func PadTokenMask(ids [][]int, pad int) *tensor.Tensor {
	b, t := batchShape("PadTokenMask", ids)
	m := tensor.New(b, 1, 1, t)
	for i, seq := range ids {
		for j, id := range seq {
			if id == pad {
				m.Data[i*t+j] = math.Inf(-1)
			}
		}
	}
	return m
}

// batchShape returns B and T of a batch of B sequences of T ids each, and
// panics, naming who asked, when the batch is empty or ragged.
func batchShape(who string, ids [][]int) (b, t int) {
	if len(ids) == 0 || len(ids[0]) == 0 {
		panic(fmt.Sprintf("transformer: %s: an empty batch", who))
	}
	t = len(ids[0])
	for i, seq := range ids {
		if len(seq) != t {
			panic(fmt.Sprintf("transformer: %s: sequence %d has %d ids, sequence 0 has %d", who, i, len(seq), t))
		}
	}
	return len(ids), t
}
