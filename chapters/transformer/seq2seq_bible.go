package transformer

import "github.com/luoxia/aigc/lib/data"

// BibleMinCount is how often a word must occur in the training verses to
// have its own token: rarer words (most of them names) are <unk>. Twice
// keeps 3,398 English and 3,802 Spanish tokens of the 6,235 and 9,548
// distinct ones, and halves the output layer's cost.
const BibleMinCount = 2

// BibleSeq2Seq returns the translation task of the King James Version's
// short verses into the Reina-Valera 1909 (data.LoadBiblePairs): word
// vocabularies of the training pairs' tokens that occur at least
// BibleMinCount times (data.NewWordVocab: <pad> 0, <s> 1, </s> 2, <unk>
// 3, then by frequency), sources and targets with begin and end markers
// (data.EncodePairs). Training batches draw from the training pairs
// uniformly with replacement; the validation pairs give the validation
// loss and the test pairs the scores, against their own words (Refs), so
// a word the vocabulary lacks is a miss even when the model writes
// <unk> for it.
func BibleSeq2Seq(b *data.BiblePairs) (*Seq2SeqTask, error) {
	sides := func(pairs []data.TokenPair) (src, tgt [][]string) {
		for _, p := range pairs {
			src, tgt = append(src, p.Src), append(tgt, p.Tgt)
		}
		return src, tgt
	}
	trSrc, trTgt := sides(b.Train)
	en, err := data.NewWordVocab(trSrc, BibleMinCount)
	if err != nil {
		return nil, err
	}
	es, err := data.NewWordVocab(trTgt, BibleMinCount)
	if err != nil {
		return nil, err
	}
	encode := func(pairs []data.TokenPair) *data.SeqBatch {
		src, tgt := sides(pairs)
		return data.EncodePairs(src, tgt, en, es)
	}
	all, test := encode(b.Train), encode(b.Test)
	sources, refs := sides(b.Test)
	return &Seq2SeqTask{
		Name: "bible", SrcVocab: en.Size(), TgtVocab: es.Size(),
		Start: data.BOSID, End: data.EOSID,
		// a few tokens of slack past the longest test verse and its end token
		MaxLen:     longestTarget(test) + 4,
		NewSampler: uniformSampler(all),
		Train:      all, Test: test, Valid: encode(b.Valid), Refs: refs, Sources: sources,
		SrcToken: en.Token, TgtToken: es.Token,
	}, nil
}
