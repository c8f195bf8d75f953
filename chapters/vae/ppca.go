package vae

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
	"gonum.org/v1/gonum/mat"
)

// Probabilistic PCA (Tipping & Bishop 1999) is the latent-variable model
// in which everything a VAE can only bound is exact: a linear-Gaussian
// "decoder" with a Gaussian prior,
//
//	z ~ N(0, I_J),   x = W z + b + ε,   ε ~ N(0, σ² I_D)
//
// Its marginal likelihood, its posterior and the ELBO of any Gaussian
// q(z|x) have closed forms, so the chapter's identities can be checked to
// the last digit: ELBO(q) ≤ log p(x), with equality exactly when q is the
// posterior, and log p(x) - ELBO(q) = KL(q ‖ p(z|x)).

// PPCA is the model x = W z + b + ε with z ~ N(0, I_J), ε ~ N(0, σ² I_D).
type PPCA struct {
	W      *tensor.Tensor // the loadings, [D, J]: column j is the direction latent coordinate j moves x in
	B      []float64      // b, the data's mean, length D
	Sigma2 float64        // σ², the variance of the isotropic noise ε
}

// NewPPCA returns the model with loadings w [D, J], mean b and noise
// variance sigma2. It panics if the shapes disagree or sigma2 is not
// positive.
func NewPPCA(w *tensor.Tensor, b []float64, sigma2 float64) *PPCA {
	if w.Dims() != 2 || w.Shape[0] != len(b) || !(sigma2 > 0) {
		panic(fmt.Sprintf("vae: NewPPCA: W %v, b of length %d, σ² = %g; want W [D, J], b of length D, σ² > 0", w.Shape, len(b), sigma2))
	}
	return &PPCA{W: w, B: b, Sigma2: sigma2}
}

// Dims returns D, the data's dimension, and J, the latent dimension.
func (p *PPCA) Dims() (d, j int) { return p.W.Shape[0], p.W.Shape[1] }

// LogMarginal returns the exact log-likelihood log p(x). Integrating z
// out of a linear-Gaussian model leaves a Gaussian (Tipping & Bishop
// 1999, eq. 6):
//
//	x ~ N(b, C),   C = W Wᵀ + σ² I
//	log p(x) = -½ [D log 2π + log det C + (x - b)ᵀ C⁻¹ (x - b)]
func (p *PPCA) LogMarginal(x []float64) float64 {
	d, _ := p.Dims()
	p.checkX("LogMarginal", x)
	c := mat.NewSymDense(d, nil)
	c.SymOuterK(1, p.w())
	for i := 0; i < d; i++ {
		c.SetSym(i, i, c.At(i, i)+p.Sigma2)
	}
	chol := mustCholesky("LogMarginal", c)
	return -0.5 * (float64(d)*math.Log(2*math.Pi) + chol.LogDet() + quadForm(chol, p.residual(x, nil)))
}

// Posterior returns the exact posterior p(z|x), a Gaussian (Tipping &
// Bishop 1999, section 3.2):
//
//	p(z|x) = N(M⁻¹ Wᵀ (x - b), σ² M⁻¹),   M = WᵀW + σ² I_J
//
// M is J×J, so the posterior costs a J×J solve however large D is.
func (p *PPCA) Posterior(x []float64) metrics.Gaussian {
	_, j := p.Dims()
	p.checkX("Posterior", x)
	m := mat.NewSymDense(j, nil)
	m.SymOuterK(1, p.w().T())
	for i := 0; i < j; i++ {
		m.SetSym(i, i, m.At(i, i)+p.Sigma2)
	}
	chol := mustCholesky("Posterior", m)
	var wtr, mean mat.VecDense
	wtr.MulVec(p.w().T(), p.residual(x, nil))
	if err := chol.SolveVecTo(&mean, &wtr); err != nil {
		panic(fmt.Sprintf("vae: Posterior: %v", err))
	}
	cov := mat.NewSymDense(j, nil)
	if err := chol.InverseTo(cov); err != nil {
		panic(fmt.Sprintf("vae: Posterior: %v", err))
	}
	cov.ScaleSym(p.Sigma2, cov)
	return metrics.Gaussian{Mean: mean.RawVector().Data, Cov: cov}
}

// ANCHOR: ppca-elbo

// ELBO returns the evidence lower bound of a Gaussian q(z|x) = N(m, S),
// in closed form:
//
//	ELBO(q) = E_q[log p(x|z)] - KL(q ‖ N(0, I))
//
// The expected log-likelihood is closed form because log p(x|z) is a
// quadratic in z, and a quadratic's expectation needs only q's mean and
// covariance (E‖r - Wz‖² = ‖r - Wm‖² + tr(W S Wᵀ) with r = x - b):
//
//	E_q[log p(x|z)] = -½ [D log 2πσ² + (‖x - b - W m‖² + tr(Wᵀ W S)) / σ²]
//	KL(q ‖ N(0, I)) = ½ [tr S + mᵀm - J - log det S]
//
// It is at most LogMarginal(x), with equality only at q = Posterior(x).
func (p *PPCA) ELBO(x []float64, q metrics.Gaussian) float64 {
	d, j := p.Dims()
	p.checkX("ELBO", x)
	if q.Dim() != j {
		panic(fmt.Sprintf("vae: ELBO: q is %d-dimensional, the latent space %d-dimensional", q.Dim(), j))
	}
	mean := mat.NewVecDense(j, q.Mean)
	var wm mat.VecDense
	wm.MulVec(p.w(), mean)
	r := p.residual(x, &wm)
	var wtw, wtwS mat.Dense
	wtw.Mul(p.w().T(), p.w())
	wtwS.Mul(&wtw, q.Cov)
	expLogLik := -0.5 * (float64(d)*math.Log(2*math.Pi*p.Sigma2) + (mat.Dot(r, r)+mat.Trace(&wtwS))/p.Sigma2)
	chol := mustCholesky("ELBO", q.Cov)
	kl := 0.5 * (q.Cov.Trace() + mat.Dot(mean, mean) - float64(j) - chol.LogDet())
	return expLogLik - kl
}

// ANCHOR_END: ppca-elbo

// LogLikelihood returns the decoder's log p(x|z) = log N(x; W z + b, σ² I).
func (p *PPCA) LogLikelihood(x, z []float64) float64 {
	d, j := p.Dims()
	p.checkX("LogLikelihood", x)
	if len(z) != j {
		panic(fmt.Sprintf("vae: LogLikelihood: z has %d entries, want %d", len(z), j))
	}
	var wz mat.VecDense
	wz.MulVec(p.w(), mat.NewVecDense(j, append([]float64(nil), z...)))
	r := p.residual(x, &wz)
	return -0.5 * (float64(d)*math.Log(2*math.Pi*p.Sigma2) + mat.Dot(r, r)/p.Sigma2)
}

// LogPrior returns log p(z) = log N(z; 0, I).
func (p *PPCA) LogPrior(z []float64) float64 {
	s := 0.0
	for _, v := range z {
		s += v * v
	}
	return -0.5 * (float64(len(z))*math.Log(2*math.Pi) + s)
}

// Sample draws n points x = W z + b + ε from the model: an [n, D] tensor.
func (p *PPCA) Sample(n int, rng *tensor.RNG) *tensor.Tensor {
	d, j := p.Dims()
	z := tensor.RandN(rng, n, j)
	x := tensor.MatMulT(z, false, p.W, true)
	sigma := math.Sqrt(p.Sigma2)
	for i := 0; i < n; i++ {
		for c := 0; c < d; c++ {
			x.Data[i*d+c] += p.B[c] + sigma*rng.Normal(0, 1)
		}
	}
	return x
}

// w views W as a gonum matrix (sharing its memory).
func (p *PPCA) w() *mat.Dense {
	d, j := p.Dims()
	return mat.NewDense(d, j, p.W.Data)
}

// residual returns x - b - wz (x - b when wz is nil).
func (p *PPCA) residual(x []float64, wz *mat.VecDense) *mat.VecDense {
	r := mat.NewVecDense(len(x), nil)
	for i, v := range x {
		r.SetVec(i, v-p.B[i])
	}
	if wz != nil {
		r.SubVec(r, wz)
	}
	return r
}

// checkX panics unless x has D entries.
func (p *PPCA) checkX(who string, x []float64) {
	if d, _ := p.Dims(); len(x) != d {
		panic(fmt.Sprintf("vae: PPCA.%s: x has %d entries, want %d", who, len(x), d))
	}
}
