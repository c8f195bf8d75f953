package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// command is one name under a dispatcher: a subcommand of aigc, a kind
// of `aigc train`, an evaluation of `aigc eval`. run gets the arguments
// after the name.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

// dispatcher runs the command its first argument names, out of a list it
// builds when asked (so that the list is always the registry's).
type dispatcher struct {
	prog     string           // how the user calls it: "aigc", "aigc train"
	synopsis string           // what follows prog in the usage line
	about    string           // a paragraph above the list
	noun     string           // what one entry is: "command", "kind"
	list     func() []command // the commands, in the order the usage lists them
	footer   string           // a line below the list
}

// dispatch runs the command args[0] names with the arguments after it.
// "help", -h, -help and --help print the usage to stdout ("help NAME"
// asks NAME for its own help); no name, or a name not in the list, prints
// it to stderr and returns errUsage.
func (d dispatcher) dispatch(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		d.usage(stderr)
		return errUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && args[0] == "help" {
			return d.dispatch([]string{args[1], "-h"}, stdout, stderr)
		}
		d.usage(stdout)
		return flag.ErrHelp
	}
	for _, c := range d.list() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "%s: unknown %s %q\n\n", d.prog, d.noun, args[0])
	d.usage(stderr)
	return errUsage
}

// usage prints the usage line, the paragraph and the generated list.
func (d dispatcher) usage(w io.Writer) {
	fmt.Fprintf(w, "usage: %s %s\n\n", d.prog, d.synopsis)
	if d.about != "" {
		fmt.Fprintf(w, "%s\n\n", d.about)
	}
	fmt.Fprintf(w, "%ss:\n\n", strings.ToUpper(d.noun[:1])+d.noun[1:])
	for _, c := range d.list() {
		fmt.Fprintf(w, "\t%-12s %s\n", c.name, c.summary)
	}
	if d.footer != "" {
		fmt.Fprintf(w, "\n%s\n", d.footer)
	}
}

// commandNames is the commands' names, comma-separated.
func commandNames(cs []command) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}
