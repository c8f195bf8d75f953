package nn

import (
	"bytes"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

func TestSelfAttention2dGradient(t *testing.T) {
	a := NewSelfAttention2d(4, 2, tensor.NewRNG(1))
	x := randParam(1, 2, 4, 2, 2)
	checkGrad(t, func() *autograd.Value { return a.Forward(x) }, x, a.QKV.W, a.QKV.B, a.Out.W, a.Out.B)
}

// permutePixels returns x [N, C, H, W] with its H·W pixels, taken in
// row-major order, rearranged: pixel i of the result is pixel perm[i] of x.
func permutePixels(x *tensor.Tensor, perm []int) *tensor.Tensor {
	out := tensor.New(x.Shape...)
	hw := len(perm)
	for plane := 0; plane < x.Size()/hw; plane++ {
		for i, p := range perm {
			out.Data[plane*hw+i] = x.Data[plane*hw+p]
		}
	}
	return out
}

// With no positions the pixels are a set to the layer: permuting the
// pixels of the input permutes those of the output the same way.
func TestSelfAttention2dIsPermutationEquivariant(t *testing.T) {
	rng := tensor.NewRNG(2)
	a := NewSelfAttention2d(4, 2, rng)
	// Larger query and key weights make the attention far from uniform;
	// uniform attention would give every pixel the same output and pass
	// the test trivially.
	a.QKV.W.Data.CopyFrom(tensor.Scale(a.QKV.W.Data, 4))
	x := tensor.RandN(rng, 2, 4, 3, 2)
	perm := []int{3, 0, 5, 1, 4, 2}
	y := a.Forward(autograd.Const(x)).Data
	py := a.Forward(autograd.Const(permutePixels(x, perm))).Data
	want := permutePixels(y, perm)
	for i, v := range py.Data {
		if !near(v, want.Data[i], 1e-12) {
			t.Fatalf("element %d: attention of the permuted pixels gives %g, the permuted attention %g", i, v, want.Data[i])
		}
	}
	if near(y.Data[0], y.Data[1], 1e-6) {
		t.Fatalf("pixels 0 and 1 both give %g: the attention is about uniform and the test proves little", y.Data[0])
	}
}

// A single pixel can only attend to itself (the softmax over one token is
// 1), so the output is the output projection of the value projection:
// y = (x W_V + b_V) W_O + b_O, with W_V the last C columns of QKV.
func TestSelfAttention2dOfOnePixel(t *testing.T) {
	const c = 4
	a := NewSelfAttention2d(c, 2, tensor.NewRNG(3))
	x := tensor.RandN(tensor.NewRNG(4), 3, c, 1, 1)
	y := a.Forward(autograd.Const(x)).Data
	rows := x.Reshape(3, c)
	wV, bV := tensor.Slice(a.QKV.W.Data, 1, 2*c, 3*c), tensor.Slice(a.QKV.B.Data, 0, 2*c, 3*c)
	v := tensor.Add(tensor.MatMul(rows, wV), bV)
	want := tensor.Add(tensor.MatMul(v, a.Out.W.Data), a.Out.B.Data)
	if !equalInts(y.Shape, []int{3, c, 1, 1}) {
		t.Fatalf("shape %v, want [3 %d 1 1]", y.Shape, c)
	}
	for i, w := range want.Data {
		if !near(y.Data[i], w, 1e-12) {
			t.Fatalf("output %v, want Out(V(x)) = %v", y.Data, want.Data)
		}
	}
}

// The projections are named through Nest, so a U-Net block made of a
// GroupNorm and a SelfAttention2d saves and loads like any model.
func TestSelfAttention2dParamsSaveAndLoad(t *testing.T) {
	a := NewSelfAttention2d(4, 2, tensor.NewRNG(5))
	want := []string{"qkv.W", "qkv.b", "out.W", "out.b"}
	ps := a.Params()
	if len(ps) != len(want) {
		t.Fatalf("params %v, want %v", ps, want)
	}
	for i, p := range ps {
		if p.Name != want[i] {
			t.Fatalf("param %d is %q, want %q", i, p.Name, want[i])
		}
	}
	if !equalInts(a.QKV.W.Shape(), []int{4, 12}) || !equalInts(a.Out.W.Shape(), []int{4, 4}) {
		t.Fatalf("QKV.W %v, Out.W %v; want [4 12] and [4 4]", a.QKV.W.Shape(), a.Out.W.Shape())
	}

	block := func(seed uint64) *Sequential {
		gn := NewGroupNorm(2, 4)
		gn.Gamma.Data.CopyFrom(tensor.RandN(tensor.NewRNG(seed), 4))
		return NewSequential(gn, NewSelfAttention2d(4, 2, tensor.NewRNG(seed)))
	}
	saved, loaded := block(6), block(7)
	var buf bytes.Buffer
	if err := Write(&buf, saved); err != nil {
		t.Fatal(err)
	}
	if err := Read(&buf, loaded); err != nil {
		t.Fatal(err)
	}
	sameTensors(t, saved, loaded)
}

func TestSelfAttention2dPanics(t *testing.T) {
	mustPanic(t, func() { NewSelfAttention2d(6, 4, tensor.NewRNG(1)) }, "6 channels", "4 heads", "multiple")
	mustPanic(t, func() { NewSelfAttention2d(0, 1, tensor.NewRNG(1)) }, "0 channels")
	a := NewSelfAttention2d(4, 2, tensor.NewRNG(1))
	mustPanic(t, func() { a.Forward(autograd.Const(tensor.New(2, 4, 3))) }, "[2 4 3]", "[N, 4, H, W]")
	mustPanic(t, func() { a.Forward(autograd.Const(tensor.New(2, 3, 2, 2))) }, "[2 3 2 2]", "[N, 4, H, W]")
}
