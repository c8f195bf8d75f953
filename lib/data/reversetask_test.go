package data

import (
	"reflect"
	"testing"
)

// The reversal task's target is the start token and then the source's
// tokens in reverse order: read back to front, the target's last
// CopyLen-1 tokens are the source's. Its sources are the copy task's.
func TestReverseTaskTargetsAreReversed(t *testing.T) {
	r, c := NewReverseTask(3), NewCopyTask(3)
	for _, pair := range [][2]*SeqBatch{{r.Batch(200), c.Batch(200)}, {r.HeldOut(), c.HeldOut()}} {
		rb, cb := pair[0], pair[1]
		if !reflect.DeepEqual(rb.Src, cb.Src) {
			t.Fatal("the reversal and copy tasks of one seed have different sources")
		}
		for i, src := range rb.Src {
			in, out := rb.TgtIn[i], rb.TgtOut[i]
			if len(in) != CopyLen-1 || len(out) != CopyLen-1 || in[0] != CopyStart {
				t.Fatalf("example %d: input %v, output %v", i, in, out)
			}
			for j := 0; j < CopyLen-1; j++ {
				if out[j] != src[CopyLen-1-j] {
					t.Fatalf("example %d: output %v is not %v reversed", i, out, src[1:])
				}
				if j > 0 && in[j] != out[j-1] {
					t.Fatalf("example %d: input %v is not the output %v shifted right", i, in, out)
				}
			}
		}
	}
	if got, want := ReverseTarget([]int{1, 7, 3, 9}), []int{1, 9, 3, 7}; !reflect.DeepEqual(got, want) {
		t.Errorf("ReverseTarget(1 7 3 9) = %v, want %v", got, want)
	}
	if got := ReverseTarget(nil); len(got) != 0 {
		t.Errorf("ReverseTarget(nil) = %v, want empty", got)
	}
}
