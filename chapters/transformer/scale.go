package transformer

import (
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// scoreStats draws n queries q [1, d_k] and n sets of tk keys [tk, d_k],
// all entries N(0, 1), and returns, over the n draws, the variance of the
// scores S that AttentionWeights sees, the mean of the largest weight of
// a = softmax(S), and the mean Frobenius norm of the softmax's Jacobian
// J = diag(a) - a aᵀ, the factor every gradient through the weights is
// multiplied by. With scaled, S = q·k/√d_k, as Attention computes it;
// without, S = q·k: the query is multiplied by √d_k beforehand, which the
// division then undoes.
func scoreStats(rng *tensor.RNG, n, tk, dk int, scaled bool) (variance, maxWeight, jacobian float64) {
	q, k := tensor.RandN(rng, n, 1, dk), tensor.RandN(rng, n, tk, dk)
	if !scaled {
		q = tensor.Scale(q, math.Sqrt(float64(dk)))
	}
	a := AttentionWeights(autograd.Const(q), autograd.Const(k), nil).Data.Data
	for r := 0; r < n; r++ {
		// The scores S_j = q·k_j/√d_k that AttentionWeights computes (the
		// entries have mean 0, so their variance is the mean of S_j²).
		for j := 0; j < tk; j++ {
			s := 0.0
			for c := 0; c < dk; c++ {
				s += q.Data[r*dk+c] * k.Data[(r*tk+j)*dk+c]
			}
			s /= math.Sqrt(float64(dk))
			variance += s * s / float64(n*tk)
		}
		row := a[r*tk : (r+1)*tk]
		top, jj := 0.0, 0.0
		for i, wi := range row {
			top = math.Max(top, wi)
			for j, wj := range row {
				// J_ij = a_i [i = j] - a_i a_j
				jij := -wi * wj
				if i == j {
					jij += wi
				}
				jj += jij * jij
			}
		}
		maxWeight += top / float64(n)
		jacobian += math.Sqrt(jj) / float64(n)
	}
	return variance, maxWeight, jacobian
}

// Saturation is what the softmax of attention scores does at one d_k,
// without and with the division by √d_k: the mean largest weight of
// a = softmax(S) and the mean Frobenius norm of its Jacobian
// J = diag(a) - a aᵀ, over random unit-variance queries and keys.
type Saturation struct {
	Dk                 int
	RawMax, RawJ       float64 // S = q·k
	ScaledMax, ScaledJ float64 // S = q·k/√d_k
}

// SoftmaxSaturation measures Saturation at each d_k of dks, over n
// queries and n sets of tk keys with N(0, 1) entries, drawn from a
// generator seeded with d_k (the same draws with and without the
// division), as TestScaleKeepsScoresUnitVariance does.
func SoftmaxSaturation(dks []int, n, tk int) []Saturation {
	out := make([]Saturation, len(dks))
	for i, dk := range dks {
		_, rm, rj := scoreStats(tensor.NewRNG(uint64(dk)), n, tk, dk, false)
		_, sm, sj := scoreStats(tensor.NewRNG(uint64(dk)), n, tk, dk, true)
		out[i] = Saturation{Dk: dk, RawMax: rm, RawJ: rj, ScaledMax: sm, ScaledJ: sj}
	}
	return out
}
