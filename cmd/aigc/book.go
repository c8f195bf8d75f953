package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/luoxia/aigc/internal/book"
)

// runBook is `aigc book check`: it checks the book's sources as mdBook
// would read them (see internal/book).
func runBook(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("aigc book", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", ".", "the folder holding book.toml")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: aigc book check [-root dir]\n\nChecks that every SUMMARY.md entry has a file, every {{#include path:anchor}}\nfinds its file and anchor, and every $ and $$ math delimiter is balanced.\n\nFlags:")
		fs.PrintDefaults()
	}
	if len(args) == 0 || args[0] != "check" {
		fs.Usage()
		return errUsage
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
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
	fmt.Fprintln(stdout, "book: SUMMARY entries, includes, anchors and math delimiters are all in order")
	return nil
}
