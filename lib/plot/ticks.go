package plot

import (
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
)

// linearTicks labels about n evenly spaced round values: multiples of a
// step of 1, 2 or 5 x 10^k. (gonum's DefaultTicks aims for three labels,
// which leaves a 640-pixel axis almost bare.)
type linearTicks struct{ n int }

// Ticks returns the labelled ticks between min and max.
func (t linearTicks) Ticks(min, max float64) []gplot.Tick {
	if !(max > min) || math.IsInf(max-min, 0) {
		return gplot.DefaultTicks{}.Ticks(min, max)
	}
	step, digits := niceStep((max - min) / float64(t.n))
	var ticks []gplot.Tick
	for k := math.Ceil(min / step); k*step <= max; k++ {
		v := k * step // k x step, not a running sum, so errors do not add up
		if v == 0 {
			v = 0 // not -0, which would print as "-0"
		}
		ticks = append(ticks, gplot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', digits, 64)})
	}
	return ticks
}

// niceStep returns the smallest of 1, 2, 5 x 10^k that is at least raw, and
// the number of decimals its multiples need (0 for steps of 1 and above).
func niceStep(raw float64) (step float64, digits int) {
	k := math.Floor(math.Log10(raw))
	for _, m := range []float64{1, 2, 5, 10} {
		step = m * math.Pow(10, k)
		if step >= raw*(1-1e-9) {
			break
		}
	}
	digits = int(-math.Floor(math.Log10(step) + 1e-9))
	if digits < 0 {
		digits = 0
	}
	return step, digits
}

// logTicks places the ticks of a log-scale axis at m x 10^e. Over a wide
// range only the powers of ten are labelled; a loss often spans three
// decades or less, so there 2 and 5 x 10^e are labelled too (gonum's
// LogTicks would label one or two values). The other multiples get
// unlabelled minor ticks, the uneven comb that tells a reader the axis is
// logarithmic.
type logTicks struct{}

// Ticks returns the ticks between min and max, both positive.
func (logTicks) Ticks(min, max float64) []gplot.Tick {
	if !(min > 0) || !(max > min) {
		return gplot.DefaultTicks{}.Ticks(min, max)
	}
	lo := int(math.Floor(math.Log10(min)))
	hi := int(math.Ceil(math.Log10(max)))
	labelled := map[int]bool{1: true}
	if hi-lo <= 3 {
		labelled[2], labelled[5] = true, true
	}
	var ticks []gplot.Tick
	nLabels := 0
	for e := lo; e <= hi; e++ {
		for m := 1; m <= 9; m++ {
			// Parsing "me" + "e" gives the float nearest to m x 10^e, which
			// prints cleanly (0.3, not 0.30000000000000004).
			v, _ := strconv.ParseFloat(strconv.Itoa(m)+"e"+strconv.Itoa(e), 64)
			if v < min || v > max {
				continue
			}
			t := gplot.Tick{Value: v}
			if labelled[m] {
				t.Label = strconv.FormatFloat(v, 'g', -1, 64)
				nLabels++
			}
			ticks = append(ticks, t)
		}
	}
	if nLabels < 2 { // too narrow a range for 1-2-5 labels: label it linearly
		return linearTicks{n: 5}.Ticks(min, max)
	}
	return ticks
}
