package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"

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

// atLeast is an int flag that refuses values below min when it is set.
type atLeast struct {
	p   *int
	min int
}

func (v atLeast) String() string {
	if v.p == nil {
		return "0"
	}
	return strconv.Itoa(*v.p)
}

func (v atLeast) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return errors.New("not a whole number")
	}
	if n < v.min {
		return fmt.Errorf("want at least %d", v.min)
	}
	*v.p = n
	return nil
}

// positive is a float flag that refuses values that are not > 0.
type positive struct{ p *float64 }

func (v positive) String() string {
	if v.p == nil {
		return "0"
	}
	return strconv.FormatFloat(*v.p, 'g', -1, 64)
}

func (v positive) Set(s string) error {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || !(x > 0) || math.IsInf(x, 1) {
		return errors.New("want a number > 0")
	}
	*v.p = x
	return nil
}

// intFlag defines an int flag bound to p that refuses values below min.
func intFlag(fs *flag.FlagSet, p *int, name string, min int, usage string) {
	fs.Var(atLeast{p, min}, name, usage)
}

// trainFlags is the flag set of `aigc train KIND`, with the flags kinds
// share as methods: a kind's flags read like the list of what it takes.
type trainFlags struct {
	*flag.FlagSet
	kind *kind
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
func (f trainFlags) steps(p *int) { intFlag(f.FlagSet, p, "steps", 1, "training steps") }

// epochs defines -epochs, bound to p.
func (f trainFlags) epochs(p *int) {
	intFlag(f.FlagSet, p, "epochs", 1, "passes over the training digits")
}

// trainSize defines -train-size, bound to p.
func (f trainFlags) trainSize(p *int) {
	intFlag(f.FlagSet, p, "train-size", 0, "use only the first N training digits (0: all 60,000)")
}

// batch defines -batch, bound to p.
func (f trainFlags) batch(p *int) {
	intFlag(f.FlagSet, p, "batch", 1, "examples per training step")
}

// lr defines -lr, bound to p.
func (f trainFlags) lr(p *float64) {
	f.Var(positive{p}, "lr", "Adam's learning rate")
}

// every defines -every, bound to p.
func (f trainFlags) every(p *int) {
	intFlag(f.FlagSet, p, "every", 0, "also save a checkpoint every this many steps (0: only at the end)")
}
