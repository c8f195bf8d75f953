package transformer

import (
	"fmt"
	"image"

	"github.com/luoxia/aigc/lib/plot"
)

// Pre-LN against post-LN, measured. Xiong et al. (2020) found that the
// post-LN Transformer needs its learning-rate warm-up (without one it
// trains far worse or diverges) while the pre-LN Transformer trains as
// well without it. CompareNorms trains one model four ways from the same
// seed, on the same batches, to show what that amounts to at this book's
// scale.

// NormRun is one run of the comparison: the layer norm's place, the
// warm-up, and what training gave.
type NormRun struct {
	PostLN bool
	Warmup int     // steps of warm-up (0: the peak rate from the first step)
	LR     float64 // the peak rate
	Result *Seq2SeqResult
}

// Name says which run r is: "pre-LN, warm-up 100", "post-LN, no warm-up".
func (r NormRun) Name() string {
	ln := "pre-LN"
	if r.PostLN {
		ln = "post-LN"
	}
	if r.Warmup == 0 {
		return ln + ", no warm-up"
	}
	return fmt.Sprintf("%s, warm-up %d", ln, r.Warmup)
}

// CompareNorms trains cfg's model on task four times, everything else
// equal: pre-LN with cfg.Warmup steps of warm-up and without, then post-LN
// with and without. cfg.Warmup must be positive. progress, if not nil,
// receives each run's reports with the run's index.
func CompareNorms(cfg Seq2SeqTrainConfig, task *Seq2SeqTask, progress func(run int, p Seq2SeqProgress)) ([]NormRun, error) {
	if cfg.Warmup <= 0 {
		return nil, fmt.Errorf("transformer: CompareNorms: a warm-up of %d steps; want at least 1 to compare with none", cfg.Warmup)
	}
	var runs []NormRun
	for _, postLN := range []bool{false, true} {
		for _, warmup := range []int{cfg.Warmup, 0} {
			c := cfg
			c.Model.PostLN, c.Warmup = postLN, warmup
			i := len(runs)
			var report func(Seq2SeqProgress)
			if progress != nil {
				report = func(p Seq2SeqProgress) { progress(i, p) }
			}
			res, err := TrainSeq2Seq(c, task, report)
			if err != nil {
				return nil, err
			}
			runs = append(runs, NormRun{PostLN: postLN, Warmup: warmup, LR: c.LR, Result: res})
		}
	}
	return runs, nil
}

// NormFigure draws the runs' training losses against the step, each as
// its height above the floor H(q) of the label-smoothed loss, eps and the
// task's target vocabulary given (so that a log axis shows the last
// steps' differences as clearly as the first), averaged over smooth
// steps.
func NormFigure(runs []NormRun, task *Seq2SeqTask, eps float64, smooth int) (image.Image, error) {
	if len(runs) == 0 {
		return nil, fmt.Errorf("transformer: NormFigure: no runs to draw")
	}
	floor := LabelSmoothingFloor(task.TgtVocab, eps, true)
	series := make([]plot.Series, len(runs))
	for i, r := range runs {
		y := make([]float64, len(r.Result.TrainLoss))
		x := make([]float64, len(y))
		for t, l := range r.Result.TrainLoss {
			// L − H(q) = KL(q ‖ p) averaged over the target tokens
			x[t], y[t] = float64(t+1), l-floor
		}
		series[i] = plot.Series{Name: r.Name(), X: x, Y: y}
	}
	return plot.CurvesWith(plot.CurveOptions{
		Title:  fmt.Sprintf("%s task, peak rate %g: pre-LN against post-LN", task.Name, runs[0].LR),
		XLabel: "step", YLabel: "training loss − H(q) (nats)",
		Smooth: smooth, LogY: true,
	}, series)
}
