package transformer

import (
	"strconv"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// Seq2SeqTask is a task an encoder-decoder learns: its vocabularies, where
// its training batches come from, its test examples, and how to decode.
// Padding is token 0 on both sides (data.PadID, and the copy task never
// draws 0).
type Seq2SeqTask struct {
	// Name is "copy", "reverse", "translate" or "bible".
	Name string
	// SrcVocab and TgtVocab are the vocabularies' sizes.
	SrcVocab, TgtVocab int
	// Start is the token the decoder is fed first, End the token that
	// ends a target (-1 when targets have a fixed length, as the copy
	// task's), and MaxLen the most tokens decoding may write.
	Start, End, MaxLen int
	// NewSampler returns a source of training batches fixed by seed: each
	// call of the function it returns draws n examples, unpadded.
	NewSampler func(seed uint64) func(n int) *data.SeqBatch
	// Test holds the test examples, unpadded: Src[i] is read and
	// TgtOut[i] is what decoding must write.
	Test *data.SeqBatch
	// SrcToken and TgtToken spell a token: for printing, and the target's
	// for BLEU.
	SrcToken, TgtToken func(id int) string
	// TgtLabel spells a target token in the figures, whose fonts have
	// Latin letters only.
	TgtLabel func(id int) string
	// Train, if not nil, holds the training examples of a task that has a
	// fixed set of them, unpadded.
	Train *data.SeqBatch
	// Valid, if not nil, holds validation examples, unpadded, whose loss
	// TrainSeq2Seq measures at every evaluation.
	Valid *data.SeqBatch
	// Refs, if not nil, are the test targets as words, Refs[i] for
	// Test.TgtOut[i]: what BLEU and ROUGE-L score against when the target
	// vocabulary lacks some of the words (Test.TgtOut spells them <unk>).
	Refs [][]string
	// Sources, if not nil, are the test sources as words, Sources[i] for
	// Test.Src[i], for printing.
	Sources [][]string
}

// CopySeq2Seq returns the copy task of the Annotated Transformer (data's
// CopyTask): read CopyLen tokens, starting with CopyStart, and write the
// CopyLen-1 after the start token back. Its test set is the 1,000
// held-out sequences, which no training batch holds.
func CopySeq2Seq() *Seq2SeqTask {
	digit := func(id int) string { return strconv.Itoa(id) }
	return &Seq2SeqTask{
		Name: "copy", SrcVocab: data.CopyVocab, TgtVocab: data.CopyVocab,
		Start: data.CopyStart, End: -1, MaxLen: data.CopyLen - 1,
		NewSampler: func(seed uint64) func(n int) *data.SeqBatch { return data.NewCopyTask(seed).Batch },
		Test:       data.NewCopyTask(0).HeldOut(),
		SrcToken:   digit, TgtToken: digit, TgtLabel: digit,
	}
}

// ReverseSeq2Seq returns the reversal task (data's NewReverseTask): read
// the copy task's sequences and write the CopyLen-1 tokens after the
// start token back in reverse order. Its test set is the copy task's
// 1,000 held-out sources, with their reversed targets.
func ReverseSeq2Seq() *Seq2SeqTask {
	t := CopySeq2Seq()
	t.Name = "reverse"
	t.NewSampler = func(seed uint64) func(n int) *data.SeqBatch { return data.NewReverseTask(seed).Batch }
	t.Test = data.NewReverseTask(0).HeldOut()
	return t
}

// NumberSeq2Seq returns the number-translation task: English number words
// (a token per word) to Chinese numerals (a token per character), from
// data.NumberSplit(data.NumberSplitSeed). Training batches draw from the
// 90,000 training numbers uniformly with replacement; the test set is the
// 5,000 test numbers. Sources and targets carry begin and end markers
// (data.EncodePairs), so decoding starts from BOSID and stops at EOSID.
func NumberSeq2Seq() *Seq2SeqTask {
	train, _, test := data.NumberSplit(data.NumberSplitSeed)
	en, zh := data.NumberVocabs()
	encode := func(pairs []data.NumberPair) *data.SeqBatch {
		src, tgt := data.NumberTokens(pairs)
		return data.EncodePairs(src, tgt, en, zh)
	}
	all, testPairs := encode(train), encode(test)
	return &Seq2SeqTask{
		Name: "translate", SrcVocab: en.Size(), TgtVocab: zh.Size(),
		Start: data.BOSID, End: data.EOSID,
		// a few tokens of slack past the longest numeral and its end token
		MaxLen:     longestTarget(all, testPairs) + 4,
		NewSampler: uniformSampler(all),
		Test:       testPairs,
		SrcToken:   en.Token, TgtToken: zh.Token,
		TgtLabel: func(id int) string { return NumeralLabel(zh.Token(id)) },
	}
}

// longestTarget returns the number of tokens in the longest target of the
// batches.
func longestTarget(batches ...*data.SeqBatch) int {
	longest := 0
	for _, b := range batches {
		for _, t := range b.TgtOut {
			longest = max(longest, len(t))
		}
	}
	return longest
}

// uniformSampler returns a NewSampler that draws its batches from the
// examples of all, each uniformly and with replacement.
func uniformSampler(all *data.SeqBatch) func(seed uint64) func(n int) *data.SeqBatch {
	return func(seed uint64) func(n int) *data.SeqBatch {
		rng := tensor.NewRNG(seed)
		return func(n int) *data.SeqBatch {
			b := &data.SeqBatch{}
			for range n {
				i := rng.Intn(all.Len())
				b.Src, b.TgtIn, b.TgtOut = append(b.Src, all.Src[i]), append(b.TgtIn, all.TgtIn[i]), append(b.TgtOut, all.TgtOut[i])
			}
			return b
		}
	}
}

// numeralLabels spell the Chinese numerals' characters by their values,
// for figures whose fonts have no Chinese: a digit is its value, a unit
// the power of ten it multiplies by (四万五千 is 4 ×10000 5 ×1000).
var numeralLabels = map[string]string{
	"零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
	"十": "×10", "百": "×100", "千": "×1000", "万": "×10000", "</s>": "end",
}

// NumeralLabel spells a token of the Chinese numerals by its value:
// "4" for 四, "×1000" for 千, "end" for the end marker; other tokens as
// they are.
func NumeralLabel(tok string) string {
	if l, ok := numeralLabels[tok]; ok {
		return l
	}
	return tok
}
