package data

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

// The copy task of the Annotated Transformer (Rush, 2018, after Vaswani et
// al., 2017): the model reads a random sequence and must write it back. A
// sequence is CopyLen tokens over a vocabulary of CopyVocab: position 0
// always holds the start token CopyStart, and positions 1..CopyLen-1 each
// hold a token drawn uniformly from 1..CopyVocab-1 (so 1 may also appear
// there). Token 0 never occurs: it is reserved for padding.
//
// The target is the source itself. Its first CopyLen-1 tokens are the
// decoder's input and its last CopyLen-1 its expected output, so the decoder
// starts from the start token and predicts each next token:
//
//	source   1 7 3 3 9 ...   (CopyLen tokens)
//	input    1 7 3 3 ...     (source without its last token)
//	output     7 3 3 9 ...   (source without its first token)
const (
	CopyVocab   = 11
	CopyLen     = 10
	CopyStart   = 1
	CopyHeldOut = 1000
)

// CopyHeldOutSeed fixes the held-out set of the copy task: every CopyTask
// holds the same CopyHeldOut sequences, whatever its training seed.
const CopyHeldOutSeed = 20170612

// SeqBatch is a batch of sequence-to-sequence examples, as token ids: Src[b]
// is example b's source, TgtIn[b] the decoder's input (the target from its
// start token on, without its last token) and TgtOut[b] what the decoder must
// produce at each position (the target shifted one token on).
type SeqBatch struct {
	Src, TgtIn, TgtOut [][]int
}

// Len is the number of examples in the batch.
func (b *SeqBatch) Len() int { return len(b.Src) }

// CopyTask generates the copy task's examples. Its training draws never
// repeat a held-out sequence: each draw is checked against the held-out set
// and, if found there, thrown away and drawn again. (Of the 10^9 possible
// sequences, 1,000 are held out, so a redraw happens about once in a million
// draws.) The held-out set's sequences are distinct from one another.
type CopyTask struct {
	reverse bool // the target is the source reversed (NewReverseTask)
	rng     *tensor.RNG
	heldOut [][]int
	held    map[int64]bool // keys of the held-out sequences
}

// NewCopyTask returns a copy task whose training batches are fixed by seed.
func NewCopyTask(seed uint64) *CopyTask {
	c := &CopyTask{rng: tensor.NewRNG(seed), held: map[int64]bool{}}
	g := tensor.NewRNG(CopyHeldOutSeed)
	for len(c.heldOut) < CopyHeldOut {
		s := drawCopySeq(g)
		if k := copyKey(s); !c.held[k] {
			c.held[k] = true
			c.heldOut = append(c.heldOut, s)
		}
	}
	return c
}

// drawCopySeq draws one source sequence.
func drawCopySeq(g *tensor.RNG) []int {
	s := make([]int, CopyLen)
	s[0] = CopyStart
	for i := 1; i < CopyLen; i++ {
		s[i] = 1 + g.Intn(CopyVocab-1)
	}
	return s
}

// copyKey packs a sequence's tokens into one number, base CopyVocab, so
// that two sequences have the same key only if they are equal.
func copyKey(s []int) int64 {
	var k int64
	for _, t := range s {
		k = k*CopyVocab + int64(t)
	}
	return k
}

// Batch draws n training sequences, none of them in the held-out set. It
// panics if n is negative.
func (c *CopyTask) Batch(n int) *SeqBatch {
	if n < 0 {
		panic(fmt.Sprintf("data: CopyTask.Batch(%d)", n))
	}
	seqs := make([][]int, n)
	for i := range seqs {
		s := drawCopySeq(c.rng)
		for c.held[copyKey(s)] {
			s = drawCopySeq(c.rng)
		}
		seqs[i] = s
	}
	return c.batch(seqs)
}

// HeldOut returns the CopyHeldOut held-out sequences as one batch (new
// slices on each call).
func (c *CopyTask) HeldOut() *SeqBatch {
	seqs := make([][]int, len(c.heldOut))
	for i, s := range c.heldOut {
		seqs[i] = append([]int(nil), s...)
	}
	return c.batch(seqs)
}

// IsHeldOut reports whether seq is one of the held-out sources.
func (c *CopyTask) IsHeldOut(seq []int) bool {
	return len(seq) == CopyLen && c.held[copyKey(seq)]
}

// batch makes the examples whose sources are seqs: each target is its
// source, or for a reversal task ReverseTarget of it.
func (c *CopyTask) batch(seqs [][]int) *SeqBatch {
	b := &SeqBatch{Src: seqs, TgtIn: make([][]int, len(seqs)), TgtOut: make([][]int, len(seqs))}
	for i, s := range seqs {
		if c.reverse {
			s = ReverseTarget(s)
		}
		b.TgtIn[i] = append([]int(nil), s[:len(s)-1]...)
		b.TgtOut[i] = append([]int(nil), s[1:]...)
	}
	return b
}
