// Package efitness is an exercise: how the evolutionary GAN (E-GAN) scores
// and selects its generators.
//
// E-GAN (Wang, Xu, Yao & Tao 2019, "Evolutionary Generative Adversarial
// Networks", IEEE Transactions on Evolutionary Computation 23(6)) trains
// not one generator with one loss but a population: each step, the parent
// generator breeds children by training a copy with each of several losses
// (its "mutations": minimax, non-saturating, least squares), scores every
// child against the current discriminator, and keeps the best (section
// III-C). The score, the fitness, adds two parts:
//
//   - quality, F_q = E_z[D(G(z))], the discriminator's mean probability
//     that the child's samples are real, from the logits s it gave them:
//     D = σ(s) = 1/(1 + e^{-s});
//   - diversity, F_d = -log ‖∇_D L_D‖, where L_D = -E_x[log D(x)] -
//     E_z[log(1 - D(G(z)))] is the discriminator's loss against the
//     child's samples and the norm is the Euclidean norm of its gradient
//     over all of D's weights taken as one vector. A child whose samples
//     crowd onto a few modes hands D an easy, steep lesson: a large
//     gradient and a low F_d. Samples spread like the data leave D little
//     to learn.
//
// and weighs them with γ ≥ 0:
//
//	F = F_q + γ·F_d
//
// With γ = 0 only quality counts, and the population drifts towards the
// children that fool D most, which may have collapsed; a larger γ buys
// diversity at the price of quality.
//
// Selection keeps the μ children of highest fitness; with one parent
// (μ = 1, as in the paper's experiments) that is the argmax. This
// exercise takes the gradient as given (the chapter computes it with
// autograd) and breaks ties in favour of the child listed first.
//
// See the chapter section "Evolutionary GAN" in chapters/gan/README.md.
package efitness

// Quality returns F_q = mean σ(s) over the logits D gave a child's
// samples. It is NaN for no samples.
func Quality(fakeLogits []float64) float64 {
	// TODO
	return 0
}

// Diversity returns F_d = -log ‖grad‖ for the gradient of D's loss with
// respect to all of D's weights, flattened into one vector. A zero (or
// empty) gradient has norm 0 and diversity +Inf: nothing left to learn.
func Diversity(grad []float64) float64 {
	// TODO: the Euclidean norm, then the natural logarithm.
	return 0
}

// Fitness returns F = F_q + γ·F_d for a child whose samples D gave the
// logits fakeLogits and whose samples give D's loss the gradient grad.
// With gamma = 0 it is F_q, whatever F_d is (including +Inf).
func Fitness(fakeLogits, grad []float64, gamma float64) float64 {
	// TODO
	return 0
}

// Best returns the index of the child of highest fitness: the first such
// child if several tie. A NaN fitness (a child whose training diverged)
// never wins. It returns -1 if there is no child or every fitness is NaN.
func Best(fitness []float64) int {
	// TODO
	return 0
}
