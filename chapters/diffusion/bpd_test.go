package diffusion

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// levels returns n rows of d pixels on the 256 levels of [−1, 1].
func levels(n, d int, seed uint64) *tensor.Tensor {
	rng := tensor.NewRNG(seed)
	x := tensor.New(n, d)
	for i := range x.Data {
		x.Data[i] = float64(rng.Intn(256))*DecoderBinWidth - 1
	}
	return x
}

// For t > 1 the learned-variance terms are the KLs VLBTerm averages (a
// separate path: autograd's formula against NormalKL), and at t = 1 the
// discretised decoder's NLL.
func TestBoundTermsAreTheKLs(t *testing.T) {
	s := ho(t)
	m, err := NewToyDenoiser(ToyConfig{Dim: 3, Emb: 8, Hidden: 16, Layers: 2, LearnVariance: true}, tensor.NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	x0 := levels(4, 3, 2)
	ts := []int{2, 40, 700, 1000}
	eps := tensor.RandN(tensor.NewRNG(3), 4, 3)
	terms := boundTerms(m, s, x0, ts, []Variance{VarianceLearned, VarianceBetaTilde}, eps)
	xt := s.QSample(x0, ts, eps)
	epsHat, v := predict(m, xt, ts)
	want := VLBTerm(s, x0, xt, ts, epsHat, autograd.Const(v)).Item()
	got := (terms[0][0] + terms[0][1] + terms[0][2] + terms[0][3]) / 12
	if math.Abs(got-want) > 1e-12*math.Abs(want) {
		t.Fatalf("the learned variance's terms average %.15g per dimension; VLBTerm %.15g", got, want)
	}
	// σ² = β̃_t: v = 0 everywhere
	fixed := VLBTerm(s, x0, xt, ts, epsHat, autograd.Const(tensor.New(4, 3))).Item()
	if g := (terms[1][0] + terms[1][1] + terms[1][2] + terms[1][3]) / 12; math.Abs(g-fixed) > 1e-12*math.Abs(fixed) {
		t.Fatalf("the β̃_t terms average %.15g; VLBTerm at v = 0 %.15g", g, fixed)
	}
	one := boundTerms(m, s, x0, []int{1, 1, 1, 1}, []Variance{VarianceLearned}, eps)
	xt1 := s.QSample(x0, []int{1, 1, 1, 1}, eps)
	e1, v1 := predict(m, xt1, []int{1, 1, 1, 1})
	mu := s.MeanFromEps(xt1, []int{1, 1, 1, 1}, e1)
	for i := 0; i < 4; i++ {
		nll := 0.0
		for j := 3 * i; j < 3*i+3; j++ {
			nll -= DiscretizedGaussianLogLik(x0.Data[j], mu.Data[j], s.LearnedLogVariance(v1.Data[j], 1))
		}
		if math.Abs(one[0][i]-nll) > 1e-12*math.Abs(nll) {
			t.Fatalf("row %d at t = 1: %g, the decoder's NLL %g", i, one[0][i], nll)
		}
	}
}

// One stratum (a single random step per image, counted T times) and T
// strata (every step once) estimate the same bound: the estimator is
// unbiased, and the stratified one has the smaller spread.
func TestBitsPerDimIsUnbiased(t *testing.T) {
	s, err := LinearSchedule(10, 0.01, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewToyDenoiser(ToyConfig{Dim: 4, Emb: 8, Hidden: 16, Layers: 2}, tensor.NewRNG(4))
	if err != nil {
		t.Fatal(err)
	}
	// 300 copies of one image: the spread is the estimator's own
	one := levels(1, 4, 5)
	x0 := tensor.New(300, 4)
	for i := 0; i < 300; i++ {
		copy(x0.Data[4*i:4*i+4], one.Data)
	}
	vs := []Variance{VarianceBeta, VarianceBetaTilde}
	coarse, err := BitsPerDim(m, s, x0, vs, 1, tensor.NewRNG(6))
	if err != nil {
		t.Fatal(err)
	}
	fine, err := BitsPerDim(m, s, x0, vs, 10, tensor.NewRNG(7))
	if err != nil {
		t.Fatal(err)
	}
	for k := range vs {
		gap := math.Abs(coarse[k].Mean - fine[k].Mean)
		se := math.Hypot(coarse[k].StdErr, fine[k].StdErr)
		t.Logf("%v: one stratum %v, ten %v", vs[k], coarse[k], fine[k])
		if gap > 4*se {
			t.Errorf("%v: one stratum %v and ten %v differ by %.1f standard errors", vs[k], coarse[k], fine[k], gap/se)
		}
		if !(fine[k].StdErr < coarse[k].StdErr) {
			t.Errorf("%v: stratifying did not shrink the spread: %v against %v", vs[k], fine[k], coarse[k])
		}
	}
	if _, err := BitsPerDim(m, s, x0, []Variance{VarianceLearned}, 5, tensor.NewRNG(1)); err == nil {
		t.Fatal("a learned variance from a network that does not learn it gave no error")
	}
	if _, err := BitsPerDim(m, s, x0, vs, 11, tensor.NewRNG(1)); err == nil {
		t.Fatal("11 strata of 10 steps gave no error")
	}
}
