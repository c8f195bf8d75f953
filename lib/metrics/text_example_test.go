package metrics_test

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/metrics"
)

// sacreBLEU's README example: three segments, two reference streams
// (refs[j][i] is reference j of segment i).
func ExampleCorpusBLEU() {
	hyps := []string{"The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."}
	refs := [][]string{
		{"The dog bit the man.", "It was not unexpected.", "The man bit him first."},
		{"The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."},
	}
	s, err := metrics.CorpusBLEU(hyps, refs, metrics.DefaultBLEUOptions())
	if err != nil {
		panic(err)
	}
	fmt.Println(s)
	fmt.Println(s.WithSignature())
	// Output:
	// BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)
	// BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)
}

// A 3-word sentence has no 4-grams: as a one-line corpus it scores 0,
// while sentence BLEU averages the three orders it has.
func ExampleSentenceBLEU() {
	s, _ := metrics.SentenceBLEU("the cat sat", []string{"the cat sat on the mat"}, metrics.BLEUOptions{})
	c, _ := metrics.CorpusBLEU([]string{"the cat sat"}, [][]string{{"the cat sat on the mat"}}, metrics.BLEUOptions{})
	fmt.Printf("sentence %.2f, corpus %.2f\n", s.Score, c.Score)
	// Output:
	// sentence 36.79, corpus 0.00
}

func ExampleTokenize13a() {
	fmt.Printf("%q\n", metrics.Tokenize13a(`The U.S. paid $3.14, "or" 1,000 &amp; more in 1990-2000.`))
	// Output:
	// ["The" "U" "." "S" "." "paid" "$" "3.14" "," "\"" "or" "\"" "1,000" "&" "more" "in" "1990" "-" "2000" "."]
}

// rouge-score's README example (the reference second here).
func ExampleRougeL() {
	hyp := "The quick brown dog jumps on the log."
	ref := "The quick brown fox jumps over the lazy dog"
	for _, kind := range []string{"rouge1", "rouge2", "rougeL"} {
		s, _ := metrics.MeanRouge([]string{hyp}, []string{ref}, kind)
		fmt.Printf("%-6s P %.4f R %.4f F %.4f\n", kind, s.Precision, s.Recall, s.F)
	}
	// Output:
	// rouge1 P 0.7500 R 0.6667 F 0.7059
	// rouge2 P 0.2857 R 0.2500 F 0.2667
	// rougeL P 0.6250 R 0.5556 F 0.5882
}

func ExampleBitsPerDim() {
	// A uniform model over 8-bit pixels of a 28×28 image.
	fmt.Printf("%.3f bits/dim\n", metrics.BitsPerDim(784*math.Log(256), 784))
	// and over a 50,257-token vocabulary
	fmt.Printf("perplexity %.0f\n", metrics.Perplexity(math.Log(50257)))
	// Output:
	// 8.000 bits/dim
	// perplexity 50257
}
