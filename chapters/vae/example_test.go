package vae_test

import (
	"fmt"

	"github.com/luoxia/aigc/chapters/vae"
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

// The KL term of two codes: one equal to the prior, one with μ = (1, 0)
// and σ² = (e, 1), for which ½ Σ (μ² + σ² - 1 - log σ²) = ½(1 + e - 1 - 1) = (e - 1)/2.
func ExampleKLStdNormal() {
	mu := autograd.Const(tensor.FromSlice([]float64{0, 0, 1, 0}, 2, 2))
	logVar := autograd.Const(tensor.FromSlice([]float64{0, 0, 1, 0}, 2, 2))
	kl := vae.KLStdNormal(mu, logVar)
	fmt.Printf("%.4f %.4f\n", kl.Data.Data[0], kl.Data.Data[1])
	// Output: 0.0000 0.8591
}

// On probabilistic PCA the bound can be compared with the exact
// log-likelihood: the ELBO of the prior as q falls short of log p(x), the
// ELBO of the exact posterior reaches it.
func ExamplePPCA_ELBO() {
	w := tensor.FromSlice([]float64{2, 0, 1, 1, 0, 3}, 3, 2)
	p := vae.NewPPCA(w, []float64{0, 0, 0}, 0.5)
	x := []float64{1, 2, -1}
	prior, _ := metrics.NewGaussian([]float64{0, 0}, tensor.FromSlice([]float64{1, 0, 0, 1}, 2, 2))
	fmt.Printf("log p(x)      %.4f\n", p.LogMarginal(x))
	fmt.Printf("ELBO(p(z))    %.4f\n", p.ELBO(x, prior))
	fmt.Printf("ELBO(p(z|x))  %.4f\n", p.ELBO(x, p.Posterior(x)))
	// Output:
	// log p(x)      -7.2313
	// ELBO(p(z))    -22.7171
	// ELBO(p(z|x))  -7.2313
}
