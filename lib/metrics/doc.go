// Package metrics measures generative models: how close generated images
// are to real ones (Fréchet distance of feature Gaussians, Inception
// Score, precision and recall of k-NN manifolds), how close two
// distributions are (KL divergence), how well generated text matches
// references (BLEU, ROUGE), how likely a model finds held-out data
// (perplexity, bits per dimension), how a model's samples cover the modes
// of a known mixture (mode coverage on the ring of the GAN and diffusion
// chapters), and how far samples lie from the data (the mean distance to
// the nearest data point).
//
// Each metric follows the convention of the tool that reports it in the
// literature (sacreBLEU for BLEU, Google's rouge-score for ROUGE, the
// TTUR/pytorch-fid closed form for FID), so that numbers computed here
// mean what readers expect; where a convention has options, the option is
// named. The chapter chapters/evaluation derives each one.
//
// The exported API uses no generics, so notebooks can call it.
package metrics
