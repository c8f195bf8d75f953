// Package frechet1d is an exercise: the Fréchet distance between two
// Gaussians in one dimension, the quantity FID computes in 2048.
//
// The Fréchet (2-Wasserstein) distance between N(μ1, Σ1) and N(μ2, Σ2)
// has a closed form (Dowson & Landau 1982); FID (Heusel et al. 2017) is
// its square between Gaussians fitted to features of real and generated
// images:
//
//	d² = |μ1 - μ2|² + tr(Σ1 + Σ2 - 2(Σ1Σ2)^{1/2})
//
// Work out what this becomes in one dimension, where each Σ is a variance
// σ² (chapter section "The Fréchet distance, and FID",
// chapters/evaluation/README.md, derives the one-dimensional case
// directly, from the best way to pair the two distributions' samples).
//
// Like pytorch-fid, the functions here take variances (covariances), not
// standard deviations, and return d², not d.
package frechet1d

// FrechetGaussian1D returns the squared Fréchet distance between
// N(mu1, var1) and N(mu2, var2). Note that var1 and var2 are variances σ².
func FrechetGaussian1D(mu1, var1, mu2, var2 float64) float64 {
	// TODO: reduce the general formula to one dimension by hand first.
	return 0
}

// FitGaussian returns the mean and the unbiased variance (dividing by
// N - 1, as numpy.cov does in pytorch-fid) of the samples x. The unbiased
// variance is undefined for fewer than two samples: then the variance is
// NaN, and for no samples at all the mean is NaN too.
func FitGaussian(x []float64) (mean, variance float64) {
	// TODO: NaN where undefined.
	return 0, 0
}

// FrechetSamples fits a Gaussian to each of x and y with FitGaussian and
// returns the squared Fréchet distance between the two: the 1-D FID of
// two sets of scalar "features". It is NaN when either set has fewer than
// two samples.
func FrechetSamples(x, y []float64) float64 {
	// TODO
	return 0
}
