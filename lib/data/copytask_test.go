package data

import (
	"reflect"
	"testing"
)

func TestCopyTaskShapes(t *testing.T) {
	b := NewCopyTask(1).Batch(500)
	if b.Len() != 500 {
		t.Fatalf("%d examples, want 500", b.Len())
	}
	seen := make([]int, CopyVocab)
	for i := range b.Src {
		src, in, out := b.Src[i], b.TgtIn[i], b.TgtOut[i]
		if len(src) != CopyLen || len(in) != CopyLen-1 || len(out) != CopyLen-1 {
			t.Fatalf("example %d: lengths %d, %d, %d", i, len(src), len(in), len(out))
		}
		if src[0] != CopyStart || !reflect.DeepEqual(in, src[:CopyLen-1]) || !reflect.DeepEqual(out, src[1:]) {
			t.Fatalf("example %d: src %v, input %v, output %v", i, src, in, out)
		}
		for _, tok := range src[1:] {
			seen[tok]++
		}
	}
	// Tokens 1..10 each hold about a tenth of the 4,500 random positions;
	// 0 never appears.
	if seen[0] != 0 {
		t.Errorf("the padding token 0 appears %d times", seen[0])
	}
	for tok := 1; tok < CopyVocab; tok++ {
		if seen[tok] < 350 || seen[tok] > 550 {
			t.Errorf("token %d appears %d times in 4,500 positions, want about 450", tok, seen[tok])
		}
	}
}

func TestCopyTaskSeedsAndHeldOut(t *testing.T) {
	a, b, c := NewCopyTask(7), NewCopyTask(7), NewCopyTask(8)
	if !reflect.DeepEqual(a.Batch(50), b.Batch(50)) {
		t.Error("the same seed gave different batches")
	}
	if reflect.DeepEqual(a.Batch(50), c.Batch(50)) {
		t.Error("seeds 7 and 8 gave the same batches")
	}
	h := a.HeldOut()
	if !reflect.DeepEqual(h, c.HeldOut()) {
		t.Error("the held-out set depends on the training seed")
	}
	if h.Len() != CopyHeldOut {
		t.Fatalf("%d held-out sequences, want %d", h.Len(), CopyHeldOut)
	}
	distinct := map[int64]bool{}
	for _, s := range h.Src {
		distinct[copyKey(s)] = true
		if !a.IsHeldOut(s) {
			t.Fatalf("held-out %v is not reported as held out", s)
		}
	}
	if len(distinct) != CopyHeldOut {
		t.Errorf("%d distinct held-out sequences, want %d", len(distinct), CopyHeldOut)
	}
}

// TestCopyTaskRejectsHeldOut makes the training generator replay the held-out
// generator's stream, so that every first draw is a held-out sequence, and
// checks that none of them reaches a batch.
func TestCopyTaskRejectsHeldOut(t *testing.T) {
	c := NewCopyTask(CopyHeldOutSeed)
	b := c.Batch(200)
	for i, s := range b.Src {
		if c.IsHeldOut(s) {
			t.Fatalf("training example %d %v is held out", i, s)
		}
	}
}
