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
	shown      bool // a line is on the terminal, not yet ended
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, start: time.Now(), every: 10 * time.Second, onTerminal: isTerminal(w)}
	if p.onTerminal {
		p.every = time.Second / 2
	}
	return p
}

// show reports one training step of a run counted in epochs.
func (p *progress) show(epoch, epochs, step, steps int, loss float64) {
	p.line(step, steps, fmt.Sprintf("epoch %d/%d  loss %.4f", epoch, epochs, loss))
}

// line reports one step of a run that is counted in steps, not epochs,
// with what the model says about itself.
func (p *progress) line(step, steps int, what string) {
	if time.Since(p.last) < p.every && step != steps {
		return
	}
	p.last = time.Now()
	prefix, end := "", "\n"
	if p.onTerminal {
		prefix, end = "\r", ""
	}
	fmt.Fprintf(p.w, "%s    step %5d/%d  %s  %5.1fs %s", prefix, step, steps, what, time.Since(p.start).Seconds(), end)
	p.shown = p.onTerminal
}

// done ends the progress line on a terminal; calling it again does nothing.
func (p *progress) done() {
	if p.shown {
		fmt.Fprintln(p.w)
		p.shown = false
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
