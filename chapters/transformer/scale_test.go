package transformer

import (
	"math"
	"testing"

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

// The scores q·k of unit-variance entries have variance d_k; divided by
// √d_k, variance 1 whatever d_k. Unscaled, the softmax saturates as d_k
// grows: its largest weight goes to 1 and its Jacobian, through which
// every gradient of the weights passes, to 0. Scaled, both stay where
// they are at d_k = 1. `go test -run TestScaleKeepsScoresUnitVariance -v`
// prints the table the chapter quotes.
func TestScaleKeepsScoresUnitVariance(t *testing.T) {
	const n, tk = 200, 16
	t.Logf("%6s | %10s %10s %10s | %10s %10s %10s", "d_k", "var q·k", "max a", "‖J‖", "var q·k/√d", "max a", "‖J‖")
	var firstJ, lastRawJ, lastJ float64
	for i, dk := range []int{1, 4, 16, 64, 256, 1024} {
		rv, rm, rj := scoreStats(tensor.NewRNG(uint64(dk)), n, tk, dk, false)
		sv, sm, sj := scoreStats(tensor.NewRNG(uint64(dk)), n, tk, dk, true)
		t.Logf("%6d | %10.2f %10.3f %10.4f | %10.3f %10.3f %10.4f", dk, rv, rm, rj, sv, sm, sj)
		if math.Abs(rv/float64(dk)-1) > 0.15 {
			t.Errorf("d_k = %d: unscaled scores have variance %.3g, want about d_k", dk, rv)
		}
		if math.Abs(sv-1) > 0.15 {
			t.Errorf("d_k = %d: scaled scores have variance %.3g, want about 1", dk, sv)
		}
		if i == 0 {
			firstJ = sj
		}
		lastRawJ, lastJ = rj, sj
	}
	if !(lastRawJ < firstJ/5) {
		t.Errorf("unscaled at d_k = 1024 the Jacobian's size is %.3g, not below a fifth of %.3g at d_k = 1", lastRawJ, firstJ)
	}
	if math.Abs(lastJ/firstJ-1) > 0.2 {
		t.Errorf("scaled, the Jacobian's size moved from %.3g at d_k = 1 to %.3g at d_k = 1024", firstJ, lastJ)
	}
}
