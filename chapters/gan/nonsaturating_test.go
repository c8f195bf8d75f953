package gan

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// softmax turns logits into a histogram p_θ: every cell has mass, and
// moving one logit moves the whole distribution, as a generator's
// parameters do.
func softmax(theta []float64) []float64 {
	p := make([]float64, len(theta))
	for i, v := range theta {
		p[i] = math.Exp(v)
	}
	return normalise(p)
}

// klDiv is KL(p ‖ q) in nats for q > 0 wherever p > 0.
func klDiv(p, q []float64) float64 {
	s := 0.0
	for i := range p {
		s += xLogY(p[i], p[i]/q[i])
	}
	return s
}

// expectUnder is Σ_x p(x)·f(x): E_{x~p}[f(x)] on a histogram.
func expectUnder(p, f []float64) float64 {
	s := 0.0
	for i := range p {
		s += p[i] * f[i]
	}
	return s
}

// centralGrad is the central-difference gradient of fn at theta.
func centralGrad(fn func([]float64) float64, theta []float64, h float64) []float64 {
	g := make([]float64, len(theta))
	for j := range theta {
		up := append([]float64(nil), theta...)
		down := append([]float64(nil), theta...)
		up[j] += h
		down[j] -= h
		g[j] = (fn(up) - fn(down)) / (2 * h)
	}
	return g
}

// maxRelErr is max|a-b| / max(1e-8, max(|a|+|b|)), the gradient check's
// relative error.
func maxRelErr(a, b []float64) float64 {
	num, den := 0.0, 1e-8
	for i := range a {
		num = math.Max(num, math.Abs(a[i]-b[i]))
		den = math.Max(den, math.Abs(a[i])+math.Abs(b[i]))
	}
	return num / den
}

// Arjovsky & Bottou (2017, Theorem 2.5): against the optimal discriminator
// D* of the current generator, held fixed, the gradient of the
// non-saturating loss E_{x~p_g}[-log D*(x)] is the gradient of
// KL(p_g ‖ p_data) - 2·JSD(p_data ‖ p_g), and that of the minimax loss
// E_{x~p_g}[log(1 - D*(x))] is the gradient of 2·JSD. Checked here with
// p_g = softmax(θ) on random histograms, every gradient by central
// differences in θ; the non-saturating gradient is also checked to differ
// from the JSD's, so that the two identities cannot both pass by accident.
func TestNonSaturatingGradientIsReverseKLMinusJSD(t *testing.T) {
	g := tensor.NewRNG(11)
	for trial := 0; trial < 10; trial++ {
		const cells = 12
		pData := make([]float64, cells)
		theta0 := make([]float64, cells)
		for i := range pData {
			pData[i] = 0.05 + g.Float64()
			theta0[i] = g.Normal(0, 1.5)
		}
		pData = normalise(pData)
		// D* of the generator at θ0, frozen as the discriminator is
		// during a generator step.
		dStar := OptimalDiscriminator(pData, softmax(theta0))
		negLogD, log1mD := make([]float64, cells), make([]float64, cells)
		for i, d := range dStar {
			negLogD[i], log1mD[i] = -math.Log(d), math.Log(1-d)
		}
		nonSat := func(th []float64) float64 { return expectUnder(softmax(th), negLogD) }
		minimax := func(th []float64) float64 { return expectUnder(softmax(th), log1mD) }
		klMinusJSD := func(th []float64) float64 {
			p := softmax(th)
			return klDiv(p, pData) - 2*JSD(pData, p)
		}
		twoJSD := func(th []float64) float64 { return 2 * JSD(pData, softmax(th)) }

		const h = 1e-5
		gNS, gKJ := centralGrad(nonSat, theta0, h), centralGrad(klMinusJSD, theta0, h)
		gMM, gJS := centralGrad(minimax, theta0, h), centralGrad(twoJSD, theta0, h)
		if e := maxRelErr(gNS, gKJ); e > 1e-7 {
			t.Errorf("trial %d: ∇ E[-log D*] and ∇ (KL(p_g‖p_data) - 2 JSD) differ, relative error %.3g", trial, e)
		}
		if e := maxRelErr(gMM, gJS); e > 1e-7 {
			t.Errorf("trial %d: ∇ E[log(1 - D*)] and ∇ 2 JSD differ, relative error %.3g", trial, e)
		}
		if e := maxRelErr(gNS, gJS); e < 1e-2 {
			t.Errorf("trial %d: ∇ E[-log D*] matches ∇ 2 JSD (relative error %.3g): the check cannot tell the losses apart", trial, e)
		}
		if trial == 0 {
			t.Logf("relative errors: non-saturating against KL - 2 JSD %.1e, minimax against 2 JSD %.1e; non-saturating against 2 JSD %.2f",
				maxRelErr(gNS, gKJ), maxRelErr(gMM, gJS), maxRelErr(gNS, gJS))
		}
	}
}
