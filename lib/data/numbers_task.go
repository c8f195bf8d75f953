package data

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

// NumberPair is one example of the number-words translation task: a whole
// number with its English words (NumberEnglish) and its Chinese numeral
// (NumberChinese). English is tokenised by word (Words) and Chinese by
// character (Chars): "three hundred and forty-two" is the five tokens
// three, hundred, and, forty-two; 三百四十二 is the five tokens 三 百 四 十 二.
type NumberPair struct {
	N       int
	English string
	Chinese string
}

// The sizes of the number-words task's splits. The 100,000 numbers 0 to
// MaxNumber are split into NumberTestSize test numbers, NumberValSize
// validation numbers and the remaining 90,000 for training.
const (
	NumberTestSize = 5000
	NumberValSize  = 5000
)

// NumberSplitSeed is the seed of the project's number-words split: the
// chapters and their evaluations call NumberSplit(NumberSplitSeed).
const NumberSplitSeed = 1

// NumberSplit splits the numbers 0 to MaxNumber into training, validation
// and test examples. A permutation of the numbers drawn from seed is cut in
// three: its first NumberTestSize numbers are the test set, the next
// NumberValSize the validation set, the rest the training set. Each number
// is in exactly one split, and each split comes in the permutation's
// (random) order, so a training run that wants fewer examples takes a
// prefix. The same seed gives the same split.
func NumberSplit(seed uint64) (train, val, test []NumberPair) {
	perm := tensor.NewRNG(seed).Perm(MaxNumber + 1)
	pairs := make([]NumberPair, len(perm))
	for i, n := range perm {
		pairs[i] = NumberPairOf(n)
	}
	test = pairs[:NumberTestSize:NumberTestSize]
	val = pairs[NumberTestSize : NumberTestSize+NumberValSize : NumberTestSize+NumberValSize]
	train = pairs[NumberTestSize+NumberValSize:]
	return train, val, test
}

// NumberPairOf returns the example for n. It panics if n is outside
// 0..MaxNumber.
func NumberPairOf(n int) NumberPair {
	en, err := NumberEnglish(n)
	if err != nil {
		panic(err)
	}
	zh, err := NumberChinese(n)
	if err != nil {
		panic(err)
	}
	return NumberPair{N: n, English: en, Chinese: zh}
}

// NumberTokens returns the pairs' English sentences split into words and
// their Chinese numerals split into characters.
func NumberTokens(pairs []NumberPair) (english, chinese [][]string) {
	english, chinese = make([][]string, len(pairs)), make([][]string, len(pairs))
	for i, p := range pairs {
		english[i], chinese[i] = Words(p.English), Chars(p.Chinese)
	}
	return english, chinese
}

// NumberVocabs returns the word vocabularies of the English and Chinese
// sides over every number from 0 to MaxNumber, so that no test number holds
// a token the vocabularies lack. The English vocabulary holds 107 tokens
// (4 reserved and 103 words: 20 words for 0 to 19, 8 tens, 72 hyphenated
// tens-and-units, "hundred", "thousand" and "and"); the Chinese one holds
// 18 (4 reserved, the 10 digits 零 to 九 and the 4 units 十 百 千 万).
func NumberVocabs() (english, chinese *WordVocab) {
	pairs := make([]NumberPair, MaxNumber+1)
	for n := range pairs {
		pairs[n] = NumberPairOf(n)
	}
	en, zh := NumberTokens(pairs)
	english, err := NewWordVocab(en, 1)
	if err != nil {
		panic(fmt.Sprintf("data: NumberVocabs: %v", err))
	}
	chinese, err = NewWordVocab(zh, 1)
	if err != nil {
		panic(fmt.Sprintf("data: NumberVocabs: %v", err))
	}
	return english, chinese
}
