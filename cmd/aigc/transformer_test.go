package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// aigc train transformer -task gpt trains on a small -corpus file,
// checkpoints, writes gpt.params and model.json, and prints a sample.
func TestTrainTransformerGPT(t *testing.T) {
	out := t.TempDir()
	corpus := filepath.Join(out, "corpus.txt")
	text := strings.Repeat("package main\n\nfunc main() {\n\tprintln(\"hello, 世界\")\n}\n", 40)
	if err := os.WriteFile(corpus, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var saved []int
	checkpointed = func(d string) {
		rec, err := readRecord(d)
		if err != nil {
			t.Fatalf("checkpoint: %v", err)
		}
		saved = append(saved, rec.Steps)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"train", "transformer", "-task", "gpt", "-iters", "2", "-every", "1", "-corpus", corpus, "-out", out}, &stdout, &stderr)
	checkpointed = nil
	if code != 0 {
		t.Fatalf("exit code %d\n%s\n%s", code, &stdout, &stderr)
	}
	if len(saved) != 1 || saved[0] != 1 {
		t.Errorf("checkpoints during training after steps %v, want [1]", saved)
	}
	dir := filepath.Join(out, "gpt")
	rec, err := readRecord(dir)
	if err != nil {
		t.Fatal(err)
	}
	var cfg gptRecord
	if err := json.Unmarshal(rec.Config, &cfg); err != nil {
		t.Fatal(err)
	}
	if rec.Model != "transformer" || rec.Steps != 2 || cfg.Train.Model.Vocab != len([]rune(cfg.Vocab)) || cfg.Train.Model.Layers != 4 {
		t.Errorf("model.json: %+v with config %+v", rec, cfg)
	}
	if vl, ok := rec.Measured["val_loss"].([]any); !ok || len(vl) != 2 {
		t.Errorf("model.json: validation losses %v, want two (before and after)", rec.Measured["val_loss"])
	}
	for _, name := range []string{"gpt.params", "loss.png"} {
		if info, err := os.Stat(filepath.Join(dir, name)); err != nil || info.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	// The corpus has no ':', so the line of Go cannot be drawn.
	if _, err := os.Stat(filepath.Join(dir, "attention.png")); err == nil {
		t.Error("attention.png drawn from a corpus without the line's characters")
	}
	for _, want := range []string{"step 0/2  val loss", "GPT after 2 steps: val loss", "ms a step", "a sample of 300 characters", "no attention.png: the corpus lacks"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, &stdout)
		}
	}
	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"train", "transformer", "-task", "sort"}, 2, "-task must be gpt, copy, reverse, translate, bible or figures"},
		{[]string{"train", "transformer", "-norm", "middle"}, 1, "-norm middle: want pre or post"},
		{[]string{"train", "transformer", "-lr", "0"}, 1, "-lr 0: want a number > 0"},
		{[]string{"train", "transformer", "-warmup", "-1"}, 1, "-warmup -1"},
		{[]string{"train", "transformer", "-warmup", "2000", "-corpus", corpus}, 1, "-warmup 2000: want fewer than the 2000 steps"},
		{[]string{"train", "transformer", "-compare-norms", "-corpus", corpus}, 1, "-compare-norms is for the encoder-decoder"},
		{[]string{"train", "transformer", "-task", "copy", "-compare-norms", "-norm", "post"}, 1, "leave out -norm post"},
		{[]string{"train", "transformer", "-task", "copy", "-compare-norms", "-warmup", "0"}, 1, "give -warmup above 0"},
		{[]string{"train", "transformer", "-corpus", filepath.Join(out, "missing.txt"), "-out", out}, 1, "-corpus"},
		{[]string{"train", "transformer", "-write-corpus", filepath.Join(out, "w.txt"), "-corpus", corpus}, 1, "-write-corpus writes the Go corpus"},
		{[]string{"train", "transformer", "-iters", "-1"}, 1, "-iters -1"},
		{[]string{"train", "transformer", "-precision", "float16"}, 1, "-precision float16: want float32 or float64"},
		{[]string{"train", "transformer", "-task", "copy", "-precision", "float32"}, 1, "-precision float32: only -task gpt computes in float32"},
	} {
		stdout.Reset()
		stderr.Reset()
		if code := run(bad.args, &stdout, &stderr); code != bad.code || !strings.Contains(stderr.String(), bad.want) {
			t.Errorf("%v: exit code %d, want %d; stderr lacks %q?\n%s", bad.args, code, bad.code, bad.want, &stderr)
		}
	}
}

// aigc train transformer -task copy and -task translate train the
// encoder-decoder for 2 steps, checkpoint, write TASK.params and
// model.json with the test scores, and print examples.
func TestTrainTransformerSeq2Seq(t *testing.T) {
	for _, tc := range []struct {
		task string
		want []string // in the output
		keys []string // in model.json's measured
	}{
		{"copy", []string{"exact", "1000 test examples", "the first 5 test examples"}, []string{"greedy_exact", "greedy_token_accuracy"}},
		{"reverse", []string{"exact", "1000 test examples", "the first 5 test examples"}, []string{"greedy_exact", "greedy_token_accuracy"}},
		{"translate", []string{"5000 test examples", "BLEU", "beam search (B = 2", "the first 5 test examples"}, []string{"greedy_bleu", "beam_bleu", "beam_exact"}},
	} {
		out := t.TempDir()
		var saved []int
		checkpointed = func(d string) {
			rec, err := readRecord(d)
			if err != nil {
				t.Fatalf("checkpoint: %v", err)
			}
			saved = append(saved, rec.Steps)
		}
		var stdout, stderr bytes.Buffer
		args := []string{"train", "transformer", "-task", tc.task, "-iters", "2", "-every", "1", "-seed", "3", "-out", out}
		if tc.task == "translate" {
			args = append(args, "-beam", "2")
		}
		code := run(args, &stdout, &stderr)
		checkpointed = nil
		if code != 0 {
			t.Fatalf("%s: exit code %d\n%s\n%s", tc.task, code, &stdout, &stderr)
		}
		if len(saved) != 1 || saved[0] != 1 {
			t.Errorf("%s: checkpoints during training after steps %v, want [1]", tc.task, saved)
		}
		dir := filepath.Join(out, tc.task)
		rec, err := readRecord(dir)
		if err != nil {
			t.Fatal(err)
		}
		var cfg seq2seqRecord
		if err := json.Unmarshal(rec.Config, &cfg); err != nil {
			t.Fatal(err)
		}
		if rec.Model != "transformer" || rec.Steps != 2 || rec.Seed != 3 || cfg.Task != tc.task || cfg.Train.Model.Layers != 2 || cfg.Train.Steps != 2 {
			t.Errorf("%s: model.json: %+v with config %+v", tc.task, rec, cfg)
		}
		for _, k := range tc.keys {
			if _, ok := rec.Measured[k].(float64); !ok {
				t.Errorf("%s: model.json lacks the score %s: %v", tc.task, k, rec.Measured)
			}
		}
		for _, name := range []string{tc.task + ".params", "loss.png", "attention.png"} {
			if info, err := os.Stat(filepath.Join(dir, name)); err != nil || info.Size() == 0 {
				t.Errorf("%s: %s not written: %v", tc.task, name, err)
			}
		}
		for _, want := range tc.want {
			if !strings.Contains(stdout.String(), want) {
				t.Errorf("%s: output lacks %q:\n%s", tc.task, want, &stdout)
			}
		}
		// -task figures -checkpoint draws the run's figures again.
		for _, name := range []string{"loss.png", "attention.png"} {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
		if code := run([]string{"train", "transformer", "-task", "figures", "-checkpoint", dir}, &stdout, &stderr); code != 0 {
			t.Fatalf("%s: redrawing: exit code %d\n%s", tc.task, code, &stderr)
		}
		for _, name := range []string{"loss.png", "attention.png"} {
			if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
				t.Errorf("%s: %s not redrawn: %v", tc.task, name, err)
			}
		}
	}
}

// aigc train transformer -task figures draws the saturation of the
// softmax and the sinusoids, and prints the saturation's numbers.
func TestTransformerFigures(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"train", "transformer", "-task", "figures", "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit code %d\n%s\n%s", code, &stdout, &stderr)
	}
	for _, name := range []string{"scale.png", "positions.png"} {
		if info, err := os.Stat(filepath.Join(out, "figures", name)); err != nil || info.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	vaeDir := t.TempDir()
	if err := writeRecord(vaeDir, "vae", 1, 1, 0, map[string]int{}, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-task", "figures", "-checkpoint", vaeDir}, `is a model of kind "vae"`},
		{[]string{"-task", "figures", "-checkpoint", filepath.Join(out, "none")}, "-checkpoint: open"},
		{[]string{"-task", "copy", "-checkpoint", vaeDir}, "only -task figures reads a checkpoint"},
	} {
		var so, se bytes.Buffer
		if code := run(append([]string{"train", "transformer"}, c.args...), &so, &se); code != 1 || !strings.Contains(se.String(), c.want) {
			t.Errorf("%v: exit code %d, stderr %q; want 1 and %q", c.args, code, se.String(), c.want)
		}
	}
	// the table's row for d_k = 64
	if want := "    64       0.843      0.177       0.249      0.305"; !strings.Contains(stdout.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, &stdout)
	}
}

// -norm, -warmup and -lr reach the encoder-decoder's settings, and
// -compare-norms trains the four runs, prints their table and writes
// norms.png and norms.json.
func TestTrainTransformerNorms(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	args := []string{"train", "transformer", "-task", "reverse", "-iters", "2", "-norm", "post", "-warmup", "0", "-lr", "0.01", "-out", out}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit code %d\n%s\n%s", code, &stdout, &stderr)
	}
	rec, err := readRecord(filepath.Join(out, "reverse"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg seq2seqRecord
	if err := json.Unmarshal(rec.Config, &cfg); err != nil {
		t.Fatal(err)
	}
	if c := cfg.Train; !c.Model.PostLN || c.Warmup != 0 || c.LR != 0.01 {
		t.Errorf("model.json: post-LN %v, warm-up %d, rate %g; want true, 0, 0.01", c.Model.PostLN, c.Warmup, c.LR)
	}

	stdout.Reset()
	stderr.Reset()
	args = []string{"train", "transformer", "-task", "copy", "-compare-norms", "-iters", "3", "-warmup", "2", "-out", out}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit code %d\n%s\n%s", code, &stdout, &stderr)
	}
	for _, want := range []string{"pre-LN, warm-up 2", "pre-LN, no warm-up", "post-LN, warm-up 2", "post-LN, no warm-up", "norms.png"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, &stdout)
		}
	}
	b, err := os.ReadFile(filepath.Join(out, "copy-norms", "norms.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec2 struct {
		Runs []struct {
			Name      string
			TrainLoss []float64 `json:"train_loss"`
		}
	}
	if err := json.Unmarshal(b, &rec2); err != nil || len(rec2.Runs) != 4 || len(rec2.Runs[3].TrainLoss) != 3 {
		t.Errorf("norms.json: %+v, %v; want 4 runs of 3 losses", rec2, err)
	}
	if info, err := os.Stat(filepath.Join(out, "copy-norms", "norms.png")); err != nil || info.Size() == 0 {
		t.Errorf("norms.png not written: %v", err)
	}
}
