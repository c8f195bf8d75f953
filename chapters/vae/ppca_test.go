package vae

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

// randomPPCA is a model with D = 5, J = 2 and a random x drawn from it.
func randomPPCA(seed uint64) (*PPCA, []float64) {
	rng := tensor.NewRNG(seed)
	b := tensor.RandN(rng, 5).Data
	p := NewPPCA(tensor.RandN(rng, 5, 2), b, 0.3)
	return p, p.Sample(1, rng).Data
}

// randomQ is a Gaussian in j dimensions with a random mean and a random
// covariance A·Aᵀ + 0.05·I.
func randomQ(t *testing.T, j int, rng *tensor.RNG) metrics.Gaussian {
	t.Helper()
	a := tensor.RandN(rng, j, j)
	cov := tensor.Add(tensor.MatMulT(a, false, a, true), tensor.Scale(eye(j), 0.05))
	q, err := metrics.NewGaussian(tensor.RandN(rng, j).Data, cov)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func eye(n int) *tensor.Tensor {
	e := tensor.New(n, n)
	for i := 0; i < n; i++ {
		e.Set(1, i, i)
	}
	return e
}

// TestPPCAOneDimension checks the formulas where they can be done by hand:
// D = J = 1, W = 2, b = 1, σ² = ½, so x ~ N(1, 4 + ½), M = 4.5 and
// p(z|x) = N(2(x - 1)/4.5, ½/4.5).
func TestPPCAOneDimension(t *testing.T) {
	p := NewPPCA(tensor.FromSlice([]float64{2}, 1, 1), []float64{1}, 0.5)
	x := []float64{2.2}
	wantNear(t, "log p(x)", p.LogMarginal(x), -0.5*(math.Log(2*math.Pi*4.5)+1.2*1.2/4.5), 1e-14)
	post := p.Posterior(x)
	wantNear(t, "posterior mean", post.Mean[0], 2*1.2/4.5, 1e-14)
	wantNear(t, "posterior variance", post.Cov.At(0, 0), 0.5/4.5, 1e-14)
	wantNear(t, "log p(x|z = 0.3)", p.LogLikelihood(x, []float64{0.3}), -0.5*(math.Log(2*math.Pi*0.5)+(2.2-0.6-1)*(2.2-0.6-1)/0.5), 1e-14)
	wantNear(t, "log p(z = 0.3)", p.LogPrior([]float64{0.3}), -0.5*(math.Log(2*math.Pi)+0.09), 1e-14)
}

// TestPPCABayesRule checks the marginal and the posterior together with
// Bayes' rule, log p(x) = log p(x|z) + log p(z) - log p(z|x), which must
// hold at every z: a wrong posterior mean or covariance makes the right
// side change with z.
func TestPPCABayesRule(t *testing.T) {
	p, x := randomPPCA(1)
	logPx := p.LogMarginal(x)
	post := p.Posterior(x)
	rng := tensor.NewRNG(2)
	for i := 0; i < 5; i++ {
		z := tensor.Scale(tensor.RandN(rng, 2), 2).Data
		wantNear(t, "log p(x|z) + log p(z) - log p(z|x)", p.LogLikelihood(x, z)+p.LogPrior(z)-GaussianLogPDF(post, z), logPx, 1e-10)
	}
}

// TestPPCAELBO checks the chapter's central identity on 200 random
// Gaussians q:
//
//	log p(x) - ELBO(q) = KL(q ‖ p(z|x)) ≥ 0
//
// with the KL from metrics.KLGaussian, which knows nothing of PPCA, and
// equality (to 1e-9) at q = p(z|x).
func TestPPCAELBO(t *testing.T) {
	p, x := randomPPCA(3)
	logPx := p.LogMarginal(x)
	post := p.Posterior(x)
	wantNear(t, "ELBO(posterior)", p.ELBO(x, post), logPx, 1e-9)
	rng := tensor.NewRNG(4)
	minGap := math.Inf(1)
	for i := 0; i < 200; i++ {
		q := randomQ(t, 2, rng)
		elbo := p.ELBO(x, q)
		kl, err := metrics.KLGaussian(q, post)
		if err != nil {
			t.Fatal(err)
		}
		if elbo > logPx {
			t.Fatalf("ELBO %.9f above log p(x) = %.9f", elbo, logPx)
		}
		wantNear(t, "log p(x) - ELBO(q) against KL(q ‖ p(z|x))", logPx-elbo, kl, 1e-9*math.Max(1, kl))
		minGap = math.Min(minGap, logPx-elbo)
	}
	t.Logf("log p(x) = %.4f; smallest gap over 200 random q: %.4f nats", logPx, minGap)

	// Near the posterior the gap is small, still positive and still the KL:
	// move the mean by δ and stretch the covariance by 1 + δ.
	for _, delta := range []float64{1e-3, 1e-2, 1e-1} {
		cov := tensor.New(2, 2)
		for i := 0; i < 2; i++ {
			for j := 0; j < 2; j++ {
				cov.Set((1+delta)*post.Cov.At(i, j), i, j)
			}
		}
		q, err := metrics.NewGaussian([]float64{post.Mean[0] + delta, post.Mean[1] - delta}, cov)
		if err != nil {
			t.Fatal(err)
		}
		kl, _ := metrics.KLGaussian(q, post)
		gap := logPx - p.ELBO(x, q)
		t.Logf("δ = %g: gap %.3g, KL %.3g", delta, gap, kl)
		if !(gap > 0) {
			t.Errorf("δ = %g: gap %g, want > 0", delta, gap)
		}
		wantNear(t, "gap near the posterior", gap, kl, 1e-9)
	}
}

// TestPPCAELBOMonteCarlo checks the closed-form ELBO against its
// definition, E_q[log p(x|z) + log p(z) - log q(z|x)], averaged over
// 20,000 draws from q (GaussianSample and GaussianLogPDF on the way).
func TestPPCAELBOMonteCarlo(t *testing.T) {
	p, x := randomPPCA(5)
	rng := tensor.NewRNG(6)
	q := randomQ(t, 2, rng)
	const n = 20000
	w := make([]float64, n)
	for i := range w {
		z := GaussianSample(q, rng)
		w[i] = p.LogLikelihood(x, z) + p.LogPrior(z) - GaussianLogPDF(q, z)
	}
	mean, variance := meanVar(w)
	se := math.Sqrt(variance / n)
	t.Logf("closed form %.4f, Monte Carlo %.4f ± %.4f", p.ELBO(x, q), mean, se)
	wantNear(t, "Monte Carlo ELBO", mean, p.ELBO(x, q), 4*se)
}

// TestPPCASample checks that samples have mean b and covariance W Wᵀ + σ² I.
func TestPPCASample(t *testing.T) {
	p, _ := randomPPCA(7)
	g, err := metrics.FitGaussian(p.Sample(50000, tensor.NewRNG(8)))
	if err != nil {
		t.Fatal(err)
	}
	c := tensor.MatMulT(p.W, false, p.W, true)
	for i := 0; i < 5; i++ {
		wantNear(t, "sample mean", g.Mean[i], p.B[i], 0.05)
		for j := 0; j < 5; j++ {
			want := c.At(i, j)
			if i == j {
				want += p.Sigma2
			}
			wantNear(t, "sample covariance", g.Cov.At(i, j), want, 0.05*math.Max(1, math.Abs(want)))
		}
	}
}
