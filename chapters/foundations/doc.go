// Package foundations is the code of the book's foundations chapter: the
// smallest complete learning system built from luoxia's library, a
// multilayer perceptron that classifies MNIST digits.
//
// It is not generative, and that is the point: every generative model in
// the later chapters is trained by the same loop this package spells out,
// forward pass, loss, backward pass, optimizer step, only with a different
// network and a different loss. Here the loop is small enough to see whole:
//
//	logits = MLP(x)                        (model.go)
//	L      = cross-entropy(logits, labels) (train.go)
//	L.Backward(); Adam step                (train.go)
//
// The tour (aigc tour) runs Train on the full MNIST set and writes the
// pictures of pictures.go.
package foundations
