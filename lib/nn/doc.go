// Package nn holds the building blocks that luoxia's models are made of:
// layers, activations, losses, weight initialisation, and saving and
// loading parameters.
//
// # Modules, parameters and buffers
//
// A neural network is a function with many adjustable numbers. Here those
// numbers live in autograd Values made with autograd.Param, so that a
// backward pass fills in their gradients, and a Module is anything that can
// list them by name:
//
//	type Module interface{ Params() []Param }
//
// A Param pairs a name ("W", "b", "enc.fc1.W") with its Value. The names
// are what Save and Load match on and what a reader sees when printing a
// model; the order is what an optimizer sees through Values. A few named
// tensors are not trained but are still part of the model's state, such as
// BatchNorm's running mean and variance: they are buffers, made with
// autograd.Const, listed by Params like the rest (so they are saved and
// loaded) but left out by Values (so no optimizer touches them).
//
// Larger models are made of smaller ones. A model with named parts lists
// them in Children and builds its Params with Nest, which prefixes each
// part's names with the part's name; Sequential does this for a chain of
// Layers, naming them by position. SetTraining walks Children to switch
// every BatchNorm and Dropout inside between training and evaluation.
//
// # Layers
//
// Each layer is a small type in a file of its own, with its equation as a
// comment above the line that computes it, in the symbols of its paper:
// Linear (y = x·W + b), Conv2d and ConvTranspose2d (the down- and
// up-sampling of image models), BatchNorm, LayerNorm and GroupNorm
// (normalise, then let γ and β undo it where that helps), SelfAttention2d
// (every pixel of a feature map attending to every other), Embedding (a
// table lookup), Dropout (inverted dropout), and the activations ReLU,
// LeakyReLU, GELU, Tanh, Sigmoid and SiLU as parameter-free layers.
// Every layer is checked against finite differences with
// autograd.GradCheck in its test.
//
// # Losses
//
// MSE, BCEWithLogits and CrossEntropy return a scalar Value to call
// Backward on. The two classification losses take logits, not
// probabilities: log σ(z) and log softmax(z) computed from z stay finite
// where the probability itself would round to 0 and its log to -Inf.
//
// # Initialisation
//
// Training starts from random weights whose scale matters: too large and
// activations blow up layer by layer, too small and they fade away.
// XavierUniform, XavierNormal, HeNormal and HeUniform set the variance from
// the layer's fan-in and fan-out (Fans) as Glorot & Bengio (2010) and He et
// al. (2015) derived. Constructors take a *tensor.RNG so the same seed
// builds the same network; each documents its default and why.
//
// # Evaluating without gradients
//
// InChunks runs a function of a Value, usually a model's forward pass, over
// a large tensor a chunk of rows at a time, each chunk an autograd.NoGrad
// leaf so that no graph is recorded, and stacks the results: how a chapter
// classifies, encodes or decodes a whole test set.
//
// # Saving and loading
//
// Save writes every named tensor to a small versioned binary file (magic,
// version, names, shapes, float64 values, CRC-32) atomically, and Load
// reads one back into a model of the same architecture, refusing with a
// precise error a file that is missing, truncated, corrupt, or made for
// another model. Write and Read do the same on any io.Writer and io.Reader.
//
// The exported API uses no generics and no iterators, so gophernotes
// notebooks can call all of it.
package nn
