package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/luoxia/aigc/chapters/transformer"
	"github.com/luoxia/aigc/lib/data"
)

// maxBeam is the widest -beam: every hypothesis of a beam keeps its own
// cache of keys and values, so the width sets memory.
const maxBeam = 256

// The Transformer chapter's kind.
func init() {
	register(&kind{
		name: "transformer", chapter: "transformer",
		summary: "the Transformer chapter's models: -task gpt, copy, reverse, translate or bible (and -task figures)",
		about: "Trains one of the Transformer chapter's models. -task gpt trains the character-level\n" +
			"GPT with nanoGPT's CPU baby-GPT settings (4 layers, 4 heads, width 128, contexts of 64,\n" +
			"batches of 12, AdamW at 1e-3 with warm-up and cosine decay) on the Go corpus (the\n" +
			"sources of 21 standard-library packages, about a million characters) or on the text\n" +
			"file -corpus names. Its products, GELU and softmax compute in float32, as PyTorch's\n" +
			"do; -precision float64 makes them exact. It shows the validation loss every 250\n" +
			"steps, writes gpt.params and model.json (the settings, the losses, ms a step) into\n" +
			"-out/gpt, and ends with a sample of the model's text. -write-corpus FILE writes the\n" +
			"Go corpus to FILE instead, so that bench/gpt_train.py reads the same bytes.\n\n" +
			"-task copy, reverse and translate train a small encoder-decoder (2+2 pre-LN layers, 4 heads,\n" +
			"width 64) by teacher forcing with label smoothing 0.1: copy on the Annotated\n" +
			"Transformer's copy task (600 steps of 80 random sequences; exact match on the 1,000\n" +
			"held-out sequences), reverse on the same sequences written back in reverse order,\n" +
			"translate on English number words to Chinese numerals (600 steps\n" +
			"of 64 pairs; exact match and BLEU over characters on the 5,000 test numbers, greedy\n" +
			"and with a beam of -beam). Their files go into -out/TASK.\n\n" +
			"-task bible trains it (with dropout 0.1) to translate the King James Version into the\n" +
			"Reina-Valera 1909: the 5,971 verses of at most 15 English words, split 5,417/278/276 by\n" +
			"reference, words and punctuation as tokens (600 steps of 32 pairs; validation loss, and\n" +
			"BLEU and ROUGE-L over words on the 276 test verses, greedy and with a beam of -beam).\n" +
			"The verses come from the Debian packages " + data.BiblePackages + ";\n" +
			"-write-pairs DIR writes the split, tokenized pairs into DIR (train.tsv, valid.tsv,\n" +
			"test.tsv) for bench/seq2seq_train.py, and -pairs DIR trains on such files instead.\n\n" +
			"-norm post puts the LayerNorm after each residual sum (Vaswani et al.) instead of before\n" +
			"the sublayer; -warmup and -lr set the rate's warm-up and peak. -compare-norms trains an\n" +
			"encoder-decoder task pre-LN and post-LN, each with the warm-up and without, and writes\n" +
			"their losses into -out/TASK-norms/norms.png.\n\n" +
			"Every run also draws its loss curve (loss.png) and attention maps (attention.png).\n" +
			"-task figures trains nothing: it draws the figures that need no model, the softmax's\n" +
			"saturation against d_k (scale.png) and the sinusoidal positions (positions.png), into\n" +
			"-out/figures; with -checkpoint DIR it redraws the figures of the finished run in DIR.\n\n" +
			"`aigc sample -checkpoint out/transformer/gpt -prompt TEXT` continues TEXT with the GPT\n" +
			"(-temperature, -top-k, -top-p); given a copy, reverse or translate folder it translates -prompt.",
		flags:  transformerFlags,
		sample: sampleTransformer,
		text:   true,
		tour:   []string{"-task", "copy"},
	})
}

// transformerTasks are the values -task takes.
const transformerTasks = "gpt, copy, reverse, translate, bible or figures"

// transformerFlags are the flags of `aigc train transformer`.
func transformerFlags(f trainFlags) trainRun {
	r := &gptRun{cfg: transformer.BabyGPTTraining()}
	task := f.String("task", "gpt", "which model: "+transformerTasks+" (a character-level GPT, the encoder-decoder on a task, or the figures that need no model)")
	f.atLeast(&r.cfg.Iters, "iters", 0, "training steps (default: gpt 2,000, copy, reverse, translate and bible 600); fewer than the GPT's 2,000 stop early, on the same schedule")
	beam := new(int)
	*beam = 4
	f.between(beam, "beam", 0, maxBeam, "translate, bible: after greedy decoding, also decode the test set with a beam of this width (0 or 1: not)")
	alpha := f.Float64("alpha", transformer.BeamAlpha, "translate, bible: the beam's length normalisation α (0: rank by log-probability alone)")
	pairs := f.String("pairs", "", "bible: read the verse pairs from the files -write-pairs wrote into this folder, instead of the SWORD modules")
	writePairs := f.String("write-pairs", "", "write the bible task's split, tokenized verse pairs into this folder (train.tsv, valid.tsv, test.tsv) and train nothing")
	opt := transformerOptionFlags(f)
	f.seed(&r.cfg.Seed)
	f.every(&r.every)
	f.StringVar(&r.corpus, "corpus", "", "a UTF-8 text file to train on instead of the Go corpus")
	f.StringVar(&r.writeCorpus, "write-corpus", "", "write the Go corpus to this file, byte for byte, and train nothing")
	checkpoint := f.String("checkpoint", "", "-task figures: redraw the loss.png and attention.png of the finished run in this folder (e.g. out/transformer/gpt) instead")
	out := f.out()
	return func(stdout, stderr io.Writer) error {
		if *checkpoint != "" && *task != "figures" {
			return fmt.Errorf("-checkpoint %s: only -task figures reads a checkpoint (to redraw its figures)", *checkpoint)
		}
		if *writePairs != "" {
			return writeBiblePairs(stdout, *pairs, *writePairs)
		}
		switch *task {
		case "gpt":
			if err := opt.gpt(&r.cfg); err != nil {
				return err
			}
		case "copy", "reverse", "translate", "bible":
			s, err := seq2seqFromFlags(f, *task, r, *beam, *alpha, *pairs, *out)
			if err != nil {
				return err
			}
			if err := opt.seq2seq(&s.cfg); err != nil {
				return err
			}
			if opt.compareNorms {
				return s.compareNorms(stdout, stderr)
			}
			return s.train(stdout, stderr)
		case "figures":
			if *checkpoint != "" {
				return redrawFigures(stdout, *checkpoint)
			}
			return writeChapterFigures(stdout, *out)
		default:
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

// seq2seqFromFlags returns the run of the encoder-decoder task, with the
// task's own default steps and seed unless -iters or -seed was given,
// and -every, -beam, -alpha, -pairs and -out from the flags.
func seq2seqFromFlags(f trainFlags, task string, g *gptRun, beam int, alpha float64, pairs, out string) (*seq2seqRun, error) {
	if pairs != "" && task != "bible" {
		return nil, fmt.Errorf("-pairs holds the bible task's verses; -task %s does not read it", task)
	}
	s, err := newSeq2SeqRun(task, pairs)
	if err != nil {
		return nil, err
	}
	f.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "iters":
			s.cfg.Steps = g.cfg.Iters
		case "seed":
			s.cfg.Seed = g.cfg.Seed
		}
	})
	if task == "translate" || task == "bible" {
		s.beam, s.alpha = beam, alpha
	}
	s.every, s.out = g.every, out
	return s, nil
}

// writeBiblePairs is -write-pairs: the bible task's pairs, from the SWORD
// modules (or from -pairs), written into dir for another program to read.
func writeBiblePairs(stdout io.Writer, from, dir string) error {
	b, err := loadBiblePairs(from)
	if err != nil {
		return err
	}
	if err := data.WriteBiblePairs(dir, b); err != nil {
		return fmt.Errorf("-write-pairs: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %d training, %d validation and %d test verse pairs into %s (%s, %s, %s)\n",
		len(b.Train), len(b.Valid), len(b.Test), dir, data.BiblePairFiles[0], data.BiblePairFiles[1], data.BiblePairFiles[2])
	return nil
}

// loadBiblePairs reads the bible task's pairs from the SWORD modules, or
// from the folder -pairs names.
func loadBiblePairs(dir string) (*data.BiblePairs, error) {
	b, err := data.LoadBiblePairs(dir)
	switch {
	case dir != "" && err != nil:
		return nil, fmt.Errorf("-pairs: %w", err)
	case errors.Is(err, data.ErrCorpusMissing):
		return nil, fmt.Errorf("-task bible needs the Bibles of the Debian packages %s: %w (or give -pairs DIR, written by -write-pairs where they are installed)", data.BiblePackages, err)
	}
	return b, err
}
