package transformer

import (
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// tinyCopy is a copy task small enough to learn in a few seconds: a start
// token 1 and then 4 tokens from 2..6 to be written back; token 0 pads.
// Its test set is 200 sequences no training batch is drawn from (their
// seed differs; repeats among 625 sequences are possible, and harmless
// here: a model that cannot copy gets few of them right either way).
func tinyCopy() *Seq2SeqTask { return tinySeqTask("tiny copy", false) }

// tinyReverse is tinyCopy with the 4 tokens to be written back in
// reverse order.
func tinyReverse() *Seq2SeqTask { return tinySeqTask("tiny reverse", true) }

// tinySeqTask is tinyCopy, or tinyReverse if reverse.
func tinySeqTask(name string, reverse bool) *Seq2SeqTask {
	draw := func(rng *tensor.RNG, n int) *data.SeqBatch {
		b := &data.SeqBatch{}
		for range n {
			s := []int{1}
			for range 4 {
				s = append(s, 2+rng.Intn(5))
			}
			t := s
			if reverse {
				t = data.ReverseTarget(s)
			}
			b.Src, b.TgtIn, b.TgtOut = append(b.Src, s), append(b.TgtIn, t[:4]), append(b.TgtOut, t[1:])
		}
		return b
	}
	return &Seq2SeqTask{
		Name: name, SrcVocab: 7, TgtVocab: 7, Start: 1, End: -1, MaxLen: 4,
		NewSampler: func(seed uint64) func(n int) *data.SeqBatch {
			rng := tensor.NewRNG(seed)
			return func(n int) *data.SeqBatch { return draw(rng, n) }
		},
		Test:     draw(tensor.NewRNG(12345), 200),
		SrcToken: strconv.Itoa, TgtToken: strconv.Itoa,
	}
}

// tinyCopyTraining is CopyTraining at a quarter of the width, one layer
// and 400 steps.
func tinyCopyTraining() Seq2SeqTrainConfig {
	cfg := CopyTraining()
	cfg.Model.DModel, cfg.Model.Heads, cfg.Model.DFF, cfg.Model.Layers = 32, 2, 64, 1
	cfg.BatchSize, cfg.Steps, cfg.Warmup = 32, 400, 20
	cfg.EvalInterval, cfg.EvalExamples = 200, 50
	return cfg
}

func TestTrainSeq2SeqLearnsToCopy(t *testing.T) { testTrainSeq2SeqLearns(t, tinyCopy()) }

// Reversing is learnt as well as copying, in the same steps: the output
// at step t must find the source token 5 - t, a different offset at
// every step.
func TestTrainSeq2SeqLearnsToReverse(t *testing.T) { testTrainSeq2SeqLearns(t, tinyReverse()) }

// testTrainSeq2SeqLearns trains tinyCopyTraining's model on task and
// checks that it learns it.
func testTrainSeq2SeqLearns(t *testing.T, task *Seq2SeqTask) {
	cfg := tinyCopyTraining()
	res, err := TrainSeq2Seq(cfg, task, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 200, 400}; !slices.Equal(res.EvalSteps, want) {
		t.Fatalf("evaluated after steps %v, want %v", res.EvalSteps, want)
	}
	// Writing the targets perfectly brings the loss down to the floor
	// H(q) of the smoothed targets; a model that guesses uniformly among the 5 tokens
	// a target can be is at least ln 5 - H(q) above it.
	floor := LabelSmoothingFloor(task.TgtVocab, cfg.Eps, true)
	first, last := res.TrainLoss[0], res.TrainLoss[len(res.TrainLoss)-1]
	t.Logf("loss %.3f -> %.3f (floor %.3f); exact %v; token accuracy %.3f", first, last, floor, res.Exact, res.Final.TokenAcc)
	if !(first > floor+1) {
		t.Errorf("untrained loss %.3f, want above %.3f, 1 above the floor", first, floor+1)
	}
	if !(last < floor+0.15) {
		t.Errorf("last loss %.3f, want below %.3f, within 0.15 of the floor", last, floor+0.15)
	}
	// A model that ignores the source guesses each of 4 tokens with
	// chance 1/5: 0.16% of sequences right. One that copies where it
	// should reverse gets only the palindromes, 1 in 25, right.
	if res.Final.Examples != 200 || !(res.Final.Exact >= 0.95) || !(res.Final.TokenAcc >= 0.98) {
		t.Errorf("final scores on %d examples: exact %.3f, token accuracy %.3f; want 200 examples, ≥ 0.95 and ≥ 0.98",
			res.Final.Examples, res.Final.Exact, res.Final.TokenAcc)
	}
}

func TestTrainSeq2SeqSameSeedSameRun(t *testing.T) {
	cfg := tinyCopyTraining()
	cfg.Steps, cfg.EvalExamples = 5, 5
	a, err := TrainSeq2Seq(cfg, tinyCopy(), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := TrainSeq2Seq(cfg, tinyCopy(), nil)
	if !slices.Equal(a.TrainLoss, b.TrainLoss) {
		t.Errorf("same seed, losses %v and %v", a.TrainLoss, b.TrainLoss)
	}
	cfg.Seed++
	c, _ := TrainSeq2Seq(cfg, tinyCopy(), nil)
	if slices.Equal(a.TrainLoss, c.TrainLoss) {
		t.Errorf("seeds %d and %d give the same losses %v", cfg.Seed-1, cfg.Seed, a.TrainLoss)
	}
}

func TestSeq2SeqTrainConfigValidate(t *testing.T) {
	for _, cfg := range []Seq2SeqTrainConfig{CopyTraining(), TranslateTraining()} {
		if err := cfg.Validate(); err != nil {
			t.Errorf("defaults: %v", err)
		}
	}
	bad := CopyTraining()
	bad.Eps = 1
	if bad.Validate() == nil {
		t.Errorf("label smoothing 1 accepted")
	}
	bad = CopyTraining()
	bad.BatchSize = 0
	if _, err := TrainSeq2Seq(bad, tinyCopy(), nil); err == nil {
		t.Errorf("a batch of 0 accepted")
	}
}

// Scoring: an output that is the target scores exact; one wrong token
// costs its share of the token accuracy; BLEU of the targets against
// themselves is 100.
func TestSeq2SeqScoring(t *testing.T) {
	task := tinyCopy()
	if got := Spell([]int{3, 4, 2, 9}, 2, strconv.Itoa, " "); got != "3 4" {
		t.Errorf("Spell stops at the end token: got %q, want \"3 4\"", got)
	}
	b, err := Seq2SeqBLEU(task, task.Test.TgtOut[:10])
	if err != nil || math.Abs(b.Score-100) > 1e-9 {
		t.Errorf("BLEU of the targets against themselves: %v, %v; want 100", b.Score, err)
	}
	wrong := slices.Clone(task.Test.TgtOut[0])
	wrong[0] = 1 // never a target token
	b, _ = Seq2SeqBLEU(task, [][]int{wrong})
	if !(b.Score < 100) {
		t.Errorf("BLEU of a wrong output: %v, want below 100", b.Score)
	}
}
