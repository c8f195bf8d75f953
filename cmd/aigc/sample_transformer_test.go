package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/luoxia/aigc/chapters/transformer"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// tinyGPTCheckpoint writes an untrained GPT with a context of 8 over the
// characters of a line of Go into a new folder and returns it.
func tinyGPTCheckpoint(t *testing.T) string {
	t.Helper()
	corpus, err := data.NewCharCorpus(strings.Repeat("func main() { return x }\n", 20), "test")
	if err != nil {
		t.Fatal(err)
	}
	cfg := transformer.BabyGPTTraining()
	cfg.Model = transformer.GPTConfig{Vocab: corpus.Vocab.Size(), BlockSize: 8, Layers: 1, Heads: 2, Width: 8}
	g, err := transformer.NewGPT(cfg.Model, tensor.NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := saveGPT(dir, cfg, corpus, 0, 0, g, nil); err != nil {
		t.Fatal(err)
	}
	return dir
}

// sampleOut runs aigc sample with args and returns its exit code, stdout
// and stderr.
func sampleOut(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"sample"}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// A GPT checkpoint continues the prompt by -n characters, past its
// context, the same for the same seed and flags.
func TestSampleGPT(t *testing.T) {
	dir := tinyGPTCheckpoint(t)
	args := []string{"-checkpoint", dir, "-prompt", "func ", "-n", "40", "-temperature", "0.8", "-top-k", "0", "-top-p", "0.95", "-seed", "1"}
	code, out, errs := sampleOut(args...)
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "func ") || utf8.RuneCountInString(out) != 5+40+1 {
		t.Errorf("output %q: want the prompt, 40 characters and a newline", out)
	}
	if _, again, _ := sampleOut(args...); again != out {
		t.Errorf("the same seed drew %q, then %q", out, again)
	}
	args[len(args)-1] = "2"
	if _, other, _ := sampleOut(args...); other == out {
		t.Errorf("seeds 1 and 2 drew the same %q", out)
	}
	file := filepath.Join(t.TempDir(), "sample.txt")
	if code, _, errs := sampleOut("-checkpoint", dir, "-n", "10", "-out", file); code != 0 {
		t.Fatalf("-out: exit code %d: %s", code, errs)
	}
	if b, err := os.ReadFile(file); err != nil || utf8.RuneCount(b) != 1+10+1 || b[0] != '\n' {
		t.Errorf("-out wrote %q (%v); want a newline, 10 characters and a newline", b, err)
	}
}

// Bad text flags, a prompt the model cannot read and text flags for a
// model of another kind are errors naming the flag.
func TestSampleTextErrors(t *testing.T) {
	dir := tinyGPTCheckpoint(t)
	vaeDir := t.TempDir()
	if err := writeRecord(vaeDir, "vae", 1, 1, 0, map[string]int{}, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-temperature", "0"}, "-temperature 0: want a temperature above 0"},
		{[]string{"-temperature", "-1"}, "-temperature -1"},
		{[]string{"-top-p", "0"}, "-top-p 0: want a probability in (0, 1]"},
		{[]string{"-top-p", "1.5"}, "-top-p 1.5"},
		{[]string{"-top-k", "-2"}, "-top-k -2"},
		{[]string{"-prompt", "func é"}, `-prompt "func é": character 'é'`},
		{[]string{"-checkpoint", vaeDir, "-prompt", "x"}, `-prompt: ` + vaeDir + ` is a model of kind "vae", which draws no text`},
	} {
		args := append([]string{"-checkpoint", dir}, c.args...)
		if code, _, errs := sampleOut(args...); code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit code %d, stderr %q; want 1 and %q", c.args, code, errs, c.want)
		}
	}
}

// An encoder-decoder checkpoint translates -prompt greedily, and refuses
// words it does not know and the sampling flags.
func TestSampleSeq2Seq(t *testing.T) {
	run, err := newSeq2SeqRun("translate", "")
	if err != nil {
		t.Fatal(err)
	}
	cfg := run.cfg
	cfg.Model.SrcVocab, cfg.Model.TgtVocab, cfg.Model.Pad = run.task.SrcVocab, run.task.TgtVocab, data.PadID
	m, err := transformer.NewEncoderDecoder(cfg.Model, tensor.NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := saveSeq2Seq(dir, cfg, run.task, 0, 0, m, nil); err != nil {
		t.Fatal(err)
	}
	code, out, errs := sampleOut("-checkpoint", dir, "-prompt", "forty-two thousand and seven")
	if code != 0 || !strings.HasPrefix(out, "forty-two thousand and seven  →  ") {
		t.Errorf("exit code %d, output %q, stderr %q", code, out, errs)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-prompt", "forty-two zillion"}, `-prompt: "zillion" is not a word of the translate task`},
		{[]string{"-prompt", "<s> one"}, `-prompt: "<s>" is not a word`},
		{[]string{}, "-prompt: give the translate model the words to translate"},
		{[]string{"-prompt", "one", "-top-p", "0.9"}, "-top-p: the translate model"},
	} {
		args := append([]string{"-checkpoint", dir}, c.args...)
		if code, _, errs := sampleOut(args...); code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit code %d, stderr %q; want 1 and %q", c.args, code, errs, c.want)
		}
	}
}
