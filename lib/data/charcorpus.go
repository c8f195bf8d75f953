package data

import (
	"fmt"
	"os"
)

// TrainFraction is the share of a CharCorpus's characters that goes to
// training: the first 90%, the last 10% being kept for validation, as
// nanoGPT's prepare.py splits tiny Shakespeare.
const TrainFraction = 0.9

// CharCorpus is a text prepared for a character-level language model: its
// characters' vocabulary and the text's ids split into a training part and
// a validation part. The split is made on characters, not bytes: with n the
// number of characters (runes), the training part is the first
// int(n*TrainFraction) of them (the product taken in float64 and truncated,
// exactly as Python's int(n*0.9)), the validation part the rest. The text is
// not shuffled first, so the validation part is a stretch of text the model
// has never seen.
type CharCorpus struct {
	// Source says where the text came from (a file, a GOROOT).
	Source string
	// Text is the whole corpus.
	Text string
	// Vocab is the vocabulary of Text's own characters.
	Vocab *CharVocab
	// Train and Val are Text's character ids, the first TrainFraction of
	// them and the rest.
	Train, Val []int
}

// NewCharCorpus builds the vocabulary of text and splits its ids. It
// returns an error, naming source, if text is not valid UTF-8 or has fewer
// than two characters in either part.
func NewCharCorpus(text, source string) (*CharCorpus, error) {
	v, err := NewCharVocab(text)
	if err != nil {
		return nil, fmt.Errorf("data: corpus %s: %w", source, err)
	}
	ids, err := v.Encode(text)
	if err != nil {
		return nil, fmt.Errorf("data: corpus %s: %w", source, err)
	}
	cut := int(float64(len(ids)) * TrainFraction)
	if cut < 2 || len(ids)-cut < 2 {
		return nil, fmt.Errorf("data: corpus %s: %d characters is too short to split into training and validation text", source, len(ids))
	}
	return &CharCorpus{Source: source, Text: text, Vocab: v, Train: ids[:cut:cut], Val: ids[cut:]}, nil
}

// ReadCharCorpus reads a UTF-8 text file, such as one written by
// WriteGoCorpus, as a CharCorpus.
func ReadCharCorpus(path string) (*CharCorpus, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("data: ReadCharCorpus: %w", err)
	}
	return NewCharCorpus(string(b), path)
}
