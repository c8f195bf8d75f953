package main

import (
	"fmt"
	"io"

	"github.com/luoxia/aigc/chapters/transformer"
)

// The Transformer chapter's kind.
func init() {
	register(&kind{
		name: "transformer", chapter: "transformer",
		summary: "the Transformer chapter's models: -task gpt, a character-level GPT on Go's sources",
		about: "Trains one of the Transformer chapter's models. -task gpt trains the character-level\n" +
			"GPT with nanoGPT's CPU baby-GPT settings (4 layers, 4 heads, width 128, contexts of 64,\n" +
			"batches of 12, AdamW at 1e-3 with warm-up and cosine decay) on the Go corpus (the\n" +
			"sources of 21 standard-library packages, about a million characters) or on the text\n" +
			"file -corpus names. It shows the validation loss every 250 steps, writes\n" +
			"gpt.params and model.json (the settings, the losses, ms a step) into -out/gpt, and ends\n" +
			"with a sample of the model's text. -write-corpus FILE writes the Go corpus to FILE\n" +
			"instead, so that bench/gpt_train.py reads the same bytes.",
		flags: transformerFlags,
	})
}

// transformerTasks are the values -task takes.
const transformerTasks = "gpt"

// transformerFlags are the flags of `aigc train transformer`.
func transformerFlags(f trainFlags) trainRun {
	r := &gptRun{cfg: transformer.BabyGPTTraining()}
	task := f.String("task", "gpt", "which model: "+transformerTasks+" (a character-level GPT)")
	f.atLeast(&r.cfg.Iters, "iters", 0, "training steps; fewer than the schedule's 2,000 stop early, on the same schedule")
	f.seed(&r.cfg.Seed)
	f.every(&r.every)
	f.StringVar(&r.corpus, "corpus", "", "a UTF-8 text file to train on instead of the Go corpus")
	f.StringVar(&r.writeCorpus, "write-corpus", "", "write the Go corpus to this file, byte for byte, and train nothing")
	out := f.out()
	return func(stdout, stderr io.Writer) error {
		if *task != "gpt" {
			fmt.Fprintf(stderr, "aigc train transformer: -task must be %s, not %q\n", transformerTasks, *task)
			f.Usage()
			return errUsage
		}
		r.out = *out
		if r.writeCorpus != "" {
			return r.writeGoCorpus(stdout)
		}
		return r.train(stdout, stderr)
	}
}
