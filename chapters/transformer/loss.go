package transformer

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// LabelSmoothingLoss is the translation model's training loss (Vaswani et
// al. 2017, §5.4, ε_ls = 0.1, after Szegedy et al. 2016): the
// cross-entropy against a target that keeps 1-ε of its mass on the
// correct token y and spreads ε evenly over the K classes a target can
// be,
//
//	q_k = (1-ε)·[k = y] + ε/K
//	L = -(1/N)·Σ_n Σ_k q_nk · log p_nk
//
// for logits [..., V] (flattened to N rows of V) and targets, one per
// row. The pad token (pad ≥ 0; pad < 0 for none) is never a correct
// answer: it gets no share of ε, so K = V - 1, and rows whose target is
// the pad token are padding, left out of the sum and of the count N.
// Expanding q gives the closed form
//
//	L_n = (1-ε)·(-log p_y) + ε·(1/K)·Σ_{k≠pad} (-log p_k)
//
// the usual loss pulled towards the mean of -log p over the classes,
// which keeps the model from becoming certain. The logits must be finite.
func LabelSmoothingLoss(logits *autograd.Value, targets []int, eps float64, pad int) *autograd.Value {
	s := logits.Shape()
	v := s[len(s)-1]
	if n := logits.Data.Size() / v; n != len(targets) {
		panic(fmt.Sprintf("transformer: LabelSmoothingLoss: logits %v hold %d rows, %d targets", s, n, len(targets)))
	}
	if !(eps >= 0 && eps < 1) {
		panic(fmt.Sprintf("transformer: LabelSmoothingLoss: ε = %g, want [0, 1)", eps))
	}
	q, n := smoothedTargets(targets, v, eps, pad)
	if n == 0 {
		panic("transformer: LabelSmoothingLoss: every target is the pad token")
	}
	// log p = log softmax(z)
	logP := autograd.LogSoftmax(autograd.Reshape(logits, -1, v))
	// L = -(1/N)·Σ_n Σ_k q_nk · log p_nk
	return autograd.Scale(autograd.Sum(autograd.Mul(autograd.Const(q), logP)), -1/float64(n))
}

// ANCHOR: smoothed_targets

// smoothedTargets returns q [len(targets), v] and the number of rows whose
// target is not the pad token (those rows of q are zero).
func smoothedTargets(targets []int, v int, eps float64, pad int) (*tensor.Tensor, int) {
	k := v
	if pad >= 0 {
		k = v - 1
	}
	q := tensor.New(len(targets), v)
	n := 0
	for i, y := range targets {
		if y < 0 || y >= v {
			panic(fmt.Sprintf("transformer: LabelSmoothingLoss: target %d at row %d is outside a vocabulary of %d", y, i, v))
		}
		if y == pad {
			continue
		}
		n++
		row := q.Data[i*v : (i+1)*v]
		for c := range row {
			// q_k = ε/K for every class but the pad token
			if c != pad {
				row[c] = eps / float64(k)
			}
		}
		// q_y = 1-ε + ε/K
		row[y] += 1 - eps
	}
	return q, n
}

// ANCHOR_END: smoothed_targets

// ANCHOR: label_smoothing_floor

// LabelSmoothingFloor is the smallest loss LabelSmoothingLoss can take: at
// p = q it equals the entropy of the smoothed target,
//
//	H(q) = -(1-ε+ε/K)·log(1-ε+ε/K) - (K-1)·(ε/K)·log(ε/K)
//
// with K = vocab - 1 classes when there is a pad token and K = vocab
// when not. Cross-entropy is H(q) + KL(q ‖ p), so a trained model's
// loss sits above this floor (0.0 only when ε = 0) by its KL from q.
func LabelSmoothingFloor(vocab int, eps float64, hasPad bool) float64 {
	k := float64(vocab)
	if hasPad {
		k--
	}
	hit, miss := 1-eps+eps/k, eps/k
	h := -hit * math.Log(hit)
	if miss > 0 {
		h -= (k - 1) * miss * math.Log(miss)
	}
	return h
}

// ANCHOR_END: label_smoothing_floor
