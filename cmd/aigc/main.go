// Command aigc is luoxia's command line: it runs the tour of the book's
// models on the default data, and (as chapters arrive) trains, samples,
// evaluates, grades exercises and checks the book.
//
// Usage:
//
//	aigc tour [flags]     train the tour's models and write their pictures
//	aigc grade [dirs]     grade exercises; -verify, -json, -junit
//	aigc book check       check the book's SUMMARY, includes, anchors and math
//	aigc train MODEL      train a model and keep its weights
//	aigc sample           draw from a trained generator
//	aigc eval images|text score samples: MNIST-FID and IS, or BLEU and ROUGE
//	aigc kernel           build and register the Jupyter kernel
//	aigc notebooks        execute the notebooks headless
//	aigc help [command]   show help
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// command is one subcommand: its name, a one-line summary and its entry point.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{"tour", "train the tour's models on the default data and write their pictures", runTour},
	{"grade", "grade exercises (or -verify that stubs fail and solutions pass)", runGrade},
	{"book", "check the book's sources (book check)", runBook},
	{"train", "train a model (aigc train classifier)", runTrain},
	{"sample", "draw samples from a trained model (aigc sample -checkpoint DIR)", runSample},
	{"eval", "score generated images (MNIST-FID, MNIST-IS) or text (BLEU, ROUGE)", runEval},
	{"kernel", "build and register the Jupyter kernel with luoxia's packages", runKernel},
	{"notebooks", "execute notebooks headless and fail on the first failing cell", runNotebooks},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the process exit code:
// 0 on success, 1 when the command failed, 2 for a usage mistake.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			return run([]string{args[1], "-h"}, stdout, stderr)
		}
		usage(stdout)
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			if err := c.run(args[1:], stdout, stderr); err != nil {
				if errors.Is(err, flag.ErrHelp) {
					return 0
				}
				if errors.Is(err, errUsage) {
					return 2
				}
				fmt.Fprintf(stderr, "aigc %s: %v\n", c.name, err)
				return 1
			}
			return 0
		}
	}
	fmt.Fprintf(stderr, "aigc: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "aigc is luoxia's command line: generative AI from first principles, in Go.")
	fmt.Fprintln(w, "\nUsage:\n\n\taigc <command> [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'aigc help <command>' for a command's flags.")
}
