package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// tourFlags are the tour's own flags passed on to every kind whose flag
// set defines them, when they are given.
var tourFlags = []string{"mnist", "cache", "train-size", "seed", "eval-size"}

// tourKinds are the kinds on the tour, by chapter in the book's order.
func tourKinds() []*kind {
	var ks []*kind
	for _, k := range allKinds() {
		if k.tour != nil {
			ks = append(ks, k)
		}
	}
	return ks
}

// tourStops are the chapters the tour stops at, in the book's order.
func tourStops() []string {
	var stops []string
	for _, k := range tourKinds() {
		if len(stops) == 0 || stops[len(stops)-1] != k.chapter {
			stops = append(stops, k.chapter)
		}
	}
	return stops
}

// runTour is `aigc tour`: a stop per chapter, where it trains the
// chapter's tour kinds with the same runs `aigc train` makes.
func runTour(args []string, stdout, stderr io.Writer) error {
	stops := tourStops()
	var plan strings.Builder
	last := ""
	for _, k := range tourKinds() {
		chapter := k.chapter
		if chapter == last {
			chapter = ""
		}
		last = k.chapter
		fmt.Fprintf(&plan, "\n\t%-12s aigc train %s", chapter, strings.Join(append([]string{k.name}, k.tour...), " "))
	}
	fs := newFlags("tour", "[flags]", "Makes one stop per chapter, in the book's order, and at each trains the\nchapter's models on the default data as `aigc train` does, prints what they\nreach, and writes their files into -out/CHAPTER/KIND. The stops and what they run:"+
		plan.String()+"\n\nThe flags below other than -out and -stops are passed on to every model that\ntakes them.", stderr)
	out := fs.String("out", filepath.Join("out", "tour"), "folder for the tour's files (created if missing)")
	want := fs.String("stops", strings.Join(stops, ","), "the stops to make, comma-separated")
	mnistFlag(fs)
	cacheFlag(fs)
	fs.Int("train-size", 0, "use only the first N training digits (0: all 60,000)")
	fs.Uint64("seed", 0, "random seed (default: each model's own)")
	fs.Int("eval-size", 0, "evaluation: images on each side of every comparison (default: 10,000, as the book)")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	var chosen []string
	for _, s := range strings.Split(*want, ",") {
		if !contains(stops, s) {
			return fmt.Errorf("-stops: no stop %q (the stops are %s)", s, strings.Join(stops, ", "))
		}
		if !contains(chosen, s) {
			chosen = append(chosen, s)
		}
	}
	passed := map[string]string{}
	fs.Visit(func(f *flag.Flag) {
		if contains(tourFlags, f.Name) {
			passed[f.Name] = f.Value.String()
		}
	})
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("-out: %w", err)
	}
	dir := passed["mnist"]
	if dir == "" {
		var err error
		if dir, err = data.MNISTDir(); err != nil {
			return err
		}
	}
	if _, _, err := loadMNIST(dir); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "luoxia tour · matrix products by %s · MNIST from %s\n", tensor.BLAS(), dir)
	n := 0
	for _, stop := range stops {
		if !contains(chosen, stop) {
			continue
		}
		n++
		fmt.Fprintf(stdout, "\n[%d] %s\n", n, stop)
		for _, k := range tourKinds() {
			if k.chapter != stop {
				continue
			}
			kfs, _ := k.flagSet(io.Discard)
			kargs := append(append([]string(nil), k.tour...), "-out", filepath.Join(*out, stop))
			for _, name := range tourFlags {
				if v, ok := passed[name]; ok && kfs.Lookup(name) != nil && !contains(k.tourHolds, name) {
					kargs = append(kargs, "-"+name, v)
				}
			}
			fmt.Fprintf(stdout, "\n$ aigc train %s %s\n", k.name, strings.Join(kargs, " "))
			if err := k.train(kargs, stdout, stderr); err != nil {
				return fmt.Errorf("%s: %w", k.name, err)
			}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
