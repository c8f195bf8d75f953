package transformer

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// permuteRows returns x [B, T, D] with its rows (axis 1) in the order perm:
// row i of the result is row perm[i] of x.
func permuteRows(x *tensor.Tensor, perm []int) *tensor.Tensor {
	out := tensor.New(x.Shape...)
	for b := 0; b < x.Shape[0]; b++ {
		for i, p := range perm {
			copy(rowsOf(out, b, i, i+1), rowsOf(x, b, p, p+1))
		}
	}
	return out
}

// Attention's numbers by hand: one query against three keys in d_k = 4,
// scores q·k_j/√4 plus the mask, softmax, and the weighted sum of the
// values.
func TestAttentionValues(t *testing.T) {
	q := tensor.FromSlice([]float64{1, 0, 2, -1}, 1, 1, 4)
	k := tensor.FromSlice([]float64{1, 1, 0, 0, 0, 2, 1, 1, -1, 0, 0, 3}, 1, 3, 4)
	v := tensor.FromSlice([]float64{1, 0, 0, 1, 5, 5}, 1, 3, 2)
	mask := tensor.FromSlice([]float64{0, 0, math.Inf(-1)}, 1, 3)
	// q·k = 1, 1, -4; divided by √4: 0.5, 0.5, -2; the third key masked.
	for _, tc := range []struct {
		mask *tensor.Tensor
		s    []float64
	}{{nil, []float64{0.5, 0.5, -2}}, {mask, []float64{0.5, 0.5, math.Inf(-1)}}} {
		z := 0.0
		for _, x := range tc.s {
			z += math.Exp(x)
		}
		want := []float64{0, 0}
		for j, x := range tc.s {
			want[0] += math.Exp(x) / z * v.Data[2*j]
			want[1] += math.Exp(x) / z * v.Data[2*j+1]
		}
		got := Attention(autograd.Const(q), autograd.Const(k), autograd.Const(v), tc.mask).Data.Data
		wantClose(t, "attention by hand", got, want, 1e-15)
	}
}

// Without positions, self-attention sees its input as a set: permuting the
// tokens permutes the outputs the same way, for the bare attention and
// for a multi-head layer.
func TestSelfAttentionIsPermutationEquivariant(t *testing.T) {
	rng := tensor.NewRNG(1)
	const b, tt, d = 2, 6, 8
	perm := []int{3, 0, 5, 1, 4, 2}
	mha := NewMultiHeadAttention(d, 2, true, 0, rng)
	x := tensor.RandN(rng, b, tt, d)
	px := permuteRows(x, perm)
	y := mha.Forward(autograd.Const(x), autograd.Const(x), nil).Data
	py := mha.Forward(autograd.Const(px), autograd.Const(px), nil).Data
	wantClose(t, "MHA(permuted x) against permuted MHA(x)", py.Data, permuteRows(y, perm).Data, 1e-12)

	// Q, K, V [B, T, d] with no heads axis: attention of a permuted set.
	q, k, v := tensor.RandN(rng, b, tt, d), tensor.RandN(rng, b, tt, d), tensor.RandN(rng, b, tt, d)
	a := Attention(autograd.Const(q), autograd.Const(k), autograd.Const(v), nil).Data
	pa := Attention(autograd.Const(permuteRows(q, perm)), autograd.Const(permuteRows(k, perm)), autograd.Const(permuteRows(v, perm)), nil).Data
	wantClose(t, "Attention(permuted Q, K, V)", pa.Data, permuteRows(a, perm).Data, 1e-12)
}

// Under the causal mask the output at position t is a function of inputs
// 0..t only: changing the inputs after t changes nothing up to t, to the
// last bit, and does change the outputs after t.
func TestCausalSelfAttentionIgnoresTheFuture(t *testing.T) {
	rng := tensor.NewRNG(2)
	const b, tt, d = 2, 7, 8
	mha := NewMultiHeadAttention(d, 4, true, 0, rng)
	mask := CausalMask(tt, tt)
	x := tensor.RandN(rng, b, tt, d)
	y := mha.Forward(autograd.Const(x), autograd.Const(x), mask).Data
	for cut := 0; cut < tt-1; cut++ {
		x2 := x.Clone()
		for bb := 0; bb < b; bb++ {
			for i, r := range rowsOf(tensor.RandN(rng, 1, tt-cut-1, d), 0, 0, tt-cut-1) {
				rowsOf(x2, bb, cut+1, tt)[i] = r
			}
		}
		y2 := mha.Forward(autograd.Const(x2), autograd.Const(x2), mask).Data
		for bb := 0; bb < b; bb++ {
			if d := maxDiff(rowsOf(y2, bb, 0, cut+1), rowsOf(y, bb, 0, cut+1)); d != 0 {
				t.Fatalf("changing positions after %d moved the outputs up to %d by %.3g", cut, cut, d)
			}
			if d := maxDiff(rowsOf(y2, bb, cut+1, tt), rowsOf(y, bb, cut+1, tt)); !(d > 1e-6) {
				t.Fatalf("changing positions after %d moved the outputs after it by only %.3g", cut, d)
			}
		}
	}
}

// Padded keys get exactly zero weight, every query's weights still sum to
// one, and a pad-token mask equals the mask made from the lengths.
func TestPaddedKeysGetZeroWeight(t *testing.T) {
	rng := tensor.NewRNG(3)
	const h, tt, d, pad = 2, 5, 4, 0
	lengths := []int{5, 3, 1}
	ids := [][]int{{4, 2, 7, 1, 3}, {5, 5, 2, pad, pad}, {9, pad, pad, pad, pad}}
	mask := PaddingMask(lengths, tt)
	for i, m := range PadTokenMask(ids, pad).Data {
		if m != mask.Data[i] {
			t.Fatalf("PadTokenMask %v, PaddingMask %v", PadTokenMask(ids, pad).Data, mask.Data)
		}
	}
	q, k := tensor.RandN(rng, 3, h, tt, d), tensor.RandN(rng, 3, h, tt, d)
	a := AttentionWeights(autograd.Const(q), autograd.Const(k), mask).Data
	for b, n := range lengths {
		for r := 0; r < h*tt; r++ {
			row := a.Data[(b*h*tt+r)*tt : (b*h*tt+r+1)*tt]
			sum := 0.0
			for j, w := range row {
				if j >= n && w != 0 {
					t.Fatalf("sequence %d of length %d: key %d has weight %g", b, n, j, w)
				}
				if j < n && !(w > 0) {
					t.Fatalf("sequence %d: real key %d has weight %g", b, j, w)
				}
				sum += w
			}
			if math.Abs(sum-1) > 1e-14 {
				t.Fatalf("sequence %d: weights sum to %.17g", b, sum)
			}
		}
	}
}

// A query whose every key is masked reads nothing: its output row is zero
// and finite, and the other rows are unaffected.
func TestFullyMaskedQueryReadsZero(t *testing.T) {
	rng := tensor.NewRNG(4)
	q, k, v := tensor.RandN(rng, 1, 3, 4), tensor.RandN(rng, 1, 3, 4), tensor.RandN(rng, 1, 3, 4)
	mask := tensor.New(1, 3, 3)
	for j := 0; j < 3; j++ {
		mask.Data[3+j] = math.Inf(-1) // query 1 may see no key
	}
	y := Attention(autograd.Const(q), autograd.Const(k), autograd.Const(v), mask).Data
	wantClose(t, "the fully masked query's output", rowsOf(y, 0, 1, 2), make([]float64, 4), 0)
	free := Attention(autograd.Const(q), autograd.Const(k), autograd.Const(v), nil).Data
	wantClose(t, "the other queries' outputs", rowsOf(y, 0, 2, 3), rowsOf(free, 0, 2, 3), 0)
}

// The gradients of attention with respect to Q, K and V, under a causal
// mask and under none, agree with finite differences.
func TestAttentionGradient(t *testing.T) {
	rng := tensor.NewRNG(5)
	q, k, v := randParam(rng, 2, 2, 4, 3), randParam(rng, 2, 2, 4, 3), randParam(rng, 2, 2, 4, 5)
	for _, mask := range []*tensor.Tensor{nil, CausalMask(4, 4)} {
		gradCheck(t, "attention", func() *autograd.Value { return Attention(q, k, v, mask) }, []*autograd.Value{q, k, v}, 1e-6)
	}
}

// Multi-head attention's gradients, as cross-attention (queries and
// memory of different lengths, a padding mask) with respect to both
// inputs and every projection but the keys' bias. That one's gradient is
// exactly zero: b_K adds q·b_K to all of a query's scores alike, and the
// softmax ignores a shift shared by its row, so it cannot learn anything
// (PyTorch keeps it all the same; the GPT has no biases).
func TestMultiHeadAttentionGradient(t *testing.T) {
	rng := tensor.NewRNG(6)
	mha := NewMultiHeadAttention(6, 3, true, 0, rng)
	x, mem := randParam(rng, 2, 3, 6), randParam(rng, 2, 4, 6)
	mask := PaddingMask([]int{4, 2}, 4)
	inputs := []*autograd.Value{x, mem}
	for _, p := range mha.Params() {
		if p.Name != "k.b" {
			inputs = append(inputs, p.V)
		}
	}
	f := func() *autograd.Value { return mha.Forward(x, mem, mask) }
	gradCheck(t, "cross-attention", f, inputs, 1e-6)

	mha.WK.B.ZeroGrad()
	autograd.Sum(autograd.Square(f())).Backward()
	if g := tensor.MaxAbs(mha.WK.B.Grad); g > 1e-14 {
		t.Fatalf("the keys' bias has gradient %.3g, want 0", g)
	}
}
