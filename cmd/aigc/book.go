package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/luoxia/aigc/internal/book"
)

// runBook is `aigc book check`: it checks the book's sources as mdBook
// would read them, and the code's anchors against the pages that show
// them (see internal/book).
func runBook(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("book", "check [-root dir]", "Checks that every SUMMARY.md entry has a file, every {{#include path:anchor}}\nfinds its file and anchor, every $ and $$ math delimiter is balanced, every\nchapter with code has a notebook and graded exercises, and no notebook is\ncommitted with outputs. It also reads the book from the code back: every\nANCHOR in a Go file is included by some page, two includes have a sentence\nbetween them, and no include shows more than "+strconv.Itoa(book.MaxIncludeLines)+" lines.", stderr)
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
