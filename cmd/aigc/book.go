package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"github.com/luoxia/aigc/internal/book"
)

// runBook is `aigc book check` and `aigc book build`.
func runBook(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "build" {
		return runBookBuild(args[1:], stdout, stderr)
	}
	return runBookCheck(args, stdout, stderr)
}

// runBookCheck is `aigc book check`: it checks the book's sources as
// mdBook would read them, and the code's anchors against the pages that
// show them (see internal/book).
func runBookCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("book", "check [-root dir] | build [flags]", "check: checks that every SUMMARY.md entry has a file, every {{#include path:anchor}}\nfinds its file and anchor, every $ and $$ math delimiter is balanced, every\nchapter with code has a notebook and graded exercises, and no notebook is\ncommitted with outputs. It also reads the book from the code back: every\nANCHOR in a Go file is included by some page, two includes have a sentence\nbetween them, and no include shows more than "+strconv.Itoa(book.MaxIncludeLines)+" lines.\n\nbuild: builds the HTML book (aigc book build -h).", stderr)
	root := fs.String("root", ".", "the folder holding book.toml")
	if len(args) == 0 || args[0] != "check" {
		fs.Usage()
		if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
			return flag.ErrHelp
		}
		return errUsage
	}
	if err := parseFlags(fs, args[1:], 0); err != nil {
		return err
	}
	probs, err := book.Check(*root)
	if err != nil {
		return err
	}
	for _, p := range probs {
		fmt.Fprintln(stderr, p)
	}
	if len(probs) > 0 {
		return fmt.Errorf("%d problem(s) in the book", len(probs))
	}
	fmt.Fprintln(stdout, "book: SUMMARY entries, includes, anchors, math delimiters, notebooks and exercises are all in order; every anchor is shown, with a sentence before the next")
	return nil
}

// runBookBuild is `aigc book build`: the HTML book, offline.
func runBookBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("book build", "[flags]", "Builds the book into HTML that reads offline: checks it as `aigc book check`\ndoes, pastes every {{#include}}, renders every $ and $$ formula with KaTeX,\nadds each executed notebook (-notebooks) as a page after its chapter, and\nruns mdBook, with KaTeX's stylesheet and fonts bundled. It needs node and the\ntools in internal/book/web (once: cd internal/book/web && npm ci).\nOpen -out/index.html in a browser.", stderr)
	root := fs.String("root", ".", "the folder holding book.toml")
	out := fs.String("out", filepath.Join("out", "book"), "the folder for the HTML book (replaced whole when the build succeeds)")
	notebooks := fs.String("notebooks", "", "a folder of executed notebooks (aigc notebooks -out DIR writes one); empty: the book without them")
	tools := fs.String("tools", "", "the folder holding the book's npm tools (default: ROOT/internal/book/web)")
	mdbook := fs.String("mdbook", "", "the mdbook program (default: the one npm installed in -tools, else mdbook on PATH)")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	err := book.Build(book.BuildOptions{Root: *root, Out: *out, Tools: *tools, Notebooks: *notebooks, MDBook: *mdbook, Log: stdout})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "book: built into %s (open %s)\n", *out, filepath.Join(*out, "index.html"))
	return nil
}
