package nn

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: crossentropy

// CrossEntropy is the classification loss: the mean over a batch of the
// cross-entropy between a target distribution q over K classes and the
// model's p = softmax(z) for logits z [N, K]. With label smoothing ε
// (Szegedy et al. 2016) the target spreads ε of its mass evenly over all
// classes instead of putting all of it on the label y:
//
//	q_k = (1-ε)·[k = y] + ε/K
//	L = -(1/N)·Σ_n Σ_k q_nk · log p_nk
//
// ε = 0 gives the usual -(1/N)·Σ_n log p_n,y_n. log p is computed as
// z_k - logsumexp(z) (LogSoftmax), which cannot overflow. It panics if a
// label is outside [0, K) or the labels do not match the batch.
func CrossEntropy(logits *autograd.Value, labels []int, smoothing float64) *autograd.Value {
	n, k := checkClassification("CrossEntropy", logits, labels)
	if !(smoothing >= 0 && smoothing <= 1) {
		panic(fmt.Sprintf("nn: CrossEntropy: label smoothing %g, want a value in [0, 1]", smoothing))
	}
	// q_k = (1-ε)·[k = y] + ε/K
	q := tensor.Full(smoothing/float64(k), n, k)
	for i, y := range labels {
		q.Data[i*k+y] += 1 - smoothing
	}
	// log p = log softmax(z)
	logP := autograd.LogSoftmax(logits)
	// L = -(1/N)·Σ_n Σ_k q_nk · log p_nk
	return autograd.Scale(autograd.Sum(autograd.Mul(autograd.Const(q), logP)), -1/float64(n))
}

// ANCHOR_END: crossentropy

// Accuracy returns the fraction of rows of logits [N, K] whose largest
// entry is at the label's position.
func Accuracy(logits *autograd.Value, labels []int) float64 {
	n, _ := checkClassification("Accuracy", logits, labels)
	correct := 0
	for i, guess := range tensor.ArgMax(logits.Data) {
		if guess == labels[i] {
			correct++
		}
	}
	return float64(correct) / float64(n)
}

// checkClassification panics unless logits is [N, K] with N = len(labels)
// and every label lies in [0, K); it returns N and K.
func checkClassification(who string, logits *autograd.Value, labels []int) (n, k int) {
	shape := logits.Shape()
	if len(shape) != 2 || shape[0] != len(labels) || shape[0] == 0 {
		panic(fmt.Sprintf("nn: %s: logits %v and %d labels, want [N, K] with N = len(labels) > 0", who, shape, len(labels)))
	}
	n, k = shape[0], shape[1]
	for i, y := range labels {
		if y < 0 || y >= k {
			panic(fmt.Sprintf("nn: %s: label %d at index %d is out of range for K = %d classes", who, y, i, k))
		}
	}
	return n, k
}
