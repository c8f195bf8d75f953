// Package cycle is an exercise: CycleGAN's cycle-consistency and identity
// losses.
//
// CycleGAN (Zhu, Park, Isola & Efros 2017, "Unpaired Image-to-Image
// Translation using Cycle-Consistent Adversarial Networks") learns two
// translators between domains X and Y from unpaired examples: G: X → Y and
// F: Y → X. The adversarial losses alone only ask G(x) to look like some
// member of Y; the cycle-consistency loss (the paper's equation 2) asks
// the round trips to come back where they started:
//
//	L_cyc(G, F) = E_x ‖F(G(x)) - x‖₁ + E_y ‖G(F(y)) - y‖₁
//
// The identity loss (section 5.2, after Taigman et al. 2017) asks each
// translator to leave alone what already belongs to its target domain,
// which keeps, for example, the colours of a photo painted as a Monet:
//
//	L_identity(G, F) = E_y ‖G(y) - y‖₁ + E_x ‖F(x) - x‖₁
//
// The paper writes ‖·‖₁ for the sum of absolute differences over an
// image; the authors' code (nn.L1Loss) takes the mean over the pixels as
// well as over the images, the mean absolute error, which this exercise
// uses too. It changes the loss by a constant factor (the number of
// values per image) and so the weight λ it needs: the paper's λ = 10 is
// for the mean. Each of the two terms is a mean over its own domain's
// batch, and the batches of X and Y may differ in size and shape.
//
// See the chapter section "CycleGAN: translation without pairs" in
// chapters/gan/README.md.
package cycle

import "github.com/luoxia/aigc/lib/tensor"

// Map is a translator between domains: it maps a batch of samples of one
// domain to a batch of samples of the other.
type Map func(x *tensor.Tensor) *tensor.Tensor

// MeanAbsError returns the mean of |a_i - b_i| over all elements of a and
// b. a and b must have the same shape, not merely shapes that broadcast:
// MeanAbsError panics otherwise. For tensors of no elements it is NaN.
func MeanAbsError(a, b *tensor.Tensor) float64 {
	// TODO
	return 0
}

// CycleLoss returns L_cyc = mean|F(G(x)) - x| + mean|G(F(y)) - y| for the
// translators g: X → Y and f: Y → X, a batch x from X and a batch y from Y.
func CycleLoss(g, f Map, x, y *tensor.Tensor) float64 {
	// TODO: mind which translator goes first on each trip.
	return 0
}

// IdentityLoss returns L_identity = mean|G(y) - y| + mean|F(x) - x|: each
// translator applied to a batch of its own target domain.
func IdentityLoss(g, f Map, x, y *tensor.Tensor) float64 {
	// TODO
	return 0
}
