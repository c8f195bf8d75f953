package metrics

import (
	"runtime"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// LCSLength must give the corner of LCSTable on any pair of sequences.
func TestLCSLengthMatchesTable(t *testing.T) {
	rng := tensor.NewRNG(5)
	words := []string{"a", "b", "c", "d"}
	for trial := 0; trial < 200; trial++ {
		a := make([]string, rng.Intn(12))
		b := make([]string, rng.Intn(12))
		for i := range a {
			a[i] = words[rng.Intn(len(words))]
		}
		for i := range b {
			b[i] = words[rng.Intn(len(words))]
		}
		if got, want := LCSLength(a, b), LCSTable(a, b)[len(a)][len(b)]; got != want {
			t.Fatalf("LCSLength(%q, %q) = %d, the table says %d", a, b, got, want)
		}
	}
}

// LCSLength keeps two rows of the shorter side, not the whole table: two
// sequences of 3000 tokens would need a 72 MB table.
func TestLCSLengthMemoryIsLinear(t *testing.T) {
	a := strings.Fields(strings.Repeat("x y ", 1500))
	b := strings.Fields(strings.Repeat("y x z ", 1000))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	n := LCSLength(a, b)
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("LCSLength of %d by %d tokens allocated %d bytes", len(a), len(b), got)
	}
	if n != 2000 {
		t.Errorf("LCSLength = %d, want 2000 (x y in every y x z)", n)
	}
}

// MeanRouge refuses ROUGE-L of a line pair whose table would exceed
// MaxLCSCells, naming the line and the token counts, before any work.
func TestMeanRougeRefusesHugeLCS(t *testing.T) {
	long := strings.Repeat("a ", 70000)
	hyps, refs := []string{"a b", long}, []string{"a", long}
	_, err := MeanRouge(hyps, refs, "rougeL")
	if err == nil || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "70000 by 70000 tokens") {
		t.Fatalf("error %v, want one naming line 2 and its 70000 by 70000 tokens", err)
	}
	if _, err := MeanRouge(hyps, refs, "rouge2"); err != nil {
		t.Errorf("ROUGE-2 needs no table, yet: %v", err)
	}
}
