package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progress shows training progress on w: one line rewritten in place
// about twice a second on a terminal, and a new line every ten seconds
// (and at the last step) when w is a file or a pipe, as in CI logs.
type progress struct {
	w          io.Writer
	start      time.Time
	last       time.Time
	every      time.Duration
	onTerminal bool
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, start: time.Now(), every: 10 * time.Second, onTerminal: isTerminal(w)}
	if p.onTerminal {
		p.every = time.Second / 2
	}
	return p
}

// show reports one training step.
func (p *progress) show(epoch, epochs, step, steps int, loss float64) {
	if time.Since(p.last) < p.every && step != steps {
		return
	}
	p.last = time.Now()
	prefix, end := "", "\n"
	if p.onTerminal {
		prefix, end = "\r", ""
	}
	fmt.Fprintf(p.w, "%s    epoch %d/%d  step %5d/%d  loss %.4f  %5.1fs %s",
		prefix, epoch, epochs, step, steps, loss, time.Since(p.start).Seconds(), end)
}

// done ends the progress line on a terminal.
func (p *progress) done() {
	if p.onTerminal {
		fmt.Fprintln(p.w)
	}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
