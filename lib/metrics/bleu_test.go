package metrics

import (
	"math"
	"strings"
	"testing"
)

// Expected values in the BLEU tests are worked by hand under sacreBLEU 2.x
// conventions (scores 0..100, precisions in percent); where a value comes
// from sacreBLEU's own test suite (test/test_bleu.py) the test says so.

// textTol is the tolerance of the text-metric tests.
const textTol = 1e-9

// textClose reports |got − want| ≤ textTol, and that got is not NaN.
func textClose(got, want float64) bool {
	return math.Abs(got-want) <= textTol
}

// textWantErr fails unless err is non-nil and mentions every part.
func textWantErr(t *testing.T, what string, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", what)
		return
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("%s: error %q does not mention %q", what, err, p)
		}
	}
}

func TestBrevityPenalty(t *testing.T) {
	for _, c := range []struct {
		c, r int
		want float64
	}{
		{10, 10, 1},                   // c = r: e^0
		{12, 10, 1},                   // longer than the reference: no penalty
		{5, 10, math.Exp(1 - 10.0/5)}, // e^(1-2) = e^-1 ≈ 0.3679
		{8, 9, math.Exp(-1.0 / 8)},    // e^(1-9/8)
		{0, 6, 0},                     // nothing said: the limit, not NaN
		{0, 0, 1},                     // empty against empty: c ≥ r
	} {
		if got := BrevityPenalty(c.c, c.r); !textClose(got, c.want) {
			t.Errorf("BrevityPenalty(%d, %d) = %.17g, want %.17g", c.c, c.r, got, c.want)
		}
	}
}

// TestBLEUFromCountsSmoothing works one set of statistics through each
// smoothing: a 4-word hypothesis whose unigrams all match and whose longer
// n-grams do not ("a b c d" against "d c b a"): counts 4,0,0,0 out of
// totals 4,3,2,1, c = r = 4, so BP = 1.
func TestBLEUFromCountsSmoothing(t *testing.T) {
	counts, totals := []int{4, 0, 0, 0}, []int{4, 3, 2, 1}
	for _, c := range []struct {
		smooth string
		value  float64
		prec   []float64
		want   float64
	}{
		// p2 = p3 = p4 = 0: the geometric mean is 0.
		{SmoothNone, 0, []float64{100, 0, 0, 0}, 0},
		// Each order without a match halves the stand-in: p2 = 100/(2·3),
		// p3 = 100/(4·2), p4 = 100/(8·1);
		// BLEU = (100 · 100/6 · 100/8 · 100/8)^(1/4) = 100/384^(1/4) ≈ 22.59.
		{SmoothExp, 0, []float64{100, 100.0 / 6, 12.5, 12.5}, 100 / math.Pow(384, 0.25)},
		// ε = 0.1 matches: p_n = 100·0.1/total_n = 10/3, 5, 10;
		// BLEU = 100 · (1 · 0.1/3 · 0.1/2 · 0.1/1)^(1/4) = 100 · (0.001/6)^(1/4) ≈ 11.36.
		{SmoothFloor, 0, []float64{100, 10.0 / 3, 5, 10}, 100 * math.Pow(0.001/6, 0.25)},
		// k = 1 added to orders 2..4: p = 100·1/4, 100·1/3, 100·1/2;
		// BLEU = 100 · (1/4 · 1/3 · 1/2)^(1/4) = 100/24^(1/4) ≈ 45.18.
		{SmoothAddK, 0, []float64{100, 25, 100.0 / 3, 50}, 100 / math.Pow(24, 0.25)},
		// A chosen ε: 0.5 gives p = 50/3, 25, 50 and BLEU = 100·(0.125/6)^(1/4).
		{SmoothFloor, 0.5, []float64{100, 50.0 / 3, 25, 50}, 100 * math.Pow(0.125/6, 0.25)},
	} {
		s, err := BLEUFromCounts(counts, totals, 4, 4, BLEUOptions{Smooth: c.smooth, SmoothValue: c.value})
		if err != nil {
			t.Fatalf("%s: %v", c.smooth, err)
		}
		if !textClose(s.Score, c.want) || math.IsNaN(s.Score) {
			t.Errorf("%s[%g]: BLEU = %.15g, want %.15g", c.smooth, c.value, s.Score, c.want)
		}
		for n := range c.prec {
			if !textClose(s.Precisions[n], c.prec[n]) {
				t.Errorf("%s[%g]: p%d = %.15g, want %.15g", c.smooth, c.value, n+1, s.Precisions[n], c.prec[n])
			}
		}
	}
}

// TestBLEUFromCountsNoMatchIsZero: with no match of any order sacreBLEU
// returns 0 before smoothing (its issue #141), so every method gives 0.
func TestBLEUFromCountsNoMatchIsZero(t *testing.T) {
	for _, sm := range []string{SmoothNone, SmoothExp, SmoothFloor, SmoothAddK} {
		s, err := BLEUFromCounts([]int{0, 0, 0, 0}, []int{4, 3, 2, 1}, 4, 4, BLEUOptions{Smooth: sm})
		if err != nil {
			t.Fatal(err)
		}
		if s.Score != 0 || s.BP != 1 {
			t.Errorf("%s: BLEU %v, BP %v; want 0 and 1", sm, s.Score, s.BP)
		}
		for n, p := range s.Precisions {
			if p != 0 {
				t.Errorf("%s: p%d = %v, want 0", sm, n+1, p)
			}
		}
	}
}

// TestBLEUFromCountsSacreBLEUSuite checks the statistics-only cases of
// sacreBLEU's test suite.
func TestBLEUFromCountsSacreBLEUSuite(t *testing.T) {
	// test_scoring: counts 9,7,5,3 of 10,8,6,4, c = r = 11, smoothing none:
	// (0.9 · 0.875 · 5/6 · 0.75)^(1/4) = 0.8375922397.
	s, err := BLEUFromCounts([]int{9, 7, 5, 3}, []int{10, 8, 6, 4}, 11, 11, BLEUOptions{Smooth: SmoothNone})
	if err != nil {
		t.Fatal(err)
	}
	if want := 100 * math.Pow(0.9*0.875*5/6*0.75, 0.25); !textClose(s.Score, want) || math.Abs(s.Score/100-0.8375922397) > 1e-10 {
		t.Errorf("test_scoring: BLEU = %.12g, want %.12g", s.Score, want)
	}
	// test_degenerate_statistics, floor smoothing: all zero whenever a
	// count is missing or nothing was said.
	for _, c := range []struct {
		counts, totals []int
		sys, ref       int
		eps            float64
	}{
		{[]int{0, 0, 0, 0}, []int{4, 4, 2, 1}, 0, 1, 0.1},
		{[]int{0, 0, 0, 0}, []int{10, 11, 12, 0}, 14, 10, 0.1},
		{[]int{0, 0, 0, 0}, []int{0, 0, 0, 0}, 0, 0, 0.1},
		{[]int{0, 0, 0, 0}, []int{0, 0, 0, 0}, 1, 5, 0.01},
	} {
		s, err := BLEUFromCounts(c.counts, c.totals, c.sys, c.ref, BLEUOptions{Smooth: SmoothFloor, SmoothValue: c.eps})
		if err != nil {
			t.Errorf("%v/%v: %v", c.counts, c.totals, err)
			continue
		}
		if s.Score != 0 {
			t.Errorf("%v/%v: BLEU = %v, want 0", c.counts, c.totals, s.Score)
		}
	}
	// The fourth case there, counts 6,5,4,0 of 6,5,4,3, uses floor ε = 0,
	// which is smoothing none here.
	s, err = BLEUFromCounts([]int{6, 5, 4, 0}, []int{6, 5, 4, 3}, 6, 6, BLEUOptions{Smooth: SmoothNone})
	if err != nil || s.Score != 0 {
		t.Errorf("6,5,4,0 unsmoothed: BLEU = %v (%v), want 0", s.Score, err)
	}
}

// TestBLEUFromCountsEffectiveOrder: "a little test" against "a test" has
// counts 2,0,0 of 3,2,1 and no 4-grams; c = 3 > r = 2 so BP = 1. Without
// effective order the empty 4th order ends the loop with p4 = 0 and BLEU
// 0; with it the mean stops at order 3. Under floor ε = 0.01 (sacreBLEU's
// test_effective_order): p = 200/3, 100·0.01/2, 100·0.01/1 and
// BLEU = (200/3 · 0.5 · 1)^(1/3) = 3.218297948685433.
func TestBLEUFromCountsEffectiveOrder(t *testing.T) {
	counts, totals := []int{2, 0, 0, 0}, []int{3, 2, 1, 0}
	opt := BLEUOptions{Smooth: SmoothFloor, SmoothValue: 0.01}
	s, err := BLEUFromCounts(counts, totals, 3, 2, opt)
	if err != nil || s.Score != 0 {
		t.Errorf("without effective order: BLEU = %v (%v), want 0", s.Score, err)
	}
	opt.EffectiveOrder = true
	s, err = BLEUFromCounts(counts, totals, 3, 2, opt)
	if err != nil {
		t.Fatal(err)
	}
	if want := math.Cbrt(200.0 / 3 * 0.5); !textClose(s.Score, want) || math.Abs(s.Score-3.218297948685433) > 1e-12 {
		t.Errorf("with effective order: BLEU = %.16g, want %.16g", s.Score, want)
	}
	// add-k lifts the empty 4th order to (0+1)/(0+1): p4 = 100, and the
	// mean is over four orders even without effective order:
	// (200/3 · 100/3 · 100/2 · 100)^(1/4).
	s, err = BLEUFromCounts(counts, totals, 3, 2, BLEUOptions{Smooth: SmoothAddK})
	if err != nil {
		t.Fatal(err)
	}
	if want := math.Pow(200.0/3*100/3*50*100, 0.25); !textClose(s.Score, want) {
		t.Errorf("add-k: BLEU = %.16g, want %.16g", s.Score, want)
	}
}

func TestBLEUFromCountsErrors(t *testing.T) {
	_, err := BLEUFromCounts([]int{1, 0, 0}, []int{1, 0, 0, 0}, 1, 1, BLEUOptions{})
	textWantErr(t, "3 counts", err, "3 counts", "4 totals", "max order 4")
	_, err = BLEUFromCounts([]int{2, 0, 0, 0}, []int{1, 0, 0, 0}, 1, 1, BLEUOptions{})
	textWantErr(t, "matches above total", err, "1-gram matches 2 out of 1")
	_, err = BLEUFromCounts([]int{1, 0, 0, 0}, []int{1, 0, 0, 0}, -1, 1, BLEUOptions{})
	textWantErr(t, "negative length", err, "negative length")
	_, err = BLEUFromCounts([]int{1, 0, 0, 0}, []int{1, 0, 0, 0}, 1, 1, BLEUOptions{Smooth: "laplace"})
	textWantErr(t, "unknown smoothing", err, `"laplace"`, "exp, floor, add-k or none")
	_, err = BLEUFromCounts([]int{1, 0, 0, 0}, []int{1, 0, 0, 0}, 1, 1, BLEUOptions{Smooth: SmoothFloor, SmoothValue: -1})
	textWantErr(t, "negative ε", err, "-1")
	_, err = BLEUFromCounts(nil, nil, 1, 1, BLEUOptions{MaxOrder: -2})
	textWantErr(t, "negative order", err, "max order -2")
	_, err = BLEUFromCounts([]int{1, 0, 0, 0}, []int{1, 0, 0, 0}, 1, 1, BLEUOptions{Tokenizer: "intl"})
	textWantErr(t, "unknown tokenizer", err, `"intl"`)
}

func TestBLEUScoreString(t *testing.T) {
	// Only the printed fields matter to the format.
	s := BLEUScore{Score: 27.3, Precisions: []float64{60, 100.0 / 3, 20, 12.5}, BP: 1, SysLen: 10, RefLen: 10}
	want := "BLEU = 27.30 60.0/33.3/20.0/12.5 (BP = 1.000 ratio = 1.000 hyp_len = 10 ref_len = 10)"
	if got := s.String(); got != want {
		t.Errorf("String() = %q\nwant       %q", got, want)
	}
	if got := s.WithSignature(); got != want {
		t.Errorf("WithSignature() without a signature = %q\nwant %q", got, want)
	}
	s.Signature = "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp"
	if got := s.String(); got != want {
		t.Errorf("String() with a signature = %q\nwant %q", got, want)
	}
	want = "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp = 27.30 60.0/33.3/20.0/12.5 (BP = 1.000 ratio = 1.000 hyp_len = 10 ref_len = 10)"
	if got := s.WithSignature(); got != want {
		t.Errorf("WithSignature() = %q\nwant            %q", got, want)
	}
	if r := (BLEUScore{SysLen: 3}).Ratio(); r != 0 {
		t.Errorf("Ratio with RefLen 0 = %v, want 0", r)
	}
}
