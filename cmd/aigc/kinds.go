package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/luoxia/aigc/lib/tensor"
)

// kind is a kind of model aigc trains: DCGAN, the VAE, the evaluation
// classifier. Each chapter registers its kinds in a file of its own
// (kinds_gan.go, ...), and `aigc train`, `aigc sample`, `aigc eval` and
// the tour all read the registry: adding a kind is one register call.
type kind struct {
	// name is what `aigc train NAME` takes and what model.json records.
	name string
	// chapter is the chapter the kind belongs to. Its -out defaults to
	// out/CHAPTER, and the tour's stop for the chapter trains it.
	chapter string
	// summary is the kind's line in the lists of kinds.
	summary string
	// about is the paragraph `aigc train NAME -h` shows.
	about string
	// flags defines the kind's flags of `aigc train NAME` and returns
	// the run, which reads them once they are parsed.
	flags func(f trainFlags) trainRun
	// sample, if not nil, draws from a checkpoint of the kind for
	// `aigc sample`.
	sample sampler
	// text marks a kind whose sampler writes text, itself: `aigc sample`
	// passes it the text flags (-prompt, -temperature, -top-k, -top-p),
	// which other kinds refuse, and any -out.
	text bool
	// eval, if not nil, is the kind's own evaluation, `aigc eval NAME`.
	eval *command
	// tour, if not nil, is the flags the tour trains the kind with (the
	// tour's own flags are passed on after them); nil keeps the kind off
	// the tour.
	tour []string
	// tourHolds names tour flags the tour does not pass on to the kind:
	// its own settings hold. The evaluation classifier is the book's
	// measuring instrument, so the tour's -seed and -train-size must not
	// make it train another one.
	tourHolds []string
}

// trainRun trains a kind with the flags its flag set parsed.
type trainRun func(stdout, stderr io.Writer) error

// sampleRequest is what `aigc sample` asks of a kind's sampler.
type sampleRequest struct {
	dir    string       // the checkpoint's folder
	rec    *modelRecord // its model.json
	n      int          // how many samples
	seed   uint64       // -seed
	rng    *tensor.RNG  // the noise, seeded with seed
	out    string       // the file to write: a .png or an .idx (text: any file, or "" for stdout)
	digits string       // -digits, for models that take a class
	mnist  string       // -mnist, for models that start from real digits
	text   textFlags    // -prompt, -temperature, -top-k, -top-p, for models of text
	// diffusion is -sampler, -steps, -eta and -variance, for diffusion models.
	diffusion diffusionRequest
	stdout    io.Writer
}

// sampler draws req.n samples from a checkpoint: digits [n, 784] in
// [0, 1], which `aigc sample` writes to req.out, or nil when the sampler
// wrote req.out itself (points in the plane are not digits).
type sampler func(req *sampleRequest) (*tensor.Tensor, error)

// kinds is the registry, in the order the kinds registered.
var kinds []*kind

// register adds k to the registry. A kind without a name, chapter,
// summary or flags, or with a name taken, is a programmer's mistake.
func register(k *kind) {
	if k.name == "" || k.chapter == "" || k.summary == "" || k.flags == nil {
		panic(fmt.Sprintf("aigc: kind %q needs a name, a chapter, a summary and flags", k.name))
	}
	if findKind(k.name) != nil {
		panic(fmt.Sprintf("aigc: kind %q registered twice", k.name))
	}
	if k.eval != nil {
		k.eval.name = k.name
	}
	kinds = append(kinds, k)
}

// findKind is the kind named name, or nil.
func findKind(name string) *kind {
	for _, k := range kinds {
		if k.name == name {
			return k
		}
	}
	return nil
}

// bookOrder lists the chapters in the book's reading order. Kinds are
// listed, and the tour makes its stops, in this order; chapters missing
// from it come after, in alphabetical order.
var bookOrder = []string{"foundations", "evaluation", "gan", "vae", "transformer", "diffusion"}

// allKinds is every registered kind, by chapter in the book's order, and
// within a chapter in the order they registered.
func allKinds() []*kind {
	rank := func(chapter string) int {
		for i, c := range bookOrder {
			if c == chapter {
				return i
			}
		}
		return len(bookOrder)
	}
	sorted := append([]*kind(nil), kinds...)
	sort.SliceStable(sorted, func(i, j int) bool {
		ri, rj := rank(sorted[i].chapter), rank(sorted[j].chapter)
		if ri != rj {
			return ri < rj
		}
		return ri == len(bookOrder) && sorted[i].chapter < sorted[j].chapter
	})
	return sorted
}

// sampledKinds are the kinds `aigc sample` can draw from.
func sampledKinds() []*kind {
	var ks []*kind
	for _, k := range allKinds() {
		if k.sample != nil {
			ks = append(ks, k)
		}
	}
	return ks
}

// kindNames is the kinds' names, comma-separated.
func kindNames(ks []*kind) string {
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = k.name
	}
	return strings.Join(names, ", ")
}

// kindCommands is the kinds as the commands of `aigc train`.
func kindCommands() []command {
	var cs []command
	for _, k := range allKinds() {
		cs = append(cs, command{k.name, k.chapter + ": " + k.summary, k.train})
	}
	return cs
}

// flagSet is the flag set of `aigc train NAME` and the run it gives.
func (k *kind) flagSet(stderr io.Writer) (*flag.FlagSet, trainRun) {
	about := k.about
	if about == "" {
		about = k.summary + "."
	}
	fs := newFlags("train "+k.name, "[flags]", about, stderr)
	var checks []func() error
	run := k.flags(trainFlags{fs, k, &checks})
	return fs, func(stdout, stderr io.Writer) error {
		for _, check := range checks {
			if err := check(); err != nil {
				return err
			}
		}
		return run(stdout, stderr)
	}
}

// train is `aigc train NAME [flags]`; the tour calls it too.
func (k *kind) train(args []string, stdout, stderr io.Writer) error {
	fs, run := k.flagSet(stderr)
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	return run(stdout, stderr)
}

// modelDir creates the folder out/name a run writes its files to.
func modelDir(out, name string) (string, error) {
	dir := filepath.Join(out, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("-out: %w", err)
	}
	return dir, nil
}
