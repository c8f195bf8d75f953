// Package vae is the code of the book's chapter on variational
// autoencoders (Kingma & Welling 2014, "Auto-Encoding Variational Bayes").
//
// A VAE is a latent-variable model p(x, z) = p(z)·p(x|z), with a simple
// prior p(z) = N(0, I) and a decoder network that gives p(x|z). Its
// likelihood p(x) = ∫ p(x|z) p(z) dz has no closed form, so an encoder
// network proposes q(z|x) = N(μ(x), diag σ²(x)) and training maximises the
// evidence lower bound
//
//	log p(x) ≥ ELBO(q) = E_q[log p(x|z)] - KL(q(z|x) ‖ p(z))
//
// whose gap is exactly KL(q(z|x) ‖ p(z|x)). The package reads in the
// order of the chapter:
//
//	kl.go          the KL term in closed form
//	reparam.go     z = μ + σ·ε, the reparameterisation trick
//	elbo.go        the Bernoulli decoder's likelihood and the loss -ELBO
//	estimators.go  why the trick: its gradient against the score function's
//	ppca.go        probabilistic PCA, where log p(x), p(z|x) and the ELBO are exact
//	iwae.go        the importance-weighted bound, tighter than the ELBO
//	model.go       what a VAE model is: encoder, decoder, and what is done with them
//	mlp.go         the MLP VAE of the PyTorch examples
//	conv.go        a convolutional VAE
//	config.go      the training configuration, the example's by default
//	train.go       training either on MNIST
//	loglik.go      estimating log p(x) of a trained model with the IWAE bound
//	figures.go     reconstructions, samples, the 2-D manifold, interpolations
//	sweep.go       β-VAE: rate against distortion
//	semisup.go     semi-supervised learning on the codes
package vae
