package main

import (
	"flag"
	"fmt"
	"math"
	"slices"

	"github.com/luoxia/aigc/chapters/transformer"
)

// textFlags are the flags of `aigc sample` for models of text.
type textFlags struct {
	prompt      string
	temperature float64
	topK        int
	topP        float64
	set         []string // the text flags given on the command line
}

// textFlagNames are the names of the flags textFlags holds.
var textFlagNames = []string{"prompt", "temperature", "top-k", "top-p"}

// define adds the text flags to fs.
func (t *textFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&t.prompt, "prompt", "", "text models: the text to continue (a GPT; default a newline), or the sentence to translate (an encoder-decoder)")
	fs.Float64Var(&t.temperature, "temperature", 1, "text models: divide the logits by this temperature T > 0 (below 1 sharper, above 1 flatter)")
	fs.IntVar(&t.topK, "top-k", 0, "text models: draw from the k likeliest characters only (0: all)")
	fs.Float64Var(&t.topP, "top-p", 1, "text models: draw from the nucleus of this probability p, 0 < p ≤ 1 (1: all)")
}

// check returns an error naming the first text flag out of range.
func (t textFlags) check() error {
	switch {
	case !(t.temperature > 0) || math.IsInf(t.temperature, 1):
		return fmt.Errorf("-temperature %g: want a temperature above 0 (small values come close to always taking the likeliest character)", t.temperature)
	case t.topK < 0:
		return fmt.Errorf("-top-k %d: want 0 (keep every character) or more", t.topK)
	case !(t.topP > 0 && t.topP <= 1):
		return fmt.Errorf("-top-p %g: want a probability in (0, 1]; 1 keeps every character", t.topP)
	}
	return nil
}

// record notes which text flags fs was given, once it is parsed.
func (t *textFlags) record(fs *flag.FlagSet) {
	fs.Visit(func(f *flag.Flag) {
		if slices.Contains(textFlagNames, f.Name) {
			t.set = append(t.set, f.Name)
		}
	})
}

// given returns the name of the first of the text flags names that was
// given on the command line (any of them if names is empty), or "".
func (t textFlags) given(names ...string) string {
	for _, s := range t.set {
		if len(names) == 0 || slices.Contains(names, s) {
			return s
		}
	}
	return ""
}

// config is the sampling configuration the flags ask for, drawing up to
// maxLen tokens and stopping at end (below 0: never).
func (t textFlags) config(maxLen, end int) transformer.SampleConfig {
	return transformer.SampleConfig{Temperature: t.temperature, TopK: t.topK, TopP: t.topP, MaxLen: maxLen, End: end}
}
