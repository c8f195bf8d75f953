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

// stepReport shows a run that evaluates itself now and then: a progress
// line after each step, a printed line after each evaluation, and a
// checkpoint every `every` steps before the last (0: none).
type stepReport struct {
	stdout io.Writer
	bar    *progress
	ckpt   *checkpointer
	every  int
}

// newStepReport starts the report of a run whose checkpoints go to dir.
func newStepReport(stdout, stderr io.Writer, dir string, every int) *stepReport {
	return &stepReport{stdout: stdout, bar: newProgress(stderr), ckpt: &checkpointer{dir: dir}, every: every}
}

// step reports one step: evaluation, if not nil, is printed on a line of
// its own; otherwise what goes on the progress line. save writes the
// checkpoint, when this step calls for one.
func (r *stepReport) step(step, steps int, evaluation fmt.Stringer, what string, save func() error) {
	if evaluation != nil {
		r.bar.done()
		fmt.Fprintln(r.stdout, evaluation)
	} else {
		r.bar.line(step, steps, what)
	}
	if r.every > 0 && step > 0 && step%r.every == 0 && step < steps {
		r.ckpt.save(save)
	}
}

// finish ends the progress line and returns the run's error, else the
// first checkpoint's that failed.
func (r *stepReport) finish(err error) error {
	r.bar.done()
	if err == nil {
		err = r.ckpt.err
	}
	return err
}
