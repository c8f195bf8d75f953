package vae

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
	"gonum.org/v1/gonum/mat"
)

// Full-covariance Gaussians, for the exact posteriors of probabilistic PCA
// and the proposals q(z|x) compared with them. A metrics.Gaussian holds
// one; metrics.NewGaussian builds one from a tensor.

// GaussianLogPDF returns log N(z; μ, Σ) for the Gaussian q = N(μ, Σ):
//
//	log N(z; μ, Σ) = -½ [J log 2π + log det Σ + (z - μ)ᵀ Σ⁻¹ (z - μ)]
//
// It panics if z and μ differ in length or Σ is not positive definite.
func GaussianLogPDF(q metrics.Gaussian, z []float64) float64 {
	dim := q.Dim()
	if len(z) != dim {
		panic(fmt.Sprintf("vae: GaussianLogPDF: z has %d entries for a %d-dimensional Gaussian", len(z), dim))
	}
	chol := mustCholesky("GaussianLogPDF", q.Cov)
	r := mat.NewVecDense(dim, nil)
	r.SubVec(mat.NewVecDense(dim, append([]float64(nil), z...)), mat.NewVecDense(dim, q.Mean))
	return -0.5 * (float64(dim)*math.Log(2*math.Pi) + chol.LogDet() + quadForm(chol, r))
}

// GaussianSample draws z ~ N(μ, Σ) as z = μ + L·ε, with L the Cholesky
// factor of Σ (Σ = L·Lᵀ) and ε ~ N(0, I): the reparameterisation trick
// for a full covariance.
func GaussianSample(q metrics.Gaussian, rng *tensor.RNG) []float64 {
	dim := q.Dim()
	chol := mustCholesky("GaussianSample", q.Cov)
	var l mat.TriDense
	chol.LTo(&l)
	eps := mat.NewVecDense(dim, nil)
	for i := 0; i < dim; i++ {
		eps.SetVec(i, rng.Normal(0, 1))
	}
	z := mat.NewVecDense(dim, nil)
	z.MulVec(&l, eps)
	z.AddVec(z, mat.NewVecDense(dim, q.Mean))
	return z.RawVector().Data
}

// mustCholesky factorises a covariance that must be positive definite.
func mustCholesky(who string, s mat.Symmetric) *mat.Cholesky {
	var chol mat.Cholesky
	if !chol.Factorize(s) {
		panic(fmt.Sprintf("vae: %s: the covariance is not positive definite", who))
	}
	return &chol
}

// quadForm returns rᵀ A⁻¹ r for A given by its Cholesky factorisation.
func quadForm(chol *mat.Cholesky, r *mat.VecDense) float64 {
	var s mat.VecDense
	if err := chol.SolveVecTo(&s, r); err != nil {
		panic(fmt.Sprintf("vae: solving with a covariance: %v", err))
	}
	return mat.Dot(r, &s)
}
