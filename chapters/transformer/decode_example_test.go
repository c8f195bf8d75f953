package transformer_test

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/chapters/transformer"
	"github.com/luoxia/aigc/lib/tensor"
)

// bigram is a model small enough to read: the probabilities of the next
// token given the last one. Token 0 ends a sequence and 3 starts one.
var bigram = [][]float64{
	{1, 0, 0, 0},
	{0.4, 0.3, 0.3, 0},
	{0.9, 0.05, 0.05, 0},
	{0, 0.55, 0.45, 0},
}

// scoreBigram is bigram as a Scorer: the logits log p of the row of the
// prefix's last token.
func scoreBigram(prefix []int) []float64 {
	row := bigram[prefix[len(prefix)-1]]
	z := make([]float64, len(row))
	for j, p := range row {
		z[j] = math.Log(p)
	}
	return z
}

// Greedy decoding takes token 1, the likelier first step (0.55), and then
// can do no better than ending (0.4): p = 0.22. Beam search with B = 2
// keeps token 2 (0.45) in view as well, which ends with probability 0.9:
// p = 0.405.
func ExampleBeamSearch() {
	start := []int{3}
	greedy := transformer.Greedy(transformer.NewScorerState(scoreBigram), start, 5, 0)
	fmt.Println("greedy", greedy)
	cfg := transformer.BeamConfig{Width: 2, MaxLen: 5, End: 0}
	for _, h := range transformer.BeamSearch(transformer.NewScorerState(scoreBigram), start, cfg) {
		fmt.Printf("beam %v p = %.3f\n", h.Tokens, math.Exp(h.LogProb))
	}
	// Output:
	// greedy [1 0]
	// beam [2 0] p = 0.405
	// beam [1 0] p = 0.220
}

// The nucleus of probability 0.7 in 0.5, 0.3, 0.15, 0.05 is the first two
// tokens (0.8 ≥ 0.7); sampling then draws from them renormalised,
// 0.5/0.8 and 0.3/0.8.
func ExampleSampleConfig_Filter() {
	z := []float64{math.Log(0.5), math.Log(0.3), math.Log(0.15), math.Log(0.05)}
	cfg := transformer.SampleConfig{Temperature: 1, TopP: 0.7}
	p := tensor.Softmax(tensor.FromSlice(cfg.Filter(z), len(z)))
	fmt.Printf("%.3f\n", p.Data)
	// Output: [0.625 0.375 0.000 0.000]
}
