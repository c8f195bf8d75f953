package tensor_test

import (
	"math"
	"sort"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// draw takes a little of everything an RNG offers, in a fixed order.
func draw(g *tensor.RNG) []float64 {
	var out []float64
	out = append(out, g.Float64(), g.Uniform(-2, 3), g.Normal(1, 2), float64(g.Intn(1000)), float64(g.Uint64()>>11))
	for _, p := range g.Perm(5) {
		out = append(out, float64(p))
	}
	s := []int{0, 1, 2, 3, 4, 5}
	g.Shuffle(s)
	for _, v := range s {
		out = append(out, float64(v))
	}
	out = append(out, tensor.RandN(g, 3).Data...)
	out = append(out, tensor.RandU(g, -1, 1, 3).Data...)
	out = append(out, tensor.Bernoulli(g, 0.5, 8).Data...)
	return out
}

func TestRNGSameSeedSameStream(t *testing.T) {
	for _, seed := range []uint64{0, 1, 42, math.MaxUint64} {
		a, b := draw(tensor.NewRNG(seed)), draw(tensor.NewRNG(seed))
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("seed %d: draw %d is %g then %g", seed, i, a[i], b[i])
			}
		}
	}
}

func TestRNGDifferentSeedsDifferentStreams(t *testing.T) {
	seen := map[uint64]uint64{}
	for seed := uint64(0); seed < 64; seed++ {
		v := tensor.NewRNG(seed).Uint64()
		if prev, ok := seen[v]; ok {
			t.Fatalf("seeds %d and %d start with the same value %d", prev, seed, v)
		}
		seen[v] = seed
	}
	a, b := tensor.RandN(tensor.NewRNG(1), 100), tensor.RandN(tensor.NewRNG(2), 100)
	same := 0
	for i := range a.Data {
		if a.Data[i] == b.Data[i] {
			same++
		}
	}
	if same > 0 {
		t.Errorf("seeds 1 and 2 share %d of 100 normal samples", same)
	}
}

func TestRNGStreamIsPinned(t *testing.T) {
	// Every seeded result in luoxia (checked-in figures, training-loss
	// bands) depends on this stream; a change here changes them all.
	g := tensor.NewRNG(42)
	got := []uint64{g.Uint64(), g.Uint64(), g.Uint64()}
	h := tensor.NewRNG(42)
	if h.Uint64() != got[0] {
		t.Fatal("NewRNG(42) is not reproducible")
	}
	want := []uint64{8375123303004223536, 17942726603278046784, 13265587547573730305}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("NewRNG(42) draw %d = %d, want %d: the generator changed", i, got[i], want[i])
		}
	}
}

func meanVar(x []float64) (mean, variance float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		variance += (v - mean) * (v - mean)
	}
	return mean, variance / float64(len(x)-1)
}

func TestRandomTensorMoments(t *testing.T) {
	// 1e5 samples: the standard error of the mean is ~0.003σ and of the
	// variance ~0.0045σ²; the bands are about six of those.
	const n = 100000
	g := tensor.NewRNG(25)
	m, v := meanVar(tensor.RandN(g, n).Data)
	if math.Abs(m) > 0.02 || math.Abs(v-1) > 0.03 {
		t.Errorf("RandN: mean %.4f variance %.4f, want about 0 and 1", m, v)
	}
	u := tensor.RandU(g, -3, 5, 100, 1000)
	m, v = meanVar(u.Data)
	if math.Abs(m-1) > 0.05 || math.Abs(v-64.0/12) > 0.1 {
		t.Errorf("RandU(-3, 5): mean %.4f variance %.4f, want about 1 and %.4f", m, v, 64.0/12)
	}
	for _, x := range u.Data {
		if x < -3 || x >= 5 {
			t.Fatalf("RandU(-3, 5) gave %g", x)
		}
	}
	bern := tensor.Bernoulli(g, 0.3, n)
	for _, x := range bern.Data {
		if x != 0 && x != 1 {
			t.Fatalf("Bernoulli gave %g", x)
		}
	}
	if p := tensor.Mean(bern); math.Abs(p-0.3) > 0.01 {
		t.Errorf("Bernoulli(0.3): mean %.4f", p)
	}
	var ns []float64
	for i := 0; i < n; i++ {
		ns = append(ns, g.Normal(-2, 0.5))
	}
	m, v = meanVar(ns)
	if math.Abs(m+2) > 0.01 || math.Abs(v-0.25) > 0.01 {
		t.Errorf("Normal(-2, 0.5): mean %.4f variance %.4f", m, v)
	}
}

func TestRNGIntegers(t *testing.T) {
	g := tensor.NewRNG(26)
	counts := make([]int, 10)
	for i := 0; i < 10000; i++ {
		k := g.Intn(10)
		if k < 0 || k >= 10 {
			t.Fatalf("Intn(10) = %d", k)
		}
		counts[k]++
	}
	for k, c := range counts {
		if c < 850 || c > 1150 {
			t.Errorf("Intn(10) drew %d %d times in 10000", k, c)
		}
	}
	p := g.Perm(50)
	sort.Ints(p)
	for i, v := range p {
		if v != i {
			t.Fatalf("Perm(50) is not a permutation: sorted %v", p)
		}
	}
	s := []int{5, 6, 7, 8}
	g.Shuffle(s)
	sort.Ints(s)
	if s[0] != 5 || s[3] != 8 || s[1] != 6 || s[2] != 7 {
		t.Errorf("Shuffle lost elements: %v", s)
	}
}
