package plot

// MovingAverage returns the centred moving average of y over a window of
// window points:
//
//	out[i] = mean of y[i-(window-1)/2 .. i+window/2],
//
// with the window clipped at both ends of y, so the first and last few
// points average fewer values. Centring keeps a feature of the curve (a
// loss spike, a drop when the learning rate decays) at the step where it
// happened; a trailing average would draw it window/2 steps late.
// A window of 0 or 1 returns a copy of y. The values should be finite:
// a NaN or infinity makes every later average NaN.
func MovingAverage(y []float64, window int) []float64 {
	out := make([]float64, len(y))
	if window <= 1 {
		copy(out, y)
		return out
	}
	// prefix[i] = y[0] + ... + y[i-1], so a window's sum is one subtraction
	// and the whole average costs O(len(y)) whatever the window.
	prefix := make([]float64, len(y)+1)
	for i, v := range y {
		prefix[i+1] = prefix[i] + v
	}
	before, after := (window-1)/2, window/2
	for i := range y {
		lo, hi := i-before, i+after+1 // the window is y[lo:hi]
		if lo < 0 {
			lo = 0
		}
		if hi > len(y) {
			hi = len(y)
		}
		out[i] = (prefix[hi] - prefix[lo]) / float64(hi-lo)
	}
	return out
}
