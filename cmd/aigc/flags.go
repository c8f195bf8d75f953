package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
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
