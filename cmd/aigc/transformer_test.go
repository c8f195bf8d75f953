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
	if info, err := os.Stat(filepath.Join(dir, "gpt.params")); err != nil || info.Size() == 0 {
		t.Errorf("gpt.params not written: %v", err)
	}
	for _, want := range []string{"step 0/2  val loss", "GPT after 2 steps: val loss", "ms a step", "a sample of 300 characters"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, &stdout)
		}
	}
	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"train", "transformer", "-task", "reverse"}, 2, "-task must be gpt, copy, translate or bible"},
		{[]string{"train", "transformer", "-corpus", filepath.Join(out, "missing.txt"), "-out", out}, 1, "-corpus"},
		{[]string{"train", "transformer", "-write-corpus", filepath.Join(out, "w.txt"), "-corpus", corpus}, 1, "-write-corpus writes the Go corpus"},
		{[]string{"train", "transformer", "-iters", "-1"}, 1, "-iters -1"},
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
		if info, err := os.Stat(filepath.Join(dir, tc.task+".params")); err != nil || info.Size() == 0 {
			t.Errorf("%s: %s.params not written: %v", tc.task, tc.task, err)
		}
		for _, want := range tc.want {
			if !strings.Contains(stdout.String(), want) {
				t.Errorf("%s: output lacks %q:\n%s", tc.task, want, &stdout)
			}
		}
	}
}
