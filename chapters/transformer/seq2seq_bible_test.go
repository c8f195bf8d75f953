package transformer

import (
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/luoxia/aigc/lib/data"
)

// smallBible is a handful of verse pairs, enough to build the task's
// vocabularies without the SWORD modules.
func smallBible() *data.BiblePairs {
	return &data.BiblePairs{
		Train: data.TokenizeVersePairs([]data.VersePair{
			{Ref: "Genesis 1:1", English: "In the beginning God created the heaven and the earth.", Spanish: "EN el principio crió Dios los cielos y la tierra."},
			{Ref: "Genesis 1:3", English: "And God said, Let there be light: and there was light.", Spanish: "Y dijo Dios: Sea la luz: y fué la luz."},
		}),
		Valid: data.TokenizeVersePairs([]data.VersePair{{Ref: "Genesis 1:25", English: "And God made the earth.", Spanish: "E hizo Dios la tierra."}}),
		Test:  data.TokenizeVersePairs([]data.VersePair{{Ref: "John 11:35", English: "Jesus wept.", Spanish: "Y lloró Jesús."}}),
	}
}

// The task reads the same examples from the files data.WriteBiblePairs
// writes as from the pairs themselves, keeps words seen once out of the
// vocabulary, and scores against the references' own words.
func TestBibleSeq2SeqFromFiles(t *testing.T) {
	b := smallBible()
	direct, err := BibleSeq2Seq(b)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "pairs")
	if err := data.WriteBiblePairs(dir, b); err != nil {
		t.Fatal(err)
	}
	read, err := data.ReadBiblePairs(dir)
	if err != nil {
		t.Fatal(err)
	}
	fromFiles, err := BibleSeq2Seq(read)
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]*data.SeqBatch{{direct.Train, fromFiles.Train}, {direct.Valid, fromFiles.Valid}, {direct.Test, fromFiles.Test}} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("from the files %v, from the pairs %v", pair[1], pair[0])
		}
	}
	if direct.SrcVocab != fromFiles.SrcVocab || direct.TgtVocab != fromFiles.TgtVocab || !reflect.DeepEqual(direct.Refs, fromFiles.Refs) {
		t.Errorf("vocabularies %d, %d and references %q from the files; %d, %d and %q from the pairs",
			fromFiles.SrcVocab, fromFiles.TgtVocab, fromFiles.Refs, direct.SrcVocab, direct.TgtVocab, direct.Refs)
	}
	// Twice in the Spanish training verses: Dios, la, luz, y, :, "."; and
	// of the English: God, and, the, there, light, "." — plus the four
	// reserved tokens.
	if direct.SrcVocab != 10 || direct.TgtVocab != 10 {
		t.Errorf("vocabularies of %d and %d tokens, want 10 and 10", direct.SrcVocab, direct.TgtVocab)
	}
	// Of "Y lloró Jesús ." the training verses hold "Y" once and the
	// others never, so every word but the full stop is <unk>.
	if got := direct.Test.TgtOut[0]; len(got) != 5 || got[4] != data.EOSID || direct.TgtToken(got[3]) != "." || got[0] != data.UnkID {
		t.Errorf("test target %v, want <unk> <unk> <unk> . </s>", got)
	}
	if got := direct.Refs[0]; !reflect.DeepEqual(got, []string{"Y", "lloró", "Jesús", "."}) {
		t.Errorf("test reference %q", got)
	}
	// Writing the target's own tokens scores the one word the vocabulary
	// has: BLEU counts <unk> as a miss against the reference's words.
	bleu, err := Seq2SeqBLEU(direct, direct.Test.TgtOut)
	if err != nil {
		t.Fatal(err)
	}
	if bleu.Score >= 100 || Seq2SeqRougeL(direct, direct.Test.TgtOut) != 0.25 {
		t.Errorf("the <unk>-spelled target scores BLEU %.2f and ROUGE-L %.4f, want below 100 and 0.25", bleu.Score, Seq2SeqRougeL(direct, direct.Test.TgtOut))
	}
}

// A short, seeded run on the real verses brings the validation loss far
// below where it starts (ln 3,802 ≈ 8.24 nats, the loss of a uniform
// guess) and below 6.9, which a model that has not learned at least which
// words are common cannot reach.
func TestBibleTaskTrains(t *testing.T) {
	if testing.Short() {
		t.Skip("exporting the two Bibles takes seconds")
	}
	b, err := data.LoadBiblePairs("")
	if errors.Is(err, data.ErrCorpusMissing) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	task, err := BibleSeq2Seq(b)
	if err != nil {
		t.Fatal(err)
	}
	if task.SrcVocab != 3398 || task.TgtVocab != 3802 || task.Train.Len() != 5417 || task.Valid.Len() != 278 || task.Test.Len() != 276 {
		t.Errorf("vocabularies %d and %d, pairs %d/%d/%d; want 3398 and 3802, 5417/278/276",
			task.SrcVocab, task.TgtVocab, task.Train.Len(), task.Valid.Len(), task.Test.Len())
	}
	// Decode only a few test verses: the untrained model writes to MaxLen.
	task.Test = &data.SeqBatch{Src: task.Test.Src[:4], TgtIn: task.Test.TgtIn[:4], TgtOut: task.Test.TgtOut[:4]}
	task.Refs = task.Refs[:4]
	cfg := BibleTraining()
	cfg.Model.DModel, cfg.Model.DFF, cfg.Model.Layers = 32, 64, 1
	cfg.BatchSize, cfg.Steps, cfg.Warmup, cfg.LR, cfg.MinLR = 8, 40, 10, 3e-3, 3e-4
	cfg.EvalInterval, cfg.EvalExamples = 40, 1
	res, err := TrainSeq2Seq(cfg, task, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.ValLoss) != 2 {
		t.Fatalf("validation losses %v, want two (before and after)", res.ValLoss)
	}
	before, after := res.ValLoss[0], res.ValLoss[1]
	if math.Abs(before-math.Log(3802)) > 0.5 || !(after < 6.9) {
		t.Errorf("validation loss %.4f before and %.4f after %d steps; want about %.2f and below 6.9", before, after, cfg.Steps, math.Log(3802))
	}
	t.Logf("validation loss %.4f → %.4f, %.1f ms a step", before, after, res.MsPerStep)
}
