package data

// The reversal task: the copy task's sequences, with the tokens after the
// start token to be written back in reverse order,
//
//	source   1 7 3 3 9 ... 5   (CopyLen tokens)
//	target   1 5 ... 9 3 3 7   (the start token, then source[1:] reversed)
//
// Copying lets output position t read source position t, the same offset
// everywhere; reversing makes it read position CopyLen - t, so the
// decoder's queries must find, by its position alone, a source token
// further away at every step.

// NewReverseTask returns the reversal task whose training batches are
// fixed by seed. Its sources are the copy task's: the same draws for the
// same seed and the same CopyHeldOut held-out sequences, none of which a
// training batch holds; only the targets differ.
func NewReverseTask(seed uint64) *CopyTask {
	c := NewCopyTask(seed)
	c.reverse = true
	return c
}

// ReverseTarget returns the reversal task's target for source src: its
// first token, then the rest of it in reverse order (a new slice).
func ReverseTarget(src []int) []int {
	t := make([]int, 0, len(src))
	if len(src) == 0 {
		return t
	}
	t = append(t, src[0])
	for i := len(src) - 1; i >= 1; i-- {
		t = append(t, src[i])
	}
	return t
}
