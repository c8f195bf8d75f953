// Command aigc is luoxia's command line: it runs the tour of the book's
// models on the default data, trains, samples and evaluates them, grades
// exercises and checks the book.
//
// Usage:
//
//	aigc tour [flags]     train the tour's models and write their pictures
//	aigc grade [dirs]     grade exercises; -verify, -json, -junit
//	aigc book check       check the book: SUMMARY, includes, anchors both ways, math
//	aigc book build       build the HTML book (math, notebooks) with mdBook
//	aigc train KIND       train a model of one kind (aigc train -h lists them)
//	aigc sample           draw from a trained model
//	aigc eval WHAT        score samples: images, text, or a kind's own evaluation
//	aigc kernel           build and register the Jupyter kernel
//	aigc notebooks        execute the notebooks headless
//	aigc help [command]   show help
//
// Every model aigc trains is a kind, registered once (see kinds.go): the
// registry is what `aigc train`, `aigc sample`, `aigc eval` and the tour
// read.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// aigc is the top-level dispatcher.
var aigc = dispatcher{
	prog:     "aigc",
	synopsis: "<command> [arguments]",
	about:    "aigc is luoxia's command line: generative AI from first principles, in Go.",
	noun:     "command",
	list: func() []command {
		return []command{
			{"tour", "train the tour's models on the default data and write their pictures", runTour},
			{"grade", "grade exercises (or -verify that stubs fail and solutions pass)", runGrade},
			{"book", "check the book's sources (book check) or build it into HTML (book build)", runBook},
			{"train", "train a model: " + kindNames(allKinds()), runTrain},
			{"sample", "draw samples from a trained model: " + kindNames(sampledKinds()), runSample},
			{"eval", "score samples: " + commandNames(evalCommands()), runEval},
			{"figures", "draw the book's figures that need no trained model", runFigures},
			{"kernel", "build and register the Jupyter kernel with luoxia's packages", runKernel},
			{"notebooks", "execute notebooks headless and fail on the first failing cell", runNotebooks},
		}
	},
	footer: "Run 'aigc help <command>' for a command's flags.",
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the process exit code:
// 0 on success, 1 when the command failed, 2 for a usage mistake, or the
// code an error with an ExitCode method names (aigc grade's 3).
func run(args []string, stdout, stderr io.Writer) int {
	err := aigc.dispatch(args, stdout, stderr)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(stderr, "aigc %s: %v\n", args[0], err)
	var coded interface{ ExitCode() int }
	if errors.As(err, &coded) {
		return coded.ExitCode()
	}
	return 1
}
