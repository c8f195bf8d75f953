package main

import (
	"flag"
	"fmt"
	"math"

	"github.com/luoxia/aigc/chapters/transformer"
	"github.com/luoxia/aigc/lib/tensor"
)

// transformerOptions are the flags of `aigc train transformer` that change
// how any of its models trains: where the layer norm goes, the warm-up and
// the peak rate. Each applies only when given, so every task keeps its
// own defaults otherwise.
type transformerOptions struct {
	norm         string           // -norm: "pre" or "post"
	warmup       int              // -warmup: steps of warm-up (0: none)
	lr           float64          // -lr: the peak learning rate
	compareNorms bool             // -compare-norms: train pre- and post-LN, with and without warm-up
	precision    string           // -precision: the GPT's arithmetic, "float32" or "float64"
	prec         tensor.Precision // -precision, parsed
	given        map[string]bool
}

// transformerOptionFlags defines -norm, -warmup, -lr and -compare-norms.
func transformerOptionFlags(f trainFlags) *transformerOptions {
	o := &transformerOptions{norm: "pre", warmup: 100}
	f.StringVar(&o.norm, "norm", o.norm, "where the LayerNorm goes: pre (x + Sublayer(LN(x)), the default) or post (LN(x + Sublayer(x)), Vaswani et al.'s)")
	f.atLeast(&o.warmup, "warmup", 0, "steps over which the rate climbs from 0 to its peak (default 100; 0: none)")
	f.Float64Var(&o.lr, "lr", 0, "peak learning rate (default: gpt 1e-3, copy, reverse and translate 3e-3)")
	f.StringVar(&o.precision, "precision", "float32", "gpt: the arithmetic of the blocks' matrix products, GELU and attention's softmax: float32 (as PyTorch trains it) or float64 (exact); parameters and AdamW stay float64")
	f.BoolVar(&o.compareNorms, "compare-norms", false, "copy, reverse, translate: train pre-LN and post-LN, each with the warm-up and without, from one seed, and draw their losses into norms.png")
	*f.checks = append(*f.checks, func() error {
		if o.norm != "pre" && o.norm != "post" {
			return fmt.Errorf("-norm %s: want pre or post", o.norm)
		}
		o.given = map[string]bool{}
		f.Visit(func(fl *flag.Flag) { o.given[fl.Name] = true })
		var err error
		if o.prec, err = tensor.ParsePrecision(o.precision); err != nil {
			return fmt.Errorf("-precision %s: want float32 or float64", o.precision)
		}
		if o.given["lr"] && (!(o.lr > 0) || math.IsInf(o.lr, 1)) {
			return fmt.Errorf("-lr %g: want a number > 0", o.lr)
		}
		if o.compareNorms && o.given["norm"] {
			return fmt.Errorf("-compare-norms trains both layer norms; leave out -norm %s", o.norm)
		}
		if o.compareNorms && o.warmup == 0 {
			return fmt.Errorf("-compare-norms compares a warm-up with none; give -warmup above 0")
		}
		return nil
	})
	return o
}

// seq2seq applies the flags given to an encoder-decoder's settings.
// -precision is the GPT's alone.
func (o *transformerOptions) seq2seq(cfg *transformer.Seq2SeqTrainConfig) error {
	if o.given["precision"] {
		return fmt.Errorf("-precision %s: only -task gpt computes in float32; the encoder-decoder computes in float64", o.precision)
	}
	if o.given["norm"] {
		cfg.Model.PostLN = o.norm == "post"
	}
	if o.given["warmup"] {
		cfg.Warmup = o.warmup
	}
	if o.given["lr"] {
		cfg.LR = o.lr
		cfg.MinLR = min(cfg.MinLR, o.lr)
	}
	return nil
}

// gpt applies the flags given to the GPT's settings. The cosine ends
// where it did; a warm-up that reaches past it is an error.
func (o *transformerOptions) gpt(cfg *transformer.GPTTrainConfig) error {
	if o.compareNorms {
		return fmt.Errorf("-compare-norms is for the encoder-decoder's tasks (copy, reverse, translate), not gpt")
	}
	if o.given["norm"] {
		cfg.Model.PostLN = o.norm == "post"
	}
	cfg.Model.Precision = o.prec
	if o.given["warmup"] {
		if o.warmup >= cfg.DecayIters {
			return fmt.Errorf("-warmup %d: want fewer than the %d steps the rate decays over", o.warmup, cfg.DecayIters)
		}
		cfg.WarmupIters = o.warmup
	}
	if o.given["lr"] {
		cfg.LR = o.lr
		cfg.MinLR = min(cfg.MinLR, o.lr)
	}
	return nil
}
