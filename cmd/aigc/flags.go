package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"

	"github.com/luoxia/aigc/chapters/evaluation"
	"github.com/luoxia/aigc/lib/data"
)

// errUsage reports a flag mistake that the flag package has already explained.
var errUsage = errors.New("usage")

// newFlags returns the flag set of `aigc name`. Its usage message is
// "usage: aigc name synopsis", a blank line, about, and the flags.
func newFlags(name, synopsis, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("aigc "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: aigc %s %s\n\n%s\n\nFlags:\n", name, synopsis, about)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args into fs. It returns flag.ErrHelp when -h was
// asked for (the usage is printed and the command should stop, with
// success), errUsage for a mistake, including more than maxArgs arguments
// after the flags when maxArgs >= 0.
func parseFlags(fs *flag.FlagSet, args []string, maxArgs int) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return flag.ErrHelp
		}
		return errUsage
	}
	if maxArgs >= 0 && fs.NArg() > maxArgs {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(maxArgs))
		fs.Usage()
		return errUsage
	}
	return nil
}

// The flags below are the ones several commands and kinds share, each
// defined once here so that its name, default and help are the same
// wherever it appears.

// mnistFlag defines -mnist, the folder MNIST is read from.
func mnistFlag(fs *flag.FlagSet) *string {
	return fs.String("mnist", "", "folder with the MNIST IDX files (default: $"+data.MNISTEnv+", else the GoMNIST module's copy)")
}

// cacheFlag defines -cache, the folder trained weights are kept in.
func cacheFlag(fs *flag.FlagSet) *string {
	return fs.String("cache", "", "folder trained weights are kept in (default: $"+evaluation.CacheEnv+", else the user cache folder's luoxia/)")
}

// seedFlag defines -seed, bound to p.
func seedFlag(fs *flag.FlagSet, p *uint64) {
	fs.Uint64Var(p, "seed", *p, "random seed: the same seed gives the same run")
}

// trainFlags is the flag set of `aigc train KIND`, with the flags kinds
// share as methods: a kind's flags read like the list of what it takes.
type trainFlags struct {
	*flag.FlagSet
	kind   *kind
	checks *[]func() error // run once the flags are parsed, before the kind
}

// atLeast defines an int flag bound to p whose value must be min or more.
func (f trainFlags) atLeast(p *int, name string, min int, usage string) {
	f.IntVar(p, name, *p, usage)
	*f.checks = append(*f.checks, func() error {
		if *p < min {
			return fmt.Errorf("-%s %d: want %d or more", name, *p, min)
		}
		return nil
	})
}

// between defines an int flag bound to p whose value must lie in
// [min, max]. The ceiling is for the sizes a run allocates by (a batch, a
// width, a schedule's length): far above anything the book trains, it turns
// a mistyped size into an error naming the flag instead of a run that
// exhausts the machine's memory.
func (f trainFlags) between(p *int, name string, min, max int, usage string) {
	f.IntVar(p, name, *p, usage)
	*f.checks = append(*f.checks, func() error {
		if *p < min || *p > max {
			return fmt.Errorf("-%s %d: want %d to %d", name, *p, min, max)
		}
		return nil
	})
}

// positive defines a float flag bound to p whose value must be > 0.
func (f trainFlags) positive(p *float64, name, usage string) {
	f.Float64Var(p, name, *p, usage)
	*f.checks = append(*f.checks, func() error {
		if !(*p > 0) || math.IsInf(*p, 1) {
			return fmt.Errorf("-%s %g: want a number > 0", name, *p)
		}
		return nil
	})
}

// out defines -out: the folder (default out/CHAPTER) that holds the
// kind's files in a subfolder.
func (f trainFlags) out() *string {
	return f.String("out", filepath.Join("out", f.kind.chapter), "folder; the model's files go in a subfolder named after it")
}

// mnist defines -mnist.
func (f trainFlags) mnist() *string { return mnistFlag(f.FlagSet) }

// cache defines -cache.
func (f trainFlags) cache() *string { return cacheFlag(f.FlagSet) }

// seed defines -seed, bound to p.
func (f trainFlags) seed(p *uint64) { seedFlag(f.FlagSet, p) }

// steps defines -steps, bound to p.
func (f trainFlags) steps(p *int) { f.atLeast(p, "steps", 1, "training steps") }

// epochs defines -epochs, bound to p.
func (f trainFlags) epochs(p *int) {
	f.atLeast(p, "epochs", 1, "passes over the training digits")
}

// trainSize defines -train-size, bound to p.
func (f trainFlags) trainSize(p *int) {
	f.atLeast(p, "train-size", 0, "use only the first N training digits (0: all 60,000)")
}

// maxBatch is the largest -batch any kind takes: sixteen times the
// book's largest batch (256).
const maxBatch = 4096

// batch defines -batch, bound to p.
func (f trainFlags) batch(p *int) {
	f.between(p, "batch", 1, maxBatch, "examples per training step")
}

// lr defines -lr, bound to p.
func (f trainFlags) lr(p *float64) {
	f.positive(p, "lr", "Adam's learning rate")
}

// every defines -every, bound to p.
func (f trainFlags) every(p *int) {
	f.atLeast(p, "every", 0, "also save a checkpoint every this many steps (0: only at the end)")
}
