//go:build graded

package negelbo

import (
	"math"
	"testing"
)

// near reports whether got is within tol of want, relative to |want|
// when |want| > 1; NaN matches only NaN.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// entropy is the binary entropy -p·log p - (1 - p)·log(1 - p), in nats.
func entropy(p float64) float64 { return -p*math.Log(p) - (1-p)*math.Log(1-p) }

func TestBernoulliNLL(t *testing.T) {
	l2, l3 := math.Log(2), math.Log(3)
	cases := []struct {
		name      string
		logits, x []float64
		want      float64
	}{
		// σ(0) = ½: each pixel costs -log ½ = log 2, whatever it is.
		{"undecided, pixel on", []float64{0}, []float64{1}, l2},
		{"undecided, pixel off", []float64{0}, []float64{0}, l2},
		// σ(log 3) = ¾: an on pixel costs -log ¾, an off one -log ¼.
		{"three to one, right", []float64{l3}, []float64{1}, math.Log(4.0 / 3)},
		{"three to one, wrong", []float64{l3}, []float64{0}, math.Log(4)},
		// σ(log 3) = ¾ against a grey level of ½.
		{"grey pixel", []float64{l3}, []float64{0.5}, math.Log(4) - l3/2},
		// At σ(l) = x the cross-entropy bottoms out at the entropy of x:
		// σ(log(0.3/0.7)) = 0.3.
		{"grey pixel, best guess", []float64{math.Log(0.3 / 0.7)}, []float64{0.3}, entropy(0.3)},
		// The pixels add: log(4/3) + log(4/3) + log 2.
		{"three pixels", []float64{l3, -l3, 0}, []float64{1, 0, 1}, 2*math.Log(4.0/3) + l2},
		// An untrained decoder that says "no idea" about each of 784 pixels.
		{"a whole digit at logit 0", make([]float64, 784), mnistLike(), 784 * l2},
		{"no pixels", nil, nil, 0},
	}
	for _, c := range cases {
		got := BernoulliNLL(c.logits, c.x)
		if math.IsNaN(got) || !near(got, c.want, 1e-12) {
			hint := ""
			if got < 0 && near(got, -c.want, 1e-12) {
				hint = " (the sign: the cross-entropy, a negative log-likelihood, is ≥ 0)"
			}
			t.Errorf("%s: BernoulliNLL(logits %.4g, x %.4g) = %.15g, want %.15g%s", c.name, short(c.logits), short(c.x), got, c.want, hint)
		}
	}
}

// mnistLike returns 784 grey levels in [0, 1].
func mnistLike() []float64 {
	x := make([]float64, 784)
	for i := range x {
		x[i] = float64(i%17) / 16
	}
	return x
}

// short trims long slices for messages.
func short(s []float64) []float64 {
	if len(s) > 4 {
		return s[:4]
	}
	return s
}

// TestExtremeValues: a decoder that is certain (logits of ±1000, or -40),
// and an encoder that is too (logVar = -1000). Through σ and log these
// are log 0 = -Inf, 0·(-Inf) = NaN, or digits lost to rounding.
func TestExtremeValues(t *testing.T) {
	sp := []struct{ l, want, tol float64 }{
		{1000, 1000, 0},
		{-1000, 0, 1e-300},
		{0, math.Log(2), 1e-15},
		// log(1 + ε) with ε = e^{-40} ≈ 4.2e-18 is ε to 17 digits, but
		// 1 + ε rounds to 1 and math.Log(1 + ε) to 0.
		{-40, math.Exp(-40), 1e-9 * math.Exp(-40)},
		{40, 40 + math.Exp(-40), 1e-14},
	}
	for _, c := range sp {
		if got := Softplus(c.l); math.IsNaN(got) || math.Abs(got-c.want) > c.tol {
			t.Errorf("Softplus(%g) = %.17g, want %.17g: softplus must neither overflow for large l nor round a tiny result to 0", c.l, got, c.want)
		}
	}
	nll := []struct {
		name      string
		logits, x []float64
		want      float64
	}{
		{"sure and right", []float64{1000, -1000}, []float64{1, 0}, 0},
		{"sure and wrong", []float64{1000, -1000}, []float64{0, 1}, 2000},
		// Worked by hand from the logit: 500.
		{"sure of a grey pixel", []float64{1000}, []float64{0.5}, 500},
		{"sure, off, and right", []float64{-40}, []float64{0}, math.Exp(-40)},
	}
	for _, c := range nll {
		got := BernoulliNLL(c.logits, c.x)
		if math.IsNaN(got) || math.IsInf(got, 0) || math.Abs(got-c.want) > 1e-9*math.Max(math.Exp(-40), math.Abs(c.want)) {
			t.Errorf("%s: BernoulliNLL(logits %v, x %v) = %.17g, want %.17g: compute each pixel's cost from the logit alone, never through σ(l)",
				c.name, c.logits, c.x, got, c.want)
		}
	}
	// A batch of one: a perfect, certain decoder and an encoder with
	// σ² = e^{-1000}: recon 0, KL 499.5.
	loss, recon, kl := NegativeELBO([][]float64{{1000, -1000}}, [][]float64{{1, 0}}, [][]float64{{0}}, [][]float64{{-1000}})
	if recon != 0 || kl != 499.5 || loss != 499.5 {
		t.Errorf("NegativeELBO(logits ±1000 matching x, μ 0, logVar -1000) = (loss %g, recon %g, kl %g), want (499.5, 0, 499.5): "+
			"use logVar itself as log σ², since exp(-1000) is 0 and its log -Inf", loss, recon, kl)
	}
}

func TestNegativeELBO(t *testing.T) {
	l2, l3 := math.Log(2), math.Log(3)
	// Image 0: logits (0, 0), pixels (1, 0): recon 2·log 2. Code μ = (0, 0),
	// logVar = (0, 0): the prior, KL 0.
	// Image 1: logits (log 3, -log 3), pixels (1, 0): recon 2·log(4/3).
	// Code μ = (1, 0), logVar = (0, log 2): KL 1 - ½·log 2, worked by hand.
	logits := [][]float64{{0, 0}, {l3, -l3}}
	x := [][]float64{{1, 0}, {1, 0}}
	mu := [][]float64{{0, 0}, {1, 0}}
	logVar := [][]float64{{0, 0}, {0, l2}}
	wantRecon := (2*l2 + 2*math.Log(4.0/3)) / 2 // = log(8/3)
	wantKL := (0 + 1 - l2/2) / 2
	loss, recon, kl := NegativeELBO(logits, x, mu, logVar)
	if !near(recon, wantRecon, 1e-12) || !near(kl, wantKL, 1e-12) || !near(loss, wantRecon+wantKL, 1e-12) {
		hint := ""
		if near(recon, 2*wantRecon, 1e-12) || near(kl, 2*wantKL, 1e-12) {
			hint = " (that is the sum over the batch: divide by N = 2 for the loss per digit)"
		}
		t.Errorf("a batch of two, worked by hand: NegativeELBO = (loss %.12g, recon %.12g, kl %.12g), want (%.12g, %.12g, %.12g)%s",
			loss, recon, kl, wantRecon+wantKL, wantRecon, wantKL, hint)
	}

	// The same batch twice over: a mean per digit does not change.
	loss2, recon2, kl2 := NegativeELBO(append(logits, logits...), append(x, x...), append(mu, mu...), append(logVar, logVar...))
	if !near(loss2, wantRecon+wantKL, 1e-12) || !near(recon2, wantRecon, 1e-12) || !near(kl2, wantKL, 1e-12) {
		t.Errorf("the batch repeated twice: NegativeELBO = (%.12g, %.12g, %.12g), want the same per-digit numbers (%.12g, %.12g, %.12g)",
			loss2, recon2, kl2, wantRecon+wantKL, wantRecon, wantKL)
	}

	// One image alone: its cross-entropy and its KL.
	loss1, recon1, kl1 := NegativeELBO(logits[1:], x[1:], mu[1:], logVar[1:])
	if !near(recon1, 2*math.Log(4.0/3), 1e-12) || !near(kl1, 1-l2/2, 1e-12) || !near(loss1, 2*math.Log(4.0/3)+1-l2/2, 1e-12) {
		t.Errorf("image 1 alone: NegativeELBO = (%.12g, %.12g, %.12g), want (%.12g, %.12g, %.12g)",
			loss1, recon1, kl1, 2*math.Log(4.0/3)+1-l2/2, 2*math.Log(4.0/3), 1-l2/2)
	}

	if a, b, c := NegativeELBO(nil, nil, nil, nil); !math.IsNaN(a) || !math.IsNaN(b) || !math.IsNaN(c) {
		t.Errorf("an empty batch: NegativeELBO = (%g, %g, %g), want (NaN, NaN, NaN): a mean over no digits is undefined, and 0 would look like a perfect model", a, b, c)
	}
}
