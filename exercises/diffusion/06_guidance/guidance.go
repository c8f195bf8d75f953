// Package guidance is an exercise: classifier-free guidance, which trades
// a conditional diffusion model's diversity for samples that fit their
// condition better, with no classifier (Ho & Salimans 2022,
// "Classifier-Free Diffusion Guidance").
//
// A conditional model predicts the noise in x_t given a condition c, a
// class label here (a caption in text-to-image models): ε_θ(x_t, c).
// Ho & Salimans train one network for two jobs. During training the label
// is replaced, with probability p_uncond (0.1 or 0.2 in their
// experiments), by a null label ∅ that means "no condition", so the same
// network also learns the unconditional ε_θ(x_t, ∅). At sampling time both
// are evaluated at every step and combined (their eq. 6):
//
//	ε̃ = (1 + w)·ε_θ(x_t, c) - w·ε_θ(x_t, ∅)
//
// and ε̃ takes ε_θ's place in the sampler (DDPM's mean, or a DDIM step).
// In this convention w is the guidance strength and w = 0 is the plain
// conditional model; w > 0 pushes away from the unconditional prediction.
// Much code instead writes the same line with a guidance scale s = 1 + w,
//
//	ε̃ = ε_θ(x_t, ∅) + s·(ε_θ(x_t, c) - ε_θ(x_t, ∅))
//
// where s = 1 is the plain conditional model and s = 0 the unconditional
// one; check that the two agree. Take care which of the two a paper or a
// library means by "guidance 7.5".
//
// Why does this help? A model that predicts the noise exactly also knows
// the score, the gradient in x of the log-density of x_t (Vincent 2011,
// "A Connection Between Score Matching and Denoising Autoencoders"; Song
// et al. 2021, "Score-Based Generative Modeling through Stochastic
// Differential Equations"):
//
//	ε_θ(x_t, c) = -√(1 - ᾱ_t)·∇ log p(x_t | c),
//	ε_θ(x_t, ∅) = -√(1 - ᾱ_t)·∇ log p(x_t).
//
// Bayes' rule ties the two densities to a classifier, p(c | x_t), that
// would tell the class of a noisy x_t. Derive from it the gradient
// ∇ log p(c | x_t) in terms of the two noise predictions. Then show that
// ε̃ is -√(1 - ᾱ_t) times the score of the conditional model plus w times
// that gradient: guidance samples from p(x_t | c)·p(c | x_t)^w, a sharpened
// distribution that favours the x_t the implicit classifier is surest of.
// This is the classifier guidance of Dhariwal & Nichol (2021, "Diffusion
// Models Beat GANs on Image Synthesis"), with the classifier read off the
// diffusion model itself instead of trained on noisy images.
//
// Vectors are plain []float64, one entry per pixel; alphaBar[t] holds ᾱ_t,
// from alphaBar[0] = 1 to alphaBar[T], as exercise 01's AlphaBar returns
// it. Labels are ints, and the null label is whichever int the caller
// reserves for it.
//
// Chapter section "Guidance: trading variety for fidelity",
// chapters/diffusion/README.md.
package guidance

// Guide returns the guided noise prediction ε̃ = (1 + w)·epsCond - w·epsUncond
// for the conditional prediction epsCond, ε_θ(x_t, c), and the
// unconditional epsUncond, ε_θ(x_t, ∅), of the same length. The inputs are
// not changed, and the result is a new slice.
func Guide(epsCond, epsUncond []float64, w float64) []float64 {
	// TODO
	return nil
}

// ClassifierGrad returns ∇ log p(c | x_t), the gradient in x_t of the log
// probability that the implicit classifier gives the condition c, from the
// two noise predictions at x_t and step t (1 ≤ t ≤ T). The inputs are not
// changed.
func ClassifierGrad(epsCond, epsUncond []float64, t int, alphaBar []float64) []float64 {
	// TODO: Bayes' rule in logs, then the scores from the noise predictions.
	return nil
}

// DropLabels returns a copy of labels in which each label is replaced,
// independently with probability pUncond, by the null label null: the
// label dropout that trains one network for both ε_θ(x_t, c) and
// ε_θ(x_t, ∅). All randomness comes from a generator seeded by seed (for
// example math/rand/v2's rand.New(rand.NewPCG(seed, ...))), so the same
// seed drops the same labels. The input is not changed.
func DropLabels(labels []int, null int, pUncond float64, seed uint64) []int {
	// TODO
	return nil
}
