package transformer

import (
	"math"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
)

// seq2seqValidBatch is how many validation examples Seq2SeqValidLoss
// runs through the model at once.
const seq2seqValidBatch = 64

// Seq2SeqValidLoss returns the cross-entropy (no label smoothing), nats
// per target token, of m on the examples of b, dropout off: the mean of
// -log p(y_t | x, y_<t) over every target token of every example, the
// end tokens included. Dropout is switched back on after, if it was on.
func Seq2SeqValidLoss(m *EncoderDecoder, b *data.SeqBatch) float64 {
	training := m.Drop.Training()
	nn.SetTraining(m, false)
	defer nn.SetTraining(m, training)
	sum, tokens := 0.0, 0
	for lo := 0; lo < b.Len(); lo += seq2seqValidBatch {
		hi := min(lo+seq2seqValidBatch, b.Len())
		src, _ := data.PadBatch(b.Src[lo:hi], data.PadID)
		tgtIn, _ := data.PadBatch(b.TgtIn[lo:hi], data.PadID)
		tgtOut, _ := data.PadBatch(b.TgtOut[lo:hi], data.PadID)
		n := 0
		for _, t := range b.TgtOut[lo:hi] {
			n += len(t)
		}
		sum += m.Loss(src, tgtIn, tgtOut, 0).Item() * float64(n)
		tokens += n
	}
	return sum / float64(tokens)
}

// UnigramEntropy returns the entropy, in nats per token, of the tokens of
// seqs taken one at a time: -Σ_k f_k log f_k with f_k the fraction of all
// the tokens that are k. It is the loss of the best model that ignores
// the source and every earlier token, the bar a translation model's
// validation loss must get well under to show it uses either.
func UnigramEntropy(seqs [][]int) float64 {
	counts, n := map[int]int{}, 0
	for _, s := range seqs {
		for _, t := range s {
			counts[t]++
			n++
		}
	}
	h := 0.0
	for _, c := range counts {
		f := float64(c) / float64(n)
		// H = -Σ_k f_k log f_k
		h -= f * math.Log(f)
	}
	return h
}
