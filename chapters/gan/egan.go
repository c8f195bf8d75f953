package gan

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// The evolutionary GAN (E-GAN) of Wang, Xu, Yao and Tao, "Evolutionary
// Generative Adversarial Networks", IEEE Transactions on Evolutionary
// Computation 23(6), 2019. Instead of one generator trained with one loss,
// each step breeds children from the parent generator, each updated with a
// different loss (a "mutation"), scores them with a fitness function and
// keeps the best. Each loss fails in its own way (the minimax loss
// saturates when D wins, the non-saturating one can chase a few modes), and
// selection picks whichever suits the discriminator of the moment.

// Mutation names one of E-GAN's ways of updating a child generator: a
// generator loss on the discriminator's logits for the child's samples.
type Mutation string

// E-GAN's three mutations, as the paper defines them.
const (
	// Minimax is M^minimax = E_z[log(1 - D(G(z)))], the game as written:
	// MinimaxGeneratorLoss.
	Minimax Mutation = "minimax"
	// Heuristic is M^heuristic = -E_z[log D(G(z))], the non-saturating
	// loss: NonSaturatingGeneratorLoss.
	Heuristic Mutation = "heuristic"
	// LeastSquares is M^ls = E_z[(D(G(z)) - 1)²] (Mao et al. 2017):
	// LeastSquaresGeneratorLoss.
	LeastSquares Mutation = "least-squares"
)

// Mutations lists E-GAN's three mutations in the paper's order.
func Mutations() []Mutation { return []Mutation{Minimax, Heuristic, LeastSquares} }

// knownMutation reports whether m is one of E-GAN's three mutations.
func knownMutation(m Mutation) bool {
	return m == Minimax || m == Heuristic || m == LeastSquares
}

// checkEvolution reports what is wrong with an E-GAN's mutations and γ.
func checkEvolution(mutations []Mutation, gamma float64) error {
	if len(mutations) == 0 {
		return fmt.Errorf("gan: E-GAN needs at least one mutation")
	}
	for _, m := range mutations {
		if !knownMutation(m) {
			return fmt.Errorf("gan: mutation is %q, want %q, %q or %q", string(m), Minimax, Heuristic, LeastSquares)
		}
	}
	if !(gamma >= 0) {
		return fmt.Errorf("gan: E-GAN's gamma is %g, want a number >= 0", gamma)
	}
	return nil
}

// Loss is the mutation's generator loss for the discriminator's logits on
// a batch of generated samples. The paper writes the first two with a
// factor ½, which only halves the step Adam would take anyway (Adam
// divides the scale of the gradient out); here they are the losses of
// losses.go as they are.
func (m Mutation) Loss(fakeLogits *autograd.Value) *autograd.Value {
	switch m {
	case Minimax:
		return MinimaxGeneratorLoss(fakeLogits)
	case Heuristic:
		return NonSaturatingGeneratorLoss(fakeLogits)
	case LeastSquares:
		return LeastSquaresGeneratorLoss(fakeLogits)
	}
	panic(fmt.Sprintf("gan: unknown mutation %q", string(m)))
}

// Fitness is E-GAN's score of one child generator against the current
// discriminator, as the paper defines it.
type Fitness struct {
	// Quality is F_q = E_z[D(G(z))]: how real the child's samples look
	// to the discriminator.
	Quality float64
	// Diversity is F_d = -log ‖∇_D L_D‖, L_D = -E_x[log D(x)] -
	// E_z[log(1 - D(G(z)))]: minus the log of the norm of the gradient
	// the discriminator would get from the child's samples. Samples
	// bunched on a few modes give D an easy, steep lesson (a large
	// gradient, a low F_d); samples spread like the data leave it little
	// to learn. The sign is the paper's, and that of the authors' Theano
	// code for the toy data, which subtracts the log of the squared
	// norm; their later PyTorch code adds +log ‖∇‖ instead (an open
	// question on its issue tracker).
	Diversity float64
	// Total is F = F_q + γ·F_d, the number selection ranks by.
	Total float64
}

// Generation is what one step of evolution did.
type Generation struct {
	Winner  Mutation       // the mutation of the child that survived
	Fitness []Fitness      // each child's fitness, in the order of Evolution.Mutations
	GLoss   float64        // -E_z[log D(G(z))] of the survivor's samples: a loss comparable across mutations
	Samples *tensor.Tensor // the survivor's samples on the evaluation noise, for D's next update
}

// Evolution is the generator side of E-GAN with one parent (the paper's
// μ = 1) for any generator G (noise in, samples out) and discriminator D
// (samples in, one logit per sample out): the ring's MLPs here, DCGAN's
// convolutional networks just as well.
//
// Each mutation keeps its own Adam optimizer, as the authors' Theano code
// for the toy data does: its moment estimates follow the gradients of its
// own loss, taken at each step's parent. (Their later PyTorch code copies
// one optimizer's state along with the surviving child instead.) A child
// is a copy of all of G's tensors, buffers such as BatchNorm's running
// statistics included, so children never leak into one another; D is
// only evaluated, but its BatchNorm layers, if any, do see every child's
// samples in training mode.
type Evolution struct {
	G, D      nn.Layer
	Mutations []Mutation
	Gamma     float64 // γ, the weight of diversity in the fitness

	state    []*autograd.Value  // all of G's tensors, buffers (BatchNorm's running statistics) included
	opts     []*optim.Adam      // one optimizer per mutation, over G's trainable tensors
	parent   []*tensor.Tensor   // the parent's state, while its children are bred
	children [][]*tensor.Tensor // each child's state, until selection
}

// NewEvolution prepares E-GAN's evolution of g against d with the given
// mutations, Adam learning rate lr (β1 = 0.5) and diversity weight gamma.
func NewEvolution(g, d nn.Layer, mutations []Mutation, lr, gamma float64) *Evolution {
	if len(mutations) == 0 {
		panic("gan: NewEvolution: no mutations")
	}
	for _, m := range mutations {
		if !knownMutation(m) {
			panic(fmt.Sprintf("gan: NewEvolution: unknown mutation %q", string(m)))
		}
	}
	e := &Evolution{G: g, D: d, Mutations: append([]Mutation(nil), mutations...), Gamma: gamma}
	for _, p := range g.Params() {
		e.state = append(e.state, p.V)
	}
	e.parent = cloneAll(e.state)
	for range mutations {
		e.opts = append(e.opts, ringAdam(g, lr))
		e.children = append(e.children, cloneAll(e.state))
	}
	return e
}

// SetLR sets the learning rate of every mutation's optimizer.
func (e *Evolution) SetLR(lr float64) {
	for _, o := range e.opts {
		o.SetLR(lr)
	}
}

// ANCHOR: egan_step

// Step runs one generation. From the parent G it breeds one child per
// mutation h, each an Adam step on M^h(D(G(z))) from the parent's weights;
// scores each child by its fitness on the evaluation noise zEval and the
// real batch realEval; and keeps the fittest as the new G (Algorithm 1 of
// the paper, with μ = 1). D is not changed; the caller updates it next,
// against Generation.Samples.
func (e *Evolution) Step(z, zEval, realEval *tensor.Tensor) Generation {
	saveWeights(e.parent, e.state)
	realGrad := e.realGradient(realEval)
	gen := Generation{Fitness: make([]Fitness, len(e.Mutations))}
	best, bestLoss := -1, 0.0
	var bestSamples *tensor.Tensor
	for h, m := range e.Mutations {
		loadWeights(e.state, e.parent) // every child starts from the parent
		// Variation: one step of the mutation's loss.
		loss := m.Loss(e.D.Forward(e.G.Forward(autograd.Const(z))))
		e.opts[h].ZeroGrad()
		loss.Backward()
		e.opts[h].Step()
		nn.ZeroGrad(e.D) // the mutation's backward left gradients on D
		// Evaluation.
		f, samples, nsLoss := e.fitness(zEval, realGrad)
		gen.Fitness[h] = f
		saveWeights(e.children[h], e.state)
		// Selection: the fittest child so far (the first on ties).
		if best < 0 || f.Total > gen.Fitness[best].Total {
			best, bestSamples, bestLoss = h, samples, nsLoss
		}
	}
	loadWeights(e.state, e.children[best])
	gen.Winner, gen.Samples, gen.GLoss = e.Mutations[best], bestSamples, bestLoss
	return gen
}

// ANCHOR_END: egan_step

// ANCHOR: egan_fitness

// fitness scores the generator as it is now:
//
//	F_q = E_z[D(G(z))]
//	F_d = -log ‖∇_D (-E_x[log D(x)] - E_z[log(1 - D(G(z)))])‖
//	F   = F_q + γ·F_d
//
// with the norm taken over all of D's weights as one vector. The gradient
// is a sum, ∇_D(-E_x[log D(x)]) + ∇_D(-E_z[log(1 - D(G(z)))]), whose first
// term is the same for every child: realGrad, computed once per step.
// fitness also returns the samples G(zEval) and their non-saturating loss
// -E_z[log D(G(z))].
func (e *Evolution) fitness(zEval *tensor.Tensor, realGrad []*tensor.Tensor) (Fitness, *tensor.Tensor, float64) {
	fake := e.G.Forward(autograd.NoGrad(zEval)).Data
	fakeLogits := e.D.Forward(autograd.Const(fake))
	nn.ZeroGrad(e.D)
	nn.BCEWithLogits(fakeLogits, full(fakeLogits, 0)).Backward() // -E_z[log(1 - D(G(z)))]
	sq := 0.0
	for i, v := range nn.Values(e.D) {
		for j, r := range realGrad[i].Data {
			g := r
			if v.Grad != nil {
				g += v.Grad.Data[j]
			}
			sq += g * g
		}
	}
	nn.ZeroGrad(e.D)

	var f Fitness
	f.Quality = tensor.Mean(tensor.Sigmoid(fakeLogits.Data))
	f.Diversity = -math.Log(math.Sqrt(sq))
	f.Total = f.Quality + e.Gamma*f.Diversity
	nsLoss := tensor.Mean(tensor.Softplus(tensor.Neg(fakeLogits.Data))) // -log σ(s) = softplus(-s)
	return f, fake, nsLoss
}

// ANCHOR_END: egan_fitness

// cloneAll copies the data of every Value.
func cloneAll(vs []*autograd.Value) []*tensor.Tensor {
	out := make([]*tensor.Tensor, len(vs))
	for i, v := range vs {
		out[i] = v.Data.Clone()
	}
	return out
}

// realGradient is ∇_D(-E_x[log D(x)]) on the real batch, one tensor per
// trainable tensor of D (zeros where none reaches it).
func (e *Evolution) realGradient(realEval *tensor.Tensor) []*tensor.Tensor {
	realLogits := e.D.Forward(autograd.Const(realEval))
	nn.ZeroGrad(e.D)
	nn.BCEWithLogits(realLogits, full(realLogits, 1)).Backward()
	vs := nn.Values(e.D)
	out := make([]*tensor.Tensor, len(vs))
	for i, v := range vs {
		out[i] = tensor.ZerosLike(v.Data)
		if v.Grad != nil {
			out[i].CopyFrom(v.Grad)
		}
	}
	nn.ZeroGrad(e.D)
	return out
}

// saveWeights copies the data of a model's Values into saved tensors.
func saveWeights(dst []*tensor.Tensor, src []*autograd.Value) {
	for i, v := range src {
		dst[i].CopyFrom(v.Data)
	}
}

// loadWeights copies saved tensors back into a model's Values.
func loadWeights(dst []*autograd.Value, src []*tensor.Tensor) {
	for i, t := range src {
		dst[i].Data.CopyFrom(t)
	}
}
