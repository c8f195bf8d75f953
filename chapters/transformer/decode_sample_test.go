package transformer

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// kept returns the ids of the tokens whose logit is not -Inf.
func kept(logits []float64) []int {
	var ids []int
	for j, z := range logits {
		if !math.IsInf(z, -1) {
			ids = append(ids, j)
		}
	}
	return ids
}

// softmaxByHand is softmax written out again, -Inf giving 0.
func softmaxByHand(z []float64) []float64 {
	lp := logSoftmaxByHand(z)
	p := make([]float64, len(z))
	for j, l := range lp {
		p[j] = math.Exp(l)
	}
	return p
}

// TestDecodeTopKKeepsExactlyK: for every k, exactly k logits survive,
// unchanged, and none dropped is larger than one kept. Where equal logits
// straddle the k-th place, the lower ids are the ones kept.
func TestDecodeTopKKeepsExactlyK(t *testing.T) {
	rng := tensor.NewRNG(5)
	z := make([]float64, 10)
	for j := range z {
		z[j] = rng.Normal(0, 2)
	}
	for k := 1; k <= 12; k++ {
		f := TopKFilter(z, k)
		ids := kept(f)
		want := k
		if want > len(z) {
			want = len(z)
		}
		if len(ids) != want {
			t.Fatalf("k = %d kept %d tokens %v", k, len(ids), ids)
		}
		for j := range z {
			if !math.IsInf(f[j], -1) && f[j] != z[j] {
				t.Errorf("k = %d: kept logit %d changed from %g to %g", k, j, z[j], f[j])
			}
			for _, i := range ids {
				if math.IsInf(f[j], -1) && z[j] > z[i] {
					t.Errorf("k = %d: dropped %d (%.3f) but kept %d (%.3f)", k, j, z[j], i, z[i])
				}
			}
		}
	}
	ties := []float64{1, 3, 3, 3, 0}
	if got, want := kept(TopKFilter(ties, 2)), []int{1, 2}; !sameInts(got, want) {
		t.Errorf("top-2 of %v kept %v, want %v", ties, got, want)
	}
}

// TestDecodeTopPKeepsTheSmallestNucleus: on probabilities 0.5, 0.3, 0.15,
// 0.05 the nucleus grows token by token as p passes each partial sum, and
// the most likely token is kept however small p is. On random logits the
// kept set always reaches p, and stops reaching it without its least
// likely member, which is no less likely than any token dropped.
func TestDecodeTopPKeepsTheSmallestNucleus(t *testing.T) {
	z := []float64{math.Log(0.05), math.Log(0.3), math.Log(0.5), math.Log(0.15)}
	for _, c := range []struct {
		p    float64
		want []int
	}{{1e-9, []int{2}}, {0.3, []int{2}}, {0.49, []int{2}}, {0.51, []int{1, 2}}, {0.79, []int{1, 2}},
		{0.81, []int{1, 2, 3}}, {0.94, []int{1, 2, 3}}, {0.96, []int{0, 1, 2, 3}}, {1, []int{0, 1, 2, 3}}} {
		if got := kept(TopPFilter(z, c.p)); !sameInts(got, c.want) {
			t.Errorf("p = %g kept %v, want %v", c.p, got, c.want)
		}
	}
	rng := tensor.NewRNG(9)
	for trial := 0; trial < 200; trial++ {
		z := make([]float64, 8)
		for j := range z {
			z[j] = rng.Normal(0, 1.5)
		}
		probs := softmaxByHand(z)
		p := rng.Uniform(0.05, 0.99)
		ids := kept(TopPFilter(z, p))
		mass, least := 0.0, ids[0]
		for _, j := range ids {
			mass += probs[j]
			if probs[j] < probs[least] {
				least = j
			}
		}
		if mass < p-1e-12 {
			t.Fatalf("p = %.3f: kept %v of mass %.4f", p, ids, mass)
		}
		if mass-probs[least] >= p {
			t.Fatalf("p = %.3f: kept %v of mass %.4f, but without %d it still reaches p", p, ids, mass, least)
		}
		for j := range z {
			if probs[j] > probs[least] && !contains(ids, j) {
				t.Fatalf("p = %.3f: dropped %d (%.4f) but kept %d (%.4f)", p, j, probs[j], least, probs[least])
			}
		}
	}
}

func contains(ids []int, j int) bool {
	for _, i := range ids {
		if i == j {
			return true
		}
	}
	return false
}

// TestDecodeFilterOrder: top-p is measured after the temperature and over
// the top k renormalised. On probabilities 0.6, 0.3, 0.1 and p = 0.65 the
// nucleus is {0, 1} at T = 1 but {0} at T = 0.5 (0.36/0.46 = 0.78 ≥ 0.65);
// on 0.4, 0.3, 0.2, 0.1 with p = 0.5 it is {0, 1} alone but {0} after
// top-2 (0.4/0.7 = 0.57 ≥ 0.5).
func TestDecodeFilterOrder(t *testing.T) {
	a := []float64{math.Log(0.6), math.Log(0.3), math.Log(0.1)}
	if got, want := kept(SampleConfig{Temperature: 1, TopP: 0.65}.Filter(a)), []int{0, 1}; !sameInts(got, want) {
		t.Errorf("T = 1: nucleus %v, want %v", got, want)
	}
	if got, want := kept(SampleConfig{Temperature: 0.5, TopP: 0.65}.Filter(a)), []int{0}; !sameInts(got, want) {
		t.Errorf("T = 0.5: nucleus %v, want %v", got, want)
	}
	b := []float64{math.Log(0.4), math.Log(0.3), math.Log(0.2), math.Log(0.1)}
	if got, want := kept(SampleConfig{Temperature: 1, TopP: 0.5}.Filter(b)), []int{0, 1}; !sameInts(got, want) {
		t.Errorf("top-p alone: %v, want %v", got, want)
	}
	if got, want := kept(SampleConfig{Temperature: 1, TopK: 2, TopP: 0.5}.Filter(b)), []int{0}; !sameInts(got, want) {
		t.Errorf("top-2 then top-p: %v, want %v", got, want)
	}
	f := SampleConfig{Temperature: 0.5}.Filter(b)
	for j := range b {
		if math.Abs(f[j]-b[j]/0.5) > 1e-15 {
			t.Errorf("T = 0.5: logit %d is %g, want %g", j, f[j], b[j]/0.5)
		}
	}
}

// chiSquare returns Σ_j (O_j - E_j)² / E_j for the counts of n draws
// against the probabilities p (tokens of p = 0 must not have been drawn,
// and fail the test if they were).
func chiSquare(t *testing.T, counts []int, p []float64, n int) float64 {
	t.Helper()
	x2 := 0.0
	for j, c := range counts {
		e := p[j] * float64(n)
		if e == 0 {
			if c != 0 {
				t.Errorf("token %d of probability 0 drawn %d times", j, c)
			}
			continue
		}
		x2 += (float64(c) - e) * (float64(c) - e) / e
	}
	return x2
}

// TestDecodeSampleTokenMatchesTheDistribution draws 60,000 tokens at T = 1
// and compares their counts with softmax(z) by a chi-square statistic, and
// again through top-3 at T = 0.7, whose distribution is computed here by
// hand. Six tokens give 5 degrees of freedom (two for the three kept),
// under which chi-square exceeds 25 with probability about 1e-4 (4e-6), while a
// sampler that drew uniformly, or from softmax(z) at the wrong
// temperature, scores in the thousands on these logits.
func TestDecodeSampleTokenMatchesTheDistribution(t *testing.T) {
	const n = 60000
	z := []float64{1.2, -0.3, 0.4, 2.0, -1.5, 0.9}
	rng := tensor.NewRNG(2024)
	for _, c := range []struct {
		name string
		cfg  SampleConfig
		want []float64
	}{
		{"T = 1", SampleConfig{Temperature: 1}, softmaxByHand(z)},
		{"T = 0.7, top-3", SampleConfig{Temperature: 0.7, TopK: 3},
			softmaxByHand([]float64{1.2 / 0.7, math.Inf(-1), math.Inf(-1), 2.0 / 0.7, math.Inf(-1), 0.9 / 0.7})},
	} {
		counts := make([]int, len(z))
		f := c.cfg.Filter(z)
		for i := 0; i < n; i++ {
			counts[SampleToken(f, rng)]++
		}
		x2 := chiSquare(t, counts, c.want, n)
		t.Logf("%s: counts %v, chi-square %.2f", c.name, counts, x2)
		if x2 > 25 {
			t.Errorf("%s: counts %v against probabilities %.4f: chi-square %.1f > 25", c.name, counts, c.want, x2)
		}
	}
}

// quantisedMarkov returns a model whose rows are permutations of the
// logits 0, 0.5, 1, ...: the two largest in a row differ by 0.5, so at
// T = 0.01 every other token is exp(-50) times less likely than the top.
func quantisedMarkov(rng *tensor.RNG, vocab int) *markov {
	m := &markov{table: make([][]float64, vocab)}
	for i := range m.table {
		m.table[i] = make([]float64, vocab)
		for j, r := range rng.Perm(vocab) {
			m.table[i][j] = 0.5 * float64(r)
		}
	}
	return m
}

// TestDecodeSampleAtZeroTemperatureIsGreedy: as T → 0 sampling becomes
// greedy decoding; T = 0.01 already is on a model whose logits are 0.5
// apart, and T = 0 is, by definition, on any model.
func TestDecodeSampleAtZeroTemperatureIsGreedy(t *testing.T) {
	for seed := uint64(1); seed <= 40; seed++ {
		m := quantisedMarkov(tensor.NewRNG(seed), 6)
		r := randomMarkov(tensor.NewRNG(seed), 6, 1, 0.3)
		greedy := Greedy(m.newState(), []int{1}, 12, 0)
		cold := Sample(m.newState(), []int{1}, SampleConfig{Temperature: 0.01, MaxLen: 12, End: 0}, tensor.NewRNG(seed))
		if !sameInts(cold, greedy) {
			t.Fatalf("seed %d: T = 0.01 sampled %v, greedy %v", seed, cold, greedy)
		}
		greedy = Greedy(r.newState(), []int{1}, 12, 0)
		frozen := Sample(r.newState(), []int{1}, SampleConfig{Temperature: 0, MaxLen: 12, End: 0}, tensor.NewRNG(seed))
		if !sameInts(frozen, greedy) {
			t.Fatalf("seed %d: T = 0 sampled %v, greedy %v", seed, frozen, greedy)
		}
	}
}

// TestDecodeSampleIsSeeded: the same seed gives the same tokens; different
// seeds give different ones.
func TestDecodeSampleIsSeeded(t *testing.T) {
	m := randomMarkov(tensor.NewRNG(3), 8, 1, 0)
	cfg := SampleConfig{Temperature: 1.2, TopK: 6, TopP: 0.95, MaxLen: 30, End: -1}
	first := Sample(m.newState(), []int{1}, cfg, tensor.NewRNG(42))
	again := Sample(m.newState(), []int{1}, cfg, tensor.NewRNG(42))
	if !sameInts(first, again) {
		t.Errorf("seed 42 gave %v, then %v", first, again)
	}
	other := Sample(m.newState(), []int{1}, cfg, tensor.NewRNG(43))
	if sameInts(first, other) {
		t.Errorf("seeds 42 and 43 both gave %v", first)
	}
}

// TestDecodeSampleStateMatchesScorer: with the same seed, sampling through
// the model's cached form and through its Scorer gives the same tokens.
func TestDecodeSampleStateMatchesScorer(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		m := randomMarkov(tensor.NewRNG(seed), 7, 1, -0.4)
		cfg := SampleConfig{Temperature: 0.9, TopK: 5, TopP: 0.9, MaxLen: 20, End: 0}
		cached := Sample(m.newState(), []int{2}, cfg, tensor.NewRNG(seed))
		stateless := Sample(NewScorerState(m.score), []int{2}, cfg, tensor.NewRNG(seed))
		if !sameInts(cached, stateless) {
			t.Fatalf("seed %d: cached %v, stateless %v", seed, cached, stateless)
		}
	}
}

func TestDecodeSampleRejectsBadConfigs(t *testing.T) {
	m := randomMarkov(tensor.NewRNG(1), 3, 1, 0)
	rng := tensor.NewRNG(1)
	for _, cfg := range []SampleConfig{
		{Temperature: -1, MaxLen: 3}, {Temperature: 1, TopK: -1, MaxLen: 3},
		{Temperature: 1, TopP: 1.5, MaxLen: 3}, {Temperature: 1},
	} {
		wantPanic(t, "bad config", func() { Sample(m.newState(), []int{1}, cfg, rng) })
	}
	wantPanic(t, "nil RNG", func() { Sample(m.newState(), []int{1}, SampleConfig{Temperature: 1, MaxLen: 3}, nil) })
	wantPanic(t, "top-0", func() { TopKFilter([]float64{1, 2}, 0) })
	wantPanic(t, "top-p 0", func() { TopPFilter([]float64{1, 2}, 0) })
	wantPanic(t, "all -Inf", func() { SampleToken([]float64{math.Inf(-1), math.Inf(-1)}, rng) })
}
